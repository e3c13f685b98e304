import { type Bot, createBot } from '../../src/bot/runtime/bot.ts';
import type { Command } from '../../src/bot/runtime/command.ts';
import type { BotContext, EngineSource, QaEngine, ReindexOutcome } from '../../src/bot/runtime/deps.ts';
import { loadCommands } from '../../src/bot/runtime/loadCommands.ts';
import { createLogger, type Logger } from '../../src/bot/runtime/logger.ts';
import { RateLimiter, type RateLimitOptions } from '../../src/bot/runtime/rateLimit.ts';
import type { BotStore } from '../../src/bot/storage/store.ts';
import { FakeDiscord } from './server.ts';

export const testToken = 'MTAwMDAwMDAwMDAwMDAwMDAx.Fake.test-token-never-logged';

export interface RunningBot {
  fake: FakeDiscord;
  bot: Bot;
  /** Every log line the bot wrote, parsed. */
  logs: Record<string, unknown>[];
  /** Raw log lines, to check nothing secret was written. */
  rawLogs: string[];
  stop(): Promise<void>;
}

/** A logger that keeps what it writes, parsed and raw, for assertions. */
export interface TestLog {
  logger: Logger;
  logs: Record<string, unknown>[];
  rawLogs: string[];
}

export function createTestLog(): TestLog {
  const rawLogs: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({
    secrets: [testToken],
    write: (line) => {
      rawLogs.push(line);
      logs.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  return { logger, logs, rawLogs };
}

export interface HarnessOptions {
  /** Shares a log with code started before the bot (a LiveCorpus); a fresh one otherwise. */
  log?: TestLog;
  /** A fixed engine, or `engines` for one that can change (a LiveCorpus). */
  engine?: QaEngine;
  engines?: EngineSource;
  reindex?: () => Promise<ReindexOutcome>;
  /** The declared sources (`/sources`); none by default. */
  sources?: BotContext['sources'];
  deferAnswers?: boolean;
  rateLimit?: Partial<RateLimitOptions>;
  /** What the bot remembers (a store in a temporary DATA_DIR); nothing by default. */
  store?: BotStore;
  /** Ask for the Message Content intent (BotDeps.messageContent). */
  messageContent?: boolean;
  /** Open a thread under each answer to a mention question (BotDeps.openThreads). */
  openThreads?: boolean;
  /** Connect to this fake Discord instead of starting one: a second bot after a restart. */
  fake?: FakeDiscord;
  /** The slash commands to run; those in commands/ by default. */
  commands?: ReadonlyMap<string, Command>;
}

/**
 * Starts the fake Discord (unless given one) and the real bot (real discord.js client, real commands)
 * against it, and resolves once the bot is ready.
 */
export async function startBot(options: HarnessOptions): Promise<RunningBot> {
  const fake = options.fake ?? (await new FakeDiscord().start());
  const { logger, logs, rawLogs } = options.log ?? createTestLog();
  const bot = createBot({
    token: testToken,
    apiUrl: fake.apiUrl,
    commands: options.commands ?? (await loadCommands()),
    context: {
      engines: options.engines ?? { engine: options.engine! },
      logger,
      limiter: new RateLimiter({ limit: 1_000, ...options.rateLimit }),
      deferAnswers: options.deferAnswers ?? false,
      ...(options.reindex ? { reindex: options.reindex } : {}),
      ...(options.sources ? { sources: options.sources } : {}),
      ...(options.store ? { store: options.store } : {}),
      messageContent: options.messageContent ?? false,
      ...(options.openThreads ? { openThreads: () => true } : {}),
    },
    drainTimeoutMs: 2_000,
  });
  await bot.start();
  return {
    fake,
    bot,
    logs,
    rawLogs,
    async stop() {
      await bot.stop();
      if (!options.fake) await fake.stop();
    },
  };
}
