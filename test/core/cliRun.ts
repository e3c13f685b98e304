import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { type CliIo, exitCodeOf, withTerminalText } from '../../src/cli/cliIo.ts';

/** What a user sees of one CLI run: its exit code and everything written to stdout and stderr. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

type CliMain = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Runs a CLI's `main` in this process, as its entry point would (a thrown error is one `error:` line and
 * exit 2; every write passed through `terminalText`), with `input` on stdin and only the environment given.
 */
export async function runInProcess(main: CliMain, args: string[], options: { input?: string; env?: CliIo['env'] } = {}): Promise<CliRun> {
  const run = { stdout: '', stderr: '' };
  const io = withTerminalText({
    stdout: { write: (text: string) => (run.stdout += text) },
    stderr: { write: (text: string) => (run.stderr += text) },
    stdin: Readable.from(options.input === undefined ? [] : [options.input]),
    env: options.env ?? {},
  });
  const status = await exitCodeOf(() => main(args, io), io.stderr);
  return { status, ...run };
}

const root = resolve(import.meta.dirname, '../..');

/** Runs a CLI script as `npm run` does (tsx, a separate process): the one smoke test per binary. */
export function spawnCli(script: string, args: string[], options: { input?: string; cwd?: string } = {}): CliRun {
  const tsx = resolve(root, 'node_modules/.bin/tsx');
  const { status, stdout, stderr } = spawnSync(tsx, [resolve(root, script), ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    timeout: 60_000,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return { status, stdout, stderr };
}
