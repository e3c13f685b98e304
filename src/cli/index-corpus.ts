import { loadOrBuildEngine, DEFAULT_CACHE_DIR, describeSnapshotEvent } from '../snapshot/cachedEngine.ts';
import { parseCommandLine, runCli, UsageError } from './args.ts';
import { createProgressReporter } from './progress.ts';

const USAGE = 'usage: npm run index -- [--corpus DIR] [--cache DIR] [--check]';

/**
 * Builds (or, with `--check`, only validates) the snapshot of a corpus, so the bot and the CLI start from it.
 * Always rebuilds unless `--check`: running it is how a user says "the corpus changed, index it now".
 */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    corpus: { type: 'string', default: 'corpus' },
    cache: { type: 'string', default: DEFAULT_CACHE_DIR },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}. ${USAGE}`);
  const progress = createProgressReporter(process.stderr);
  const started = performance.now();
  const { engine, fromSnapshot } = await loadOrBuildEngine(values.corpus, {
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
  return 0;
}

void runCli(() => main(process.argv.slice(2)));
