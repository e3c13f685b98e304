/**
 * `npm start`: the bot in one process (src/bot/runtime/runBot.ts). Exits 0 after SIGINT/SIGTERM once
 * in-flight replies are done; 1 with one line for setup problems. Under `npm run start:sharded` with
 * `DISCORD_SHARDING=process` each shard process runs this file (discord.js's ShardingManager tells the
 * client its shard through the environment).
 */
import { configFromEnvironment } from './runtime/config.ts';
import { runBot } from './runtime/runBot.ts';

const config = configFromEnvironment();
process.exitCode = config === null ? 1 : await runBot(config);
process.exit();
