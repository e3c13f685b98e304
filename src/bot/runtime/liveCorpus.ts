import type { Engine } from '../../engine.ts';
import { EventLoopDelayMonitor } from '../../eventLoopDelay.ts';
import { createProgressReporter } from '../../progress.ts';
import type { SnapshotEvent } from '../../snapshot/cachedEngine.ts';
import { LiveEngine, type ReloadReport } from '../../watch/liveEngine.ts';
import { corpusChars, type EngineSource, type ReindexOutcome } from './deps.ts';
import type { Logger } from './logger.ts';

export interface LiveCorpusOptions {
  corpusDir: string;
  /** Snapshot cache folder (BotConfig.cacheDir). */
  cacheDir: string;
  /** Follow the folder and reload on changes (BotConfig.watchCorpus). */
  watch: boolean;
  /** Serve files linked in from outside the folder (BotConfig.followLinks). */
  followLinks?: boolean;
  /** The site the corpus is published at (BotConfig.baseUrl). */
  baseUrl?: string | null;
  logger: Logger;
  /** Quiet period after the last file event before reloading; LiveEngine's default (500 ms) when unset. */
  debounceMs?: number;
}

/** The bot's corpus: the current engine (read once per interaction), a forced reload, and closing the watcher. */
export interface LiveCorpus extends EngineSource {
  readonly engine: Engine;
  /** Rebuilds now (/reindex). A call while one runs joins it instead of starting another. */
  reindex(): Promise<ReindexOutcome>;
  /** Reads the files changed since the last load now, as the folder watch would (after a sync). */
  refresh(): Promise<ReloadReport>;
  /** Holds the folder watch's reloads until the release is called (`LiveEngine.holdWatch`). */
  holdWatch(): () => void;
  /** Stops watching the folder. */
  close(): void;
}

/**
 * Opens the corpus for the bot: loads the snapshot when it is valid, else builds in slices (logging progress
 * lines and the worst event-loop delay), builds the entity index, and, when asked, watches the folder.
 *
 * @example
 * const corpus = await openLiveCorpus({ corpusDir: 'corpus', cacheDir: '.cache/corpus-qa', watch: true, logger });
 * corpus.engine.answer("who met Portugal's minister?");
 */
export async function openLiveCorpus(options: LiveCorpusOptions): Promise<LiveCorpus> {
  const { logger } = options;
  const monitor = new EventLoopDelayMonitor();
  const logDelay = (during: 'start-up' | 'reload') => {
    const figures = monitor.finish();
    if (figures) logger.info('event loop delay while indexing', { during, ...figures });
  };
  let progress: ReturnType<typeof createProgressReporter> | undefined;
  let live: LiveEngine | undefined;

  const onSnapshot = (event: SnapshotEvent) => {
    logSnapshotEvent(logger, event);
    if (event.kind === 'rebuilding') {
      monitor.start();
      // A fresh reporter per build: it remembers which phases it has finished.
      progress = progressLines(logger);
    }
  };

  const onReload = (report: ReloadReport) => {
    logDelay('reload');
    const engine = live!.engine;
    logWarnings(logger, engine);
    logger.info('corpus reloaded', {
      added: report.added.length,
      changed: report.changed.length,
      removed: report.removed.length,
      documents: report.documents,
      ms: Math.round(report.ms),
    });
  };

  const started = performance.now();
  monitor.start();
  try {
    live = await LiveEngine.open(options.corpusDir, {
      cacheDir: options.cacheDir,
      followLinks: options.followLinks ?? false,
      baseUrl: options.baseUrl ?? null,
      // Built in slices before each engine is served: no interaction waits for it or sees an engine without it.
      entities: true,
      onSnapshot,
      onBuildProgress: (p) => progress?.update(p),
      // Measured over every reload: one that applies changed files builds nothing and says no 'rebuilding'.
      onReloadStart: () => monitor.start(),
      onReload,
      onReloadError: (error) => {
        logDelay('reload');
        logger.error('reload failed; still answering from the previous index', { error });
      },
      ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
    });
  } catch (error) {
    monitor.cancel();
    throw error;
  }
  logDelay('start-up');
  const engine = live.engine;
  logWarnings(logger, engine);
  logger.info('corpus loaded', {
    corpusDir: options.corpusDir,
    documents: engine.documents.length,
    chars: corpusChars(engine),
    entities: engine.entities.list().length,
    ms: Math.round(performance.now() - started),
  });
  if (options.watch) {
    live.watch();
    logger.info('watching the corpus folder', { corpusDir: options.corpusDir });
  }

  const opened = live;
  return {
    get engine() {
      return opened.engine;
    },
    reindex: joiningRuns(() => opened.reload({ force: true })),
    refresh: () => opened.reload(),
    holdWatch: () => opened.holdWatch(),
    close: () => opened.close(),
  };
}

/** `run` as /reindex calls it: a call while one runs joins it instead of starting another. */
export function joiningRuns(run: () => Promise<ReloadReport>): () => Promise<ReindexOutcome> {
  let running: Promise<ReloadReport> | undefined;
  return async () => {
    if (running) return { report: await running, joined: true };
    running = run();
    try {
      return { report: await running, joined: false };
    } finally {
      running = undefined;
    }
  };
}

function logWarnings(logger: Logger, engine: Engine): void {
  for (const warning of engine.warnings) logger.warn('corpus file skipped', { path: warning.path, reason: warning.reason });
}

/** Build progress as `indexing` log lines: one as each phase ends and one every 2 s in between. */
export function progressLines(logger: Logger): ReturnType<typeof createProgressReporter> {
  return createProgressReporter({ isTTY: false, write: (text) => logger.info('indexing', { progress: text.trim() }) });
}

/** One structured log line per snapshot event. */
export function logSnapshotEvent(logger: Logger, event: SnapshotEvent): void {
  switch (event.kind) {
    case 'loaded':
      logger.info('snapshot loaded', { dir: event.dir, ms: Math.round(event.ms) });
      return;
    case 'rebuilding':
      logger.info('building the index', { reason: event.reason });
      return;
    case 'saved':
      logger.info('snapshot saved', { dir: event.dir, bytes: event.bytes, ms: Math.round(event.ms) });
      return;
    case 'save-failed':
      logger.warn('snapshot not saved', { dir: event.dir, reason: event.reason });
      return;
  }
}
