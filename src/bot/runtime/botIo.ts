import type { EventEmitter } from 'node:events';
import { type Env, readEnvironment } from './config.ts';

/** What a bot entry point reads and writes, passed in so tests run it in-process. */
export interface BotIo {
  /** Where the configuration comes from: the process environment over `.env`. */
  env: Env;
  /** The JSON log lines. */
  stdout: { write(text: string): unknown };
  /** The one line naming what is wrong with the configuration. */
  stderr: { write(text: string): unknown };
  /** Where SIGINT, SIGTERM and unhandled rejections arrive: the process, or a test's emitter. */
  events: Pick<EventEmitter, 'on' | 'off'>;
}

/** The process's own environment (with `.env`), streams and signals. */
export function processBotIo(): BotIo {
  return { env: readEnvironment(), stdout: process.stdout, stderr: process.stderr, events: process };
}
