import { readEnvironment } from '../doors/environment.ts';
import type { ProgressOutput } from '../progress.ts';
import { terminalText } from './terminalText.ts';

/** What a CLI reads and writes, passed in so tests run it in-process and read what a user would see. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  /** Progress bars go here too, so a terminal (`isTTY`) gets a redrawn bar and a pipe plain lines. */
  stderr: ProgressOutput;
  /** `isTTY` when a person types at it: `npm run ask` with no question then starts a chat. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The terminal itself, when standard output is one: where the chat's line editor draws its prompt and
   * moves the cursor. Answers never go there; they go to `stdout`.
   */
  terminal?: NodeJS.WritableStream;
}

/**
 * The process's own streams, with everything written to stdout and stderr passed through `terminalText`,
 * and its environment over `.env` (the variables the bot reads too, such as `CORPUS_DIR`).
 */
export function processIo(): CliIo {
  return withTerminalText({
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: readEnvironment(),
    ...(process.stdout.isTTY ? { terminal: process.stdout } : {}),
  });
}

/**
 * The same io with no control character from a document, a file name or an error reaching the output: every
 * write goes through `terminalText`. Whether stderr is a terminal (and how wide) still shows through.
 */
export function withTerminalText(io: CliIo): CliIo {
  const { stdout, stderr } = io;
  return {
    ...io,
    stdout: { write: (text: string) => stdout.write(terminalText(text)) },
    stderr: {
      write: (text: string) => stderr.write(terminalText(text)),
      get isTTY() {
        return stderr.isTTY;
      },
      get columns() {
        return stderr.columns;
      },
    },
  };
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
    stderr.write(`error: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

/** Runs a CLI entry point in this process, as `exitCodeOf` on the process's stderr, and sets its exit code. */
export async function runCli(main: (io: CliIo) => Promise<number>): Promise<void> {
  const io = processIo();
  process.exitCode = await exitCodeOf(() => main(io), io.stderr);
}
