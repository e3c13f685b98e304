import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A command-line usage error: the message is printed as one line and the process exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** node:util parseArgs, with its errors turned into one-line UsageErrors. */
export function parseCommandLine<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

/**
 * Runs a CLI entry point: UsageError and CorpusError (and any other failure) become one line on stderr and
 * exit code 2; the token-free message says what to do next.
 */
export async function runCli(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exitCode = 2;
  }
}
