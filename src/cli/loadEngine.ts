import { normalizeBaseUrl } from '../corpus/documentUrl.ts';
import { Engine } from '../engine.ts';
import type { EngineOptionsInput } from '../options.ts';
import { createProgressReporter } from '../progress.ts';
import { DEFAULT_CACHE_DIR, describeSnapshotEvent, loadOrBuildEngine } from '../snapshot/cachedEngine.ts';
import { type CliIo, UsageError } from './args.ts';

/**
 * Options of every CLI that reads a corpus: its folder, whether links out of it are followed (default
 * from `CORPUS_FOLLOW_LINKS`), the site its files are published at (default from `CORPUS_BASE_URL`) and,
 * for those that answer from it, where its snapshot is kept.
 */
export const FOLDER_OPTIONS = {
  corpus: { type: 'string', default: 'corpus' },
  'follow-links': { type: 'boolean' },
  'base-url': { type: 'string' },
} as const;

export const CORPUS_OPTIONS = {
  ...FOLDER_OPTIONS,
  cache: { type: 'string', default: DEFAULT_CACHE_DIR },
  'no-cache': { type: 'boolean', default: false },
} as const;

/** What the parsed `FOLDER_OPTIONS` ask of the engine; a flag wins over the environment. */
export function folderOptionsOf(
  values: { 'follow-links'?: boolean | undefined; 'base-url'?: string | undefined },
  env: Readonly<Record<string, string | undefined>> = process.env,
): EngineOptionsInput {
  const rawBase = values['base-url'] ?? env.CORPUS_BASE_URL?.trim() ?? '';
  const baseUrl = rawBase === '' ? null : normalizeBaseUrl(rawBase);
  if (baseUrl === null && rawBase !== '') {
    throw new UsageError(
      `${values['base-url'] === undefined ? 'CORPUS_BASE_URL' : '--base-url'} must be an http(s) URL (got "${rawBase}")`,
    );
  }
  return { followLinks: values['follow-links'] ?? envSwitch(env, 'CORPUS_FOLLOW_LINKS'), baseUrl };
}

function envSwitch(env: Readonly<Record<string, string | undefined>>, key: string): boolean {
  const raw = env[key]?.trim().toLowerCase() ?? '';
  if (raw === '' || /^(0|false|off|no)$/.test(raw)) return false;
  if (/^(1|true|on|yes)$/.test(raw)) return true;
  throw new UsageError(`${key} must be 1/true/on or 0/false/off (got "${raw}")`);
}

/**
 * Builds the engine for a CLI run from a snapshot under `cacheDir` when one matches the corpus (else builds
 * and saves one), or straight from the files when `cacheDir` is null. One warning line per skipped file;
 * a progress bar on a terminal; a line when a snapshot had to be rebuilt for a reason worth knowing.
 */
export async function loadEngineForCli(
  values: {
    corpus: string;
    cache: string;
    'no-cache': boolean;
    'follow-links'?: boolean | undefined;
    'base-url'?: string | undefined;
  },
  io: Pick<CliIo, 'stderr' | 'env'>,
): Promise<Engine> {
  const corpusDir = values.corpus;
  const cacheDir = values['no-cache'] ? null : values.cache;
  const { stderr } = io;
  const progress = createProgressReporter(stderr);
  const reporting = {
    ...folderOptionsOf(values, io.env),
    onWarning: (warning: { path: string; reason: string }) => {
      progress.finish();
      stderr.write(`warning: ${warning.path}: ${warning.reason}\n`);
    },
    // Plain progress lines would clutter every answer piped from a small corpus; a terminal gets the bar.
    onBuildProgress: stderr.isTTY ? progress.update : undefined,
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
          stderr.write(`${describeSnapshotEvent(event)}\n`);
        }
      },
    });
    engine = loaded.engine;
    // A snapshot remembers the files it skipped; say so again, as a fresh build would.
    if (loaded.fromSnapshot) for (const warning of engine.warnings) reporting.onWarning(warning);
  }
  progress.finish();
  if (engine.documents.length === 0) stderr.write(`warning: no readable documents in ${corpusDir}\n`);
  return engine;
}
