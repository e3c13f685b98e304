import { describeChanges } from '../corpus/diffDocuments.ts';
import { isEntryPoint } from '../entryPoint.ts';
import type { EngineOptionsInput } from '../options.ts';
import { indexFolderToPostgres } from '../postgresSearch/indexFolder.ts';
import { createProgressReporter } from '../progress.ts';
import { describeSnapshotEvent, loadOrBuildEngine, type SnapshotEvent } from '../snapshot/cachedEngine.ts';
import { LiveEngine } from '../watch/liveEngine.ts';
import { type CliIo, runCli } from './cliIo.ts';
import { defineCommand, helpText, parseCommand, UsageError } from './commandLine.ts';
import {
  buildJobsOf,
  CORPUS_OPTIONS,
  type CorpusChoice,
  checkCorpusFolder,
  corpusChoiceOf,
  FOLDER_OPTIONS,
  requireDocuments,
  searchChoiceOf,
} from './loadEngine.ts';

export const indexCommand = defineCommand({
  run: 'npm run index --',
  usage: ['[--check] [--watch] [options]'],
  summary: [
    'Builds the index snapshot of a corpus, so the bot and the CLI start from it instead of reading every file.',
    'Exits 1 when the snapshot could not be saved, saying why; 2 on bad usage or a corpus it cannot serve.',
  ].join('\n'),
  options: {
    check: { type: 'boolean', description: 'keep a snapshot that still matches the corpus instead of rebuilding it' },
    watch: { type: 'boolean', description: 'then keep running and re-index whenever a corpus file changes' },
    to: {
      type: 'string',
      value: 'postgres',
      description: 'write the index to the PostgreSQL database at DATABASE_URL instead (for SEARCH=postgres); again to update it',
    },
    ...FOLDER_OPTIONS,
    cache: CORPUS_OPTIONS.cache,
  },
  examples: ['npm run index -- --corpus docs', 'DATABASE_URL=postgres://localhost/qa npm run index -- --corpus docs --to postgres'],
});

/**
 * Builds (or, with `--check`, only validates) the snapshot of a corpus, so the bot and the CLI start from it.
 * Always rebuilds unless `--check`: running it is how a user says "the corpus changed, index it now".
 * `--watch` then keeps running and re-indexes (snapshot included) whenever a corpus file changes.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(indexCommand, argv);
  if (values.help) {
    io.stdout.write(helpText(indexCommand));
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}: the folder goes after --corpus`);
  const choice = corpusChoiceOf(values, io.env);
  const jobs = buildJobsOf(values);
  await checkCorpusFolder(choice);
  if (values.to !== undefined) {
    if (values.to !== 'postgres') throw new UsageError(`--to takes postgres (got ${JSON.stringify(values.to)})`);
    if (values.watch || values.check)
      throw new UsageError('--to postgres updates the index each time it runs: run it again instead of --watch or --check');
    return indexToPostgres(choice, jobs, io);
  }
  const { corpusDir } = choice;
  const cacheDir = choice.cacheDir!;
  const progress = createProgressReporter(io.stderr);
  const started = performance.now();
  let notSaved: Extract<SnapshotEvent, { kind: 'save-failed' }> | undefined;
  const { engine, fromSnapshot } = await loadOrBuildEngine(corpusDir, {
    ...choice.folder,
    jobs,
    cacheDir,
    force: !values.check,
    onWarning: (warning) => {
      progress.finish();
      io.stderr.write(`warning: ${warning.path}: ${warning.reason}\n`);
    },
    onBuildProgress: progress.update,
    onSnapshot: (event) => {
      progress.finish();
      if (event.kind === 'save-failed') notSaved = event;
      else io.stderr.write(`${describeSnapshotEvent(event)}\n`);
    },
  });
  progress.finish();
  requireDocuments(engine, corpusDir);
  if (notSaved !== undefined) {
    io.stderr.write(`error: snapshot not saved to ${notSaved.dir}: ${notSaved.reason} (give a writable folder with --cache DIR)\n`);
    return 1;
  }
  const passages = engine.documents.reduce((sum, document) => sum + document.passages.length, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stdout.write(
    `${fromSnapshot ? 'snapshot valid' : 'indexed'}: ${engine.documents.length} documents, ${passages} passages, ${engine.warnings.length} skipped files, ${seconds}s\n`,
  );
  if (values.watch) await watchCorpus(corpusDir, cacheDir, choice.folder, io);
  return 0;
}

/**
 * Brings the folder's index in PostgreSQL up to date (`indexFolderToPostgres`): one line of what it did,
 * progress on the way. Stops with one line when DATABASE_URL is missing or the folder serves no document.
 */
async function indexToPostgres(choice: CorpusChoice, jobs: number, io: CliIo): Promise<number> {
  const { databaseUrl } = searchChoiceOf(io.env);
  if (databaseUrl === null) throw new UsageError('--to postgres needs DATABASE_URL: the database to write the index to');
  const progress = createProgressReporter(io.stderr);
  const started = performance.now();
  const report = await indexFolderToPostgres(databaseUrl, choice.corpusDir, {
    ...choice.folder,
    jobs,
    onWarning: (warning) => {
      progress.finish();
      io.stderr.write(`warning: ${warning.path}: ${warning.reason}\n`);
    },
    onBuildProgress: progress.update,
  });
  progress.finish();
  if (report.documents === 0) throw new UsageError(`no readable documents in ${choice.corpusDir}: nothing indexed`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stdout.write(
    `indexed to PostgreSQL: ${report.documents} documents, ${report.passages} passages (${report.written} written, ${report.unchanged} unchanged, ${report.removed.length} removed), ${report.warnings.length} skipped files, ${seconds}s\n`,
  );
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

if (isEntryPoint(import.meta.url)) void runCli((io) => main(process.argv.slice(2), io));
