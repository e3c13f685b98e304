import type { EngineOptionsInput } from '../options.ts';
import { createProgressReporter } from '../progress.ts';
import { DEFAULT_CACHE_DIR, describeSnapshotEvent, loadOrBuildEngine } from '../snapshot/cachedEngine.ts';
import { describeChanges } from '../watch/diff.ts';
import { LiveEngine } from '../watch/liveEngine.ts';
import { parseCommandLine, runCli, UsageError } from './args.ts';
import { FOLDER_OPTIONS, folderOptionsOf } from './loadEngine.ts';

const USAGE = 'usage: npm run index -- [--corpus DIR] [--follow-links] [--base-url URL] [--cache DIR] [--check] [--watch]';

/**
 * Builds (or, with `--check`, only validates) the snapshot of a corpus, so the bot and the CLI start from it.
 * Always rebuilds unless `--check`: running it is how a user says "the corpus changed, index it now".
 * `--watch` then keeps running and re-indexes (snapshot included) whenever a corpus file changes.
 */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    ...FOLDER_OPTIONS,
    cache: { type: 'string', default: DEFAULT_CACHE_DIR },
    check: { type: 'boolean', default: false },
    watch: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}. ${USAGE}`);
  const progress = createProgressReporter(process.stderr);
  const started = performance.now();
  const folder = folderOptionsOf(values);
  const { engine, fromSnapshot } = await loadOrBuildEngine(values.corpus, {
    ...folder,
    cacheDir: values.cache,
    force: !values.check,
    onWarning: (warning) => {
      progress.finish();
      process.stderr.write(`warning: ${warning.path}: ${warning.reason}\n`);
    },
    onBuildProgress: progress.update,
    onSnapshot: (event) => {
      progress.finish();
      process.stderr.write(`${describeSnapshotEvent(event)}\n`);
    },
  });
  progress.finish();
  const passages = engine.documents.reduce((sum, document) => sum + document.passages.length, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${fromSnapshot ? 'snapshot valid' : 'indexed'}: ${engine.documents.length} documents, ${passages} passages, ${engine.warnings.length} skipped files, ${seconds}s\n`,
  );
  if (values.watch) await watchCorpus(values.corpus, values.cache, folder);
  return 0;
}

/** Re-indexes on every change until interrupted; one line per reload. */
async function watchCorpus(corpus: string, cacheDir: string, folder: EngineOptionsInput): Promise<void> {
  const live = await LiveEngine.open(corpus, {
    ...folder,
    cacheDir,
    onSnapshot: (event) => process.stderr.write(`${describeSnapshotEvent(event)}\n`),
    onReload: (report) =>
      process.stdout.write(`reindexed in ${(report.ms / 1000).toFixed(1)}s: ${describeChanges(report, report.documents)}\n`),
    onReloadError: (error) => process.stderr.write(`error: reindex failed, still serving the previous index: ${error.message}\n`),
  });
  live.watch();
  process.stderr.write(`watching ${corpus} for changes (Ctrl+C to stop)\n`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  live.close();
}

void runCli(() => main(process.argv.slice(2)));
