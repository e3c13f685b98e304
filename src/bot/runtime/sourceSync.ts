import { changedCorpus, type SourceReport } from '../../sync/report.ts';
import type { SourceDefinition } from '../../sync/sources.ts';
import { type SourceStatus, sourceStatuses, syncSources } from '../../sync/syncSources.ts';
import type { ReindexOutcome } from './deps.ts';
import type { Logger } from './logger.ts';

/** The bot's declared sources: synced on demand (`/reindex`) and on a schedule, and their state (`/sources`). */
export interface SourceSync {
  /** Syncs every source now; a call while a sync runs joins it. */
  run(): Promise<SourceReport[]>;
  /** Each source's last sync, page count and last error. */
  statuses(): Promise<SourceStatus[]>;
  /**
   * Syncs every `everyMs`, the first time when the least recently synced source is that old (at once for a
   * source never synced); the next one `everyMs` after each sync ends. Returns what stops it.
   */
  schedule(everyMs: number): () => void;
  /** Stops the schedule and any sync running (what it fetched is kept aside; the next sync resumes it). */
  close(): void;
}

export interface SourceSyncOptions {
  sources: readonly SourceDefinition[];
  corpusDir: string;
  /** The sync's work folder (clones, staged files): `CACHE_DIR/sources`. */
  workDir: string;
  /** The environment git runs in. */
  gitEnv: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** Called after each scheduled sync that changed the corpus, to serve the change (the live reload). */
  afterSync?: (reports: SourceReport[]) => Promise<unknown> | undefined;
  fetch?: typeof fetch;
  /** The least a scheduled sync waits after start-up, so the bot is connected and answering first. Default 30 s. */
  firstSyncAfterMs?: number;
}

export const sourceSyncDefaults = {
  firstSyncAfterMs: 30_000,
  /**
   * How long /reindex waits for the sources' sync before reindexing anyway: Discord lets a deferred reply be
   * edited for 15 minutes, and a first sync of a 2,000-page site at 2 requests a second takes about 17.
   */
  reindexWaitsForSyncMs: 10 * 60_000,
} as const;

/**
 * The sources of a bot. Each sync's outcome is logged (one line per source, with the first failures), and a
 * scheduled sync that changed the corpus is followed by `afterSync`.
 *
 * @example
 * const sync = createSourceSync({ sources, corpusDir: 'corpus', workDir: '.cache/corpus-qa/sources', gitEnv: env, logger });
 * sync.schedule(6 * 3_600_000);
 */
export function createSourceSync(options: SourceSyncOptions): SourceSync {
  const { logger } = options;
  const controller = new AbortController();
  let running: Promise<SourceReport[]> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const syncNow = async (): Promise<SourceReport[]> => {
    logger.info('syncing sources', { sources: options.sources.map((source) => source.name) });
    const reports = await syncSources(options.sources, {
      corpusDir: options.corpusDir,
      workDir: options.workDir,
      fetch: options.fetch ?? fetch,
      dryRun: false,
      gitEnv: options.gitEnv,
      signal: controller.signal,
    });
    for (const report of reports) logReport(logger, report);
    return reports;
  };

  const run = (): Promise<SourceReport[]> => {
    running ??= syncNow().finally(() => {
      running = undefined;
    });
    return running;
  };

  const statuses = () => sourceStatuses(options.sources, options.corpusDir);

  const schedule = (everyMs: number): (() => void) => {
    let stopped = false;
    const next = (delayMs: number) => {
      if (closed || stopped) return;
      timer = setTimeout(() => {
        run()
          .then((reports) => (reports.some(changedCorpus) ? options.afterSync?.(reports) : undefined))
          .catch((error: unknown) => {
            if (!controller.signal.aborted) logger.error('scheduled sync failed', { error });
          })
          .finally(() => next(everyMs));
      }, delayMs);
      timer.unref();
    };
    void statuses().then((all) => {
      const oldest = Math.min(...all.map((status) => status.lastSync?.getTime() ?? 0));
      const first = options.firstSyncAfterMs ?? sourceSyncDefaults.firstSyncAfterMs;
      const dueInMs = Math.min(everyMs, Math.max(first, oldest + everyMs - Date.now()));
      logger.info('sources sync scheduled', { everyMinutes: Math.round(everyMs / 60_000), firstInSeconds: Math.round(dueInMs / 1000) });
      next(dueInMs);
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  };

  return {
    run,
    statuses,
    schedule,
    close() {
      closed = true;
      clearTimeout(timer);
      controller.abort(new Error('the bot is shutting down'));
    },
  };
}

/** Failed and refused pages logged per source at most; the rest counted. */
const LOGGED_PROBLEMS = 5;

function logReport(logger: Logger, report: SourceReport): void {
  if (report.error !== null) {
    logger.warn('source not synced', { source: report.name, error: report.error });
    return;
  }
  logger.info('source synced', {
    source: report.name,
    added: report.added.length,
    changed: report.changed.length,
    unchanged: report.unchanged,
    removed: report.removed.length,
    failed: report.failed.length,
    refused: report.refused.length,
    bytes: report.bytes,
    ms: Math.round(report.ms),
    ...(report.notes.length > 0 && { notes: report.notes }),
  });
  const problems = [...report.failed, ...report.refused];
  if (problems.length > 0) {
    logger.warn('pages not synced', {
      source: report.name,
      pages: problems.slice(0, LOGGED_PROBLEMS).map((problem) => `${problem.url}: ${problem.reason}`),
      ...(problems.length > LOGGED_PROBLEMS && { more: problems.length - LOGGED_PROBLEMS }),
    });
  }
}

/**
 * `/reindex` for a bot with sources: syncs them first (joining a sync already running), then rebuilds the
 * index (`reindex`). The folder watch is held meanwhile (`holdWatch`), so the rebuild reads and reports what
 * the sync wrote instead of a watch reload taking it first. A sync that takes longer than `waitMs` goes on:
 * the index is rebuilt without waiting, and what the sync changes is served by `refresh` when it ends.
 */
export function syncThenReindex(
  sync: Pick<SourceSync, 'run'>,
  corpus: { reindex: () => Promise<ReindexOutcome>; refresh: () => Promise<unknown>; holdWatch?: () => () => void },
  waitMs: number = sourceSyncDefaults.reindexWaitsForSyncMs,
): () => Promise<ReindexOutcome> {
  return async () => {
    const release = corpus.holdWatch?.() ?? (() => undefined);
    let releasedBySync = false;
    try {
      const syncing = sync.run();
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), waitMs);
      });
      const synced = await Promise.race([syncing, waited]).finally(() => clearTimeout(timer));
      if (synced === null) {
        releasedBySync = true;
        void syncing
          .then(() => corpus.refresh())
          .catch(() => undefined)
          .finally(release);
      }
      const outcome = await corpus.reindex();
      return synced === null ? { ...outcome, syncStillRunning: true } : { ...outcome, synced };
    } finally {
      if (!releasedBySync) release();
    }
  };
}
