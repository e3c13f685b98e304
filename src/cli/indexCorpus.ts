import { isEntryPoint } from '../entryPoint.ts';
import type { EngineOptionsInput } from '../options.ts';
import { createProgressReporter } from '../progress.ts';
import { DEFAULT_CACHE_DIR, describeSnapshotEvent, loadOrBuildEngine } from '../snapshot/cachedEngine.ts';
import { describeChanges } from '../watch/diff.ts';
import { LiveEngine } from '../watch/liveEngine.ts';
import { type CliIo, parseCommandLine, processIo, runCli, UsageError } from './args.ts';
import { FOLDER_OPTIONS, folderOptionsOf } from './loadEngine.ts';

const USAGE = 'usage: npm run index -- [--corpus DIR] [--follow-links] [--base-url URL] [--cache DIR] [--check] [--watch]';

/**
 * Builds (or, with `--check`, only validates) the snapshot of a corpus, so the bot and the CLI start from it.
 * Always rebuilds unless `--check`: running it is how a user says "the corpus changed, index it now".
 * `--watch` then keeps running and re-indexes (snapshot included) whenever a corpus file changes.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    ...FOLDER_OPTIONS,
    cache: { type: 'string', default: DEFAULT_CACHE_DIR },
    check: { type: 'boolean', default: false },
    watch: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}. ${USAGE}`);
  const progress = createProgressReporter(io.stderr);
  const started = performance.now();
  const folder = folderOptionsOf(values, io.env);
  const { engine, fromSnapshot } = await loadOrBuildEngine(values.corpus, {
    ...folder,
    cacheDir: values.cache,
    force: !values.check,
    onWarning: (warning) => {
      progress.finish();
      io.stderr.write(`warning: ${warning.path}: ${warning.reason}\n`);
    },
    onBuildProgress: progress.update,
    onSnapshot: (event) => {
      progress.finish();
      io.stderr.write(`${describeSnapshotEvent(event)}\n`);
    },
  });
  progress.finish();
  const passages = engine.documents.reduce((sum, document) => sum + document.passages.length, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stdout.write(
    `${fromSnapshot ? 'snapshot valid' : 'indexed'}: ${engine.documents.length} documents, ${passages} passages, ${engine.warnings.length} skipped files, ${seconds}s\n`,
  );
  if (values.watch) await watchCorpus(values.corpus, values.cache, folder, io);
  return 0;
}

/** Re-indexes on every change until interrupted; one line per reload. */
async function watchCorpus(corpus: string, cacheDir: string, folder: EngineOptionsInput, io: CliIo): Promise<void> {
  const live = await LiveEngine.open(corpus, {
    ...folder,
    cacheDir,
    onSnapshot: (event) => io.stderr.write(`${describeSnapshotEvent(event)}\n`),
    onReload: (report) => io.stdout.write(`reindexed in ${(report.ms / 1000).toFixed(1)}s: ${describeChanges(report, report.documents)}\n`),
    onReloadError: (error) => io.stderr.write(`error: reindex failed, still serving the previous index: ${error.message}\n`),
  });
  live.watch();
  io.stderr.write(`watching ${corpus} for changes (Ctrl+C to stop)\n`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  live.close();
}

if (isEntryPoint(import.meta.url)) void runCli(() => main(process.argv.slice(2), processIo()));
