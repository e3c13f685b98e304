/**
 * `npm start`: the bot in one process (src/bot/runtime/runBot.ts). Exits 0 after SIGINT/SIGTERM once
 * in-flight replies are done; 1 with one line for setup problems. Under `npm run start:sharded` with
 * `DISCORD_SHARDING=process` each shard process runs this file (discord.js's ShardingManager tells the
 * client its shard through the environment).
 */
import { isEntryPoint } from '../entryPoint.ts';
import { type BotIo, processBotIo } from './runtime/botIo.ts';
import { configFromEnvironment } from './runtime/config.ts';
import { runBot } from './runtime/runBot.ts';

/** Runs the bot until it is stopped; returns the exit code. */
export async function main(io: BotIo): Promise<number> {
  const config = configFromEnvironment(io.env, io.stderr);
  return config === null ? 1 : runBot(config, { io });
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(processBotIo());
  process.exit();
}
