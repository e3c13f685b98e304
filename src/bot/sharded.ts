/**
 * `npm run start:sharded`: runs the bot as several gateway shards, as Discord requires from 2,500 servers.
 * The count comes from DISCORD_SHARDS or from `GET /gateway/bot` on the configured API base
 * (src/bot/sharding/shardCount.ts). By default (`DISCORD_SHARDING=internal`) one process runs every shard,
 * one gateway connection each, over one engine; `DISCORD_SHARDING=process` runs a process per shard
 * (src/bot/sharding/processShards.ts), each with its own engine. Exits 0 after SIGINT/SIGTERM; setup
 * problems exit 1.
 */
import { type BotConfig, configFromEnvironment, secretsOf } from './runtime/config.ts';
import { createLogger } from './runtime/logger.ts';
import { runBot } from './runtime/runBot.ts';
import { runShardProcesses } from './sharding/processShards.ts';
import { partOf, planShards, type ShardPlan } from './sharding/shardCount.ts';

const config = configFromEnvironment();
process.exitCode = config === null ? 1 : await startSharded(config);
process.exit();

async function startSharded(config: BotConfig): Promise<number> {
  const logger = createLogger({ secrets: secretsOf(config) });
  let plan: ShardPlan;
  try {
    plan = await planShards(config);
  } catch (error) {
    logger.error('could not start the shards', { error });
    return 1;
  }
  if (config.sharding === 'process') return runShardProcesses(config, plan, logger);
  logger.info('starting shards', { shards: plan.count, ...partOf(plan), from: plan.source, sharding: 'internal' });
  return runBot(config, { shards: { ids: plan.ids, count: plan.count } });
}
