/**
 * `npm start`: loads the configuration and the corpus, connects to Discord and answers until
 * SIGINT/SIGTERM, then finishes in-flight replies and exits 0. Setup problems exit 1 with one line.
 */
import { Engine } from '../engine.ts';
import { createBot } from './bot.ts';
import { ConfigError, loadConfig, readEnvironment, type BotConfig } from './config.ts';
import { botDefaults, corpusChars } from './deps.ts';
import { loadCommands } from './load-commands.ts';
import { createLogger } from './logger.ts';
import { RateLimiter } from './rate-limit.ts';

async function main(): Promise<number> {
  let config: BotConfig;
  try {
    config = loadConfig(readEnvironment());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const logger = createLogger({ secrets: [config.token] });
  process.on('unhandledRejection', (error) => logger.error('unhandled rejection', { error }));

  let engine: Engine;
  const loadStart = Date.now();
  try {
    engine = await Engine.fromFolder(config.corpusDir);
  } catch (error) {
    logger.error('could not load the corpus', { corpusDir: config.corpusDir, error });
    return 1;
  }
  for (const warning of engine.warnings) logger.warn('corpus file skipped', { path: warning.path, reason: warning.reason });
  const chars = corpusChars(engine);
  // Built now, not on first use: on a large corpus it takes seconds, longer than an autocomplete may wait.
  const entities = engine.entities.list().length;
  logger.info('corpus loaded', { corpusDir: config.corpusDir, documents: engine.documents.length, chars, entities, ms: Date.now() - loadStart });

  const bot = createBot({
    token: config.token,
    apiUrl: config.apiUrl,
    commands: await loadCommands(),
    deps: { engine, logger, limiter: new RateLimiter(), deferAnswers: chars >= botDefaults.deferAboveChars },
  });

  const stopped = new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      logger.info('shutting down', { signal });
      bot.stop().then(() => resolve(0), (error: unknown) => (logger.error('shutdown failed', { error }), resolve(1)));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

  try {
    await bot.start();
  } catch (error) {
    logger.error('could not connect to Discord', { error });
    await bot.client.destroy();
    return 1;
  }
  return stopped;
}

process.exitCode = await main();
process.exit();
