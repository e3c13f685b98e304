import { Engine } from '../engine.ts';
import { createProgressReporter } from '../progress.ts';
import { DEFAULT_CACHE_DIR, describeSnapshotEvent, loadOrBuildEngine } from '../snapshot/cachedEngine.ts';

/** Options of every CLI that answers from a corpus: its folder and where its snapshot is kept. */
export const CORPUS_OPTIONS = {
  corpus: { type: 'string', default: 'corpus' },
  cache: { type: 'string', default: DEFAULT_CACHE_DIR },
  'no-cache': { type: 'boolean', default: false },
} as const;

/** The cache folder the parsed `CORPUS_OPTIONS` ask for; null for `--no-cache`. */
export function cacheDirOf(values: { cache: string; 'no-cache': boolean }): string | null {
  return values['no-cache'] ? null : values.cache;
}

/**
 * Builds the engine for a CLI run from a snapshot under `cacheDir` when one matches the corpus (else builds
 * and saves one), or straight from the files when `cacheDir` is null. One warning line per skipped file;
 * a progress bar on a terminal; a line when a snapshot had to be rebuilt for a reason worth knowing.
 */
export async function loadEngineForCli(corpusDir: string, cacheDir: string | null): Promise<Engine> {
  const progress = createProgressReporter(process.stderr);
  const reporting = {
    onWarning: (warning: { path: string; reason: string }) => {
      progress.finish();
      process.stderr.write(`warning: ${warning.path}: ${warning.reason}\n`);
    },
    // Plain progress lines would clutter every answer piped from a small corpus; a terminal gets the bar.
    onBuildProgress: process.stderr.isTTY ? progress.update : undefined,
  };
  let engine: Engine;
  if (cacheDir === null) {
    engine = await Engine.fromFolder(corpusDir, reporting);
  } else {
    const loaded = await loadOrBuildEngine(corpusDir, {
      ...reporting,
      cacheDir,
      onSnapshot: (event) => {
        if (event.kind === 'save-failed' || (event.kind === 'rebuilding' && event.reason !== 'no snapshot yet')) {
          progress.finish();
          process.stderr.write(`${describeSnapshotEvent(event)}\n`);
        }
      },
    });
    engine = loaded.engine;
    // A snapshot remembers the files it skipped; say so again, as a fresh build would.
    if (loaded.fromSnapshot) for (const warning of engine.warnings) reporting.onWarning(warning);
  }
  progress.finish();
  if (engine.documents.length === 0) process.stderr.write(`warning: no readable .txt or .md documents in ${corpusDir}\n`);
  return engine;
}
