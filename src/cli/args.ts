import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { ProgressOutput } from '../progress.ts';

/** A command-line usage error: the message is printed as one line and the process exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What a CLI reads and writes, passed in so tests run it in-process and read what a user would see. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  /** Progress bars go here too, so a terminal (`isTTY`) gets a redrawn bar and a pipe plain lines. */
  stderr: ProgressOutput;
  stdin: NodeJS.ReadableStream;
  env: Readonly<Record<string, string | undefined>>;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/**
 * node:util parseArgs, with its errors turned into one-line UsageErrors. A negative number after an option
 * that takes a value is that value (`--top -1`), so the option's own check can say what is wrong with it;
 * parseArgs alone would call it ambiguous.
 */
export function parseCommandLine<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
  const args: string[] = [];
  for (const arg of argv) {
    const previous = args.at(-1);
    const takesValue = previous?.startsWith('--') && options?.[previous.slice(2)]?.type === 'string';
    if (takesValue && /^-\d/.test(arg)) args[args.length - 1] = `${previous}=${arg}`;
    else args.push(arg);
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

/**
 * The exit code of a CLI's main: UsageError and CorpusError (and any other failure) become one line on
 * `stderr` and exit code 2; the token-free message says what to do next.
 */
export async function exitCodeOf(main: () => Promise<number>, stderr: CliIo['stderr']): Promise<number> {
  try {
    return await main();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`error: ${message}\n`);
    return 2;
  }
}

/** Runs a CLI entry point in this process, as `exitCodeOf` on the process's stderr, and sets its exit code. */
export async function runCli(main: () => Promise<number>): Promise<void> {
  process.exitCode = await exitCodeOf(main, process.stderr);
}
