import { fileURLToPath } from 'node:url';
import { type Shard, ShardingManager } from 'discord.js';
import { loadOrBuildEngine } from '../../snapshot/cachedEngine.ts';
import type { BotConfig } from '../runtime/config.ts';
import { logSnapshotEvent, progressLines } from '../runtime/liveCorpus.ts';
import type { Logger } from '../runtime/logger.ts';
import type { ShardPlan } from './shardCount.ts';

/** How long one shard may take to load the corpus and connect before start-up is abandoned. */
const shardReadyTimeoutMs = 10 * 60_000;

/**
 * Runs each shard in a process of its own with discord.js's ShardingManager, each running src/bot/main.ts
 * with its own engine. The snapshot is loaded or built here first, so the shards load it instead of each
 * building the same index. SIGINT/SIGTERM stop every shard (each finishes its in-flight replies) and resolve
 * 0; a shard that does not start resolves 1.
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
  logger.info('starting shards', { shards: plan.count, from: plan.source, spawnDelayMs: plan.spawnDelayMs });

  const manager = new ShardingManager(fileURLToPath(new URL('../main.ts', import.meta.url)), {
    token: config.token,
    totalShards: plan.count,
    mode: 'process',
    // The shards run TypeScript like `npm start` does; NODE_OPTIONS and the environment pass through.
    execArgv: ['--import', import.meta.resolve('tsx')],
  });
  manager.on('shardCreate', (shard) => {
    logger.info('shard started', { shard: shard.id, of: plan.count });
    shard.on('death', () => logger.warn('shard exited', { shard: shard.id, code: shard.process?.exitCode ?? null }));
  });

  let stopping = false;
  const stopped = new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      stopping = true;
      logger.info('shutting down', { signal });
      stopShards(manager, logger).then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

  try {
    await manager.spawn({ amount: plan.count, delay: plan.spawnDelayMs, timeout: shardReadyTimeoutMs });
  } catch (error) {
    if (stopping) return stopped;
    logger.error('a shard did not start', { error });
    await stopShards(manager, logger);
    return 1;
  }
  if (stopping) {
    // A signal during start-up: the spawn loop went on starting shards after the others were stopped.
    await stopShards(manager, logger);
    return stopped;
  }
  logger.info('all shards ready', { shards: plan.count });
  return stopped;
}

/** Sends SIGTERM to every shard (each drains its replies and exits) and waits for them, without respawning. */
async function stopShards(manager: ShardingManager, logger: Logger): Promise<void> {
  manager.respawn = false;
  await Promise.all(
    [...manager.shards.values()].map(
      (shard: Shard) =>
        new Promise<void>((resolve) => {
          const child = shard.process;
          if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  logger.info('stopped');
}
