import { fileURLToPath } from 'node:url';
import { type Shard, ShardingManager } from 'discord.js';
import { loadOrBuildEngine } from '../../snapshot/cachedEngine.ts';
import type { BotConfig } from '../runtime/config.ts';
import { logSnapshotEvent, progressLines } from '../runtime/liveCorpus.ts';
import type { Logger } from '../runtime/logger.ts';
import { partOf, type ShardPlan } from './shardCount.ts';

/** How long one shard may take to load the corpus and connect before start-up is abandoned. */
const shardReadyTimeoutMs = 10 * 60_000;

/**
 * Runs each shard in a process of its own with discord.js's ShardingManager, each running src/bot/main.ts
 * with its own engine. The snapshot is loaded or built here first, so the shards load it instead of each
 * building the same index. SIGINT/SIGTERM stop every shard (each finishes its in-flight replies) and resolve
 * 0. A shard that does not start, or whose gateway Discord closes for good (an invalid token, refused
 * intents), stops every shard and resolves 1; a shard that crashes otherwise is started again.
 */
export async function runShardProcesses(config: BotConfig, plan: ShardPlan, logger: Logger): Promise<number> {
  try {
    const progress = progressLines(logger);
    // With the shards' own corpus options, so the snapshot's fingerprint is the one they look for.
    await loadOrBuildEngine(config.corpusDir, {
      cacheDir: config.cacheDir,
      followLinks: config.followLinks,
      baseUrl: config.baseUrl,
      onSnapshot: (event) => logSnapshotEvent(logger, event),
      onBuildProgress: progress.update,
    });
  } catch (error) {
    logger.error('could not start the shards', { error });
    return 1;
  }
  logger.info('starting shards', { shards: plan.count, ...partOf(plan), from: plan.source, spawnDelayMs: plan.spawnDelayMs });

  const manager = new ShardingManager(fileURLToPath(new URL('../main.ts', import.meta.url)), {
    token: config.token,
    totalShards: plan.count,
    shardList: [...plan.ids],
    mode: 'process',
    // The shards run TypeScript like `npm start` does; NODE_OPTIONS and the environment pass through.
    execArgv: ['--import', import.meta.resolve('tsx')],
  });

  let stopping = false;
  let settle: (code: number) => void = () => {};
  const stopped = new Promise<number>((resolve) => (settle = resolve));
  const stop = (code: number, closedShard?: Shard) => {
    if (stopping) return;
    stopping = true;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stopShards(manager, logger, closedShard).then(() => settle(code));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info('shutting down', { signal });
    stop(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  manager.on('shardCreate', (shard) => {
    logger.info('shard started', { shard: shard.id, of: plan.count });
    shard.on('death', () => logger.warn('shard exited', { shard: shard.id, code: shard.process?.exitCode ?? null }));
    // discord.js's 'disconnect': the shard's gateway was closed with a code it does not reconnect after (the
    // shard logged which, and what to do). Sent while the shard drains, so respawning is off before it exits:
    // a new process would be refused the same way, forever.
    shard.on('disconnect', () => {
      if (stopping) return;
      logger.error('Discord closed a shard for good; stopping every shard (the shard logged why)', { shard: shard.id });
      stop(1, shard);
    });
  });

  try {
    await manager.spawn({ amount: plan.count, delay: plan.spawnDelayMs, timeout: shardReadyTimeoutMs });
  } catch (error) {
    if (!stopping) logger.error('a shard did not start', { error });
    stop(1);
    return stopped;
  }
  if (stopping) {
    // A signal during start-up: the spawn loop went on starting shards after the others were stopped.
    await stopShards(manager, logger);
    return stopped;
  }
  logger.info('all shards ready', { shards: plan.count });
  return stopped;
}

/**
 * Sends SIGTERM to every shard (each drains its replies and exits) and waits for them, without respawning.
 * `closedShard` is already draining after its gateway closed: it is waited for, not signalled, since a second
 * signal would end it at once.
 */
async function stopShards(manager: ShardingManager, logger: Logger, closedShard?: Shard): Promise<void> {
  manager.respawn = false;
  await Promise.all(
    [...manager.shards.values()].map(
      (shard: Shard) =>
        new Promise<void>((resolve) => {
          const child = shard.process;
          if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          if (shard !== closedShard) child.kill('SIGTERM');
        }),
    ),
  );
  logger.info('stopped');
}
