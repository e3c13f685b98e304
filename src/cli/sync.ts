import { join } from 'node:path';
import { corpusEnvironmentDefaults, DEFAULT_SOURCES_FILE, readCorpusEnvironment } from '../doors/environment.ts';
import { isEntryPoint } from '../entryPoint.ts';
import type { ProgressOutput } from '../progress.ts';
import type { SyncProgress } from '../sync/report.ts';
import { readSources, SourcesError } from '../sync/sources.ts';
import { formatSyncProgress, formatSyncSummary } from '../sync/summary.ts';
import { syncSources } from '../sync/syncSources.ts';
import { type CliIo, runCli } from './cliIo.ts';
import { defineCommand, helpText, parseCommand, UsageError } from './commandLine.ts';

/** Exit code when a declared source could not be synced (its site or repository out of reach). */
const SOURCE_NOT_SYNCED = 1;
/** Exit code after Ctrl-C: what was fetched is kept aside, and the next run resumes it. */
const INTERRUPTED = 130;
/** Plain progress lines (logs, pipes) at most this often. */
const PLAIN_INTERVAL_MS = 2_000;

export const syncCommand = defineCommand({
  run: 'npm run sync --',
  usage: ['[--source NAME] [--dry-run] [options]'],
  summary: [
    'Fetches what changed in each website and Git repository declared in the sources file into its own folder',
    'of the corpus: progress on stderr, then a summary (added, changed, unchanged, removed, failed). Exits 0 when',
    'the sync ran, even with failed pages; 1 when a source could not be reached; 2 for bad usage or a bad sources',
    'file; 130 when interrupted (the next run resumes).',
  ].join('\n'),
  options: {
    source: { type: 'string', value: 'NAME', description: 'sync only the source of this name', defaultText: 'every source' },
    'dry-run': { type: 'boolean', description: 'fetch and report what would change, writing nothing to the corpus' },
    sources: {
      type: 'string',
      value: 'FILE',
      description: 'the file declaring the websites and repositories to sync',
      defaultText: `CORPUS_SOURCES, else ${DEFAULT_SOURCES_FILE}`,
    },
    corpus: {
      type: 'string',
      value: 'DIR',
      description: 'the corpus folder; each source goes to its own subfolder',
      defaultText: `CORPUS_DIR, else ${corpusEnvironmentDefaults.corpusDir}`,
    },
    cache: {
      type: 'string',
      value: 'DIR',
      description: 'where Git clones and pages being fetched are kept, in its sources/ folder',
      defaultText: `CACHE_DIR, else ${corpusEnvironmentDefaults.cacheDir}`,
    },
  },
  examples: ['npm run sync -- --source docs --dry-run'],
});

/**
 * `npm run sync`: fetches what changed in each declared source (sources.yaml, or `--sources`/`CORPUS_SOURCES`)
 * into its folder of the corpus, with a progress bar on a terminal (plain lines otherwise), then prints a
 * summary. Exits 0 when the sync ran, even with failed or refused pages (the summary lists them); 1 when a
 * source could not be synced; 2 for bad usage or a bad sources file; 130 when interrupted.
 */
export async function main(argv: string[], io: CliIo, options: { signal?: AbortSignal; fetch?: typeof fetch } = {}): Promise<number> {
  const { values, positionals } = parseCommand(syncCommand, argv);
  if (values.help) {
    io.stdout.write(helpText(syncCommand));
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}: a source is named with --source NAME`);
  // The folders and the sources file as the bot reads them; a flag wins over its variable.
  const { settings, problems } = readCorpusEnvironment(io.env);
  const badSources = problems.find((problem) => problem.key === 'CORPUS_SOURCES');
  if (values.sources === undefined && badSources) throw new UsageError(badSources.message);
  const file = values.sources ?? settings.sourcesFile ?? DEFAULT_SOURCES_FILE;
  const corpusDir = values.corpus ?? settings.corpusDir;
  const cacheDir = values.cache ?? settings.cacheDir;
  let sources: Awaited<ReturnType<typeof readSources>>;
  try {
    sources = await readSources(file);
  } catch (error) {
    if (error instanceof SourcesError) throw new UsageError(error.message);
    throw error;
  }
  const progress = progressReporter(io.stderr);
  try {
    const reports = await syncSources(
      sources,
      {
        corpusDir,
        workDir: join(cacheDir, 'sources'),
        fetch: options.fetch ?? fetch,
        dryRun: values['dry-run'] ?? false,
        gitEnv: io.env,
        onProgress: progress.update,
        ...(options.signal && { signal: options.signal }),
      },
      values.source,
    );
    progress.finish();
    io.stdout.write(`${formatSyncSummary(reports)}\n`);
    return reports.some((report) => report.error !== null) ? SOURCE_NOT_SYNCED : 0;
  } catch (error) {
    progress.finish();
    if (error instanceof SourcesError) throw new UsageError(error.message);
    if (options.signal?.aborted) {
      io.stderr.write('interrupted: what was fetched is kept aside; run npm run sync again to resume\n');
      return INTERRUPTED;
    }
    throw error;
  }
}

/** Sync progress on `out`: one redrawn bar on a terminal; else a line as each source and phase starts, then every 2 s. */
export function progressReporter(out: ProgressOutput, now: () => number = () => performance.now()) {
  let open = false;
  let lastPlain = -Infinity;
  let lastSource = '';
  let lastPhase = '';
  return {
    update(progress: SyncProgress): void {
      const line = formatSyncProgress(progress);
      if (out.isTTY) {
        const width = Math.max(20, (out.columns ?? 80) - 1);
        out.write(`\r${line.slice(0, width).padEnd(width)}`);
        open = true;
        return;
      }
      const time = now();
      const fresh = progress.source !== lastSource || progress.phase !== lastPhase;
      if (fresh || time - lastPlain >= PLAIN_INTERVAL_MS) {
        lastPlain = time;
        out.write(`${line}\n`);
      }
      lastSource = progress.source;
      lastPhase = progress.phase;
    },
    finish(): void {
      if (open) out.write('\n');
      open = false;
    },
  };
}

if (isEntryPoint(import.meta.url)) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('interrupted')));
  void runCli((io) => main(process.argv.slice(2), io, { signal: controller.signal }));
}
