import { join } from 'node:path';
import { readSources, type SourceDefinition } from '../../sync/sources.ts';
import { type Bot, createBot, GatewayClosedError, type ShardSet } from './bot.ts';
import type { BotIo } from './botIo.ts';
import { type BotConfig, readEnvironment, secretsOf } from './config.ts';
import type { ReindexOutcome } from './deps.ts';
import { type LiveCorpus, openLiveCorpus } from './liveCorpus.ts';
import { loadCommands } from './loadCommands.ts';
import { createLogger } from './logger.ts';
import { openStoreForBot, purgeDaily } from './openStore.ts';
import { RateLimiter } from './rateLimit.ts';
import { exposeReindex, reindexEveryShard } from './shardReindex.ts';
import { createSourceSync, type SourceSync, syncThenReindex } from './sourceSync.ts';
import { openStoredCorpus } from './storedCorpus.ts';

/**
 * Runs the bot until SIGINT/SIGTERM: opens the database in DATA_DIR and the corpus (from its snapshot when
 * valid), connects to Discord (as `shards`, one gateway connection each, when given) and answers, then
 * finishes in-flight replies and resolves 0. Setup problems (a damaged or locked database among them), and
 * Discord closing the gateway for good (an invalid token), resolve 1 after one log line.
 */
export async function runBot(
  config: BotConfig,
  options: { shards?: ShardSet; io?: Pick<BotIo, 'stdout' | 'events'> & Partial<Pick<BotIo, 'env'>> } = {},
): Promise<number> {
  const { stdout, events } = options.io ?? { stdout: process.stdout, events: process };
  const logger = createLogger({ secrets: secretsOf(config), write: (line) => stdout.write(`${line}\n`) });
  events.on('unhandledRejection', (error) => logger.error('unhandled rejection', { error }));

  // First, since it is quick: a database that cannot be used stops start-up before the corpus is built.
  const store = await openStoreForBot({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    retentionDays: config.retentionDays,
    logger,
  });
  if (store === null) return 1;
  const stopPurging = purgeDaily(store, logger);
  const closeStore = async () => {
    stopPurging();
    await store.close().catch((error: unknown) => logger.warn('could not close the database', { error }));
  };

  let sources: SourceDefinition[] | null = null;
  if (config.sourcesFile !== null) {
    try {
      sources = await readSources(config.sourcesFile);
    } catch (error) {
      logger.error('could not read the sources file', { error });
      await closeStore();
      return 1;
    }
  }

  let corpus: LiveCorpus;
  try {
    const folder = { corpusDir: config.corpusDir, followLinks: config.followLinks, baseUrl: config.baseUrl, logger };
    corpus =
      config.search === 'postgres'
        ? await openStoredCorpus({ ...folder, databaseUrl: config.databaseUrl! })
        : await openLiveCorpus({ ...folder, cacheDir: config.cacheDir, watch: config.watchCorpus });
  } catch (error) {
    logger.error('could not load the corpus', { corpusDir: config.corpusDir, error });
    await closeStore();
    return 1;
  }

  const reindexHere = () => corpus.reindex();
  const sourceSync: SourceSync | undefined =
    sources === null
      ? undefined
      : createSourceSync({
          sources,
          corpusDir: config.corpusDir,
          workDir: join(config.cacheDir, 'sources'),
          gitEnv: withoutToken(options.io?.env ?? readEnvironment()),
          logger,
          afterSync: () => corpus.refresh(),
        });
  const reindexShards = (): Promise<ReindexOutcome> => reindexEveryShard(bot.client, reindexHere);
  const reindex = sourceSync
    ? syncThenReindex(sourceSync, { reindex: reindexShards, refresh: () => corpus.refresh(), holdWatch: () => corpus.holdWatch() })
    : reindexShards;
  const bot: Bot = createBot({
    token: config.token,
    apiUrl: config.apiUrl,
    ...(options.shards && { shards: options.shards }),
    commands: await loadCommands(),
    context: {
      engines: corpus,
      logger,
      limiter: new RateLimiter(),
      store,
      reindex,
      ...(sourceSync && { sources: sourceSync }),
      messageContent: config.messageContent,
    },
  });
  exposeReindex(bot.client, reindexHere);
  // One process syncs: under the ShardingManager, the one holding shard 0.
  if (sourceSync && config.syncEveryMs !== null && (bot.client.shard?.ids.includes(0) ?? true)) sourceSync.schedule(config.syncEveryMs);

  const stopped = new Promise<number>((resolve) => {
    // Once only: a shard on a terminal gets Ctrl-C's SIGINT and then the manager's SIGTERM. With the
    // handlers gone, a second signal during the drain ends the process at once, as users expect.
    // Discord closing the gateway for good (already logged by the bot) stops it the same way, but exits 1.
    let stopping = false;
    const stop = (reason: { signal: NodeJS.Signals } | { gatewayClosed: number }) => {
      if (stopping) return;
      stopping = true;
      events.off('SIGINT', onSignal);
      events.off('SIGTERM', onSignal);
      if ('signal' in reason) logger.info('shutting down', reason);
      sourceSync?.close();
      corpus.close();
      bot
        .stop()
        .then(
          () => ('signal' in reason ? 0 : 1),
          (error: unknown) => {
            logger.error('shutdown failed', { error });
            return 1;
          },
        )
        // Closed after the drain, so the replies in flight still log their questions.
        .then(async (code) => {
          await closeStore();
          resolve(code);
        });
    };
    const onSignal = (signal: NodeJS.Signals) => stop({ signal });
    events.on('SIGINT', onSignal);
    events.on('SIGTERM', onSignal);
    void bot.closed.then((closed) => stop({ gatewayClosed: closed.code }));
  });

  try {
    await bot.start();
  } catch (error) {
    // An unrecoverable gateway close has been logged already, in one line that says what to do.
    if (!(error instanceof GatewayClosedError)) logger.error('could not connect to Discord', { error });
    sourceSync?.close();
    corpus.close();
    await closeStore();
    await bot.client.destroy();
    return 1;
  }
  return stopped;
}

/** The environment without the bot's token: git and whatever it runs (credential helpers, hooks) never see it. */
function withoutToken(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([key]) => key !== 'DISCORD_TOKEN'));
}
