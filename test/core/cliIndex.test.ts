import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/indexCorpus.ts';
import { runInProcess, spawnCli } from './cliRun.ts';

const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-index-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run index', () => {
  it('indexes the corpus into a snapshot and says how much it read (as a separate process, the way npm runs it)', () => {
    const cache = join(scratch, 'spawned');
    const run = spawnCli('src/cli/indexCorpus.ts', ['--cache', cache]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^indexed: 4 documents, \d+ passages, 0 skipped files, \d+\.\ds\n$/);
    expect(readdirSync(cache)).toHaveLength(1);
  });

  it('with --check, keeps a valid snapshot and says so; without it, always rebuilds', async () => {
    const cache = join(scratch, 'check');
    expect((await runInProcess(main, ['--cache', cache, '--check'])).stdout).toMatch(/^indexed: 4 documents/);
    const checked = await runInProcess(main, ['--cache', cache, '--check']);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(/^snapshot valid: 4 documents, \d+ passages, 0 skipped files/);
    expect((await runInProcess(main, ['--cache', cache])).stdout).toMatch(/^indexed: 4 documents/);
  });

  it('exits 2 with one line on stderr for an unexpected argument or a missing corpus folder', async () => {
    expect(await runInProcess(main, ['corpus'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'error: unexpected argument corpus: the folder goes after --corpus\n',
    });
    const missing = join(scratch, 'missing');
    expect(await runInProcess(main, ['--corpus', missing, '--cache', join(scratch, 'none')])).toEqual({
      status: 2,
      stdout: '',
      stderr: `error: corpus folder not found: ${missing} (pass the folder of your documents: --corpus DIR)\n`,
    });
  });

  it('exits 1 with the reason when the snapshot cannot be saved, instead of saying it indexed', async () => {
    const file = join(scratch, 'not-a-folder');
    writeFileSync(file, 'a file where the cache folder should be\n');
    const run = await runInProcess(main, ['--cache', join(file, 'cache')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(
        `^error: snapshot not saved to ${join(file, 'cache')}/[0-9a-f]{16}: ENOTDIR: not a directory, mkdir '[^']+' \\(give a writable folder with --cache DIR\\)$`,
      ),
    );
  });

  it.skipIf(!canMountReadOnly())('on a read-only file system, exits 1 and says so (EROFS), not that a folder is missing', () => {
    const mount = join(scratch, 'read-only');
    mkdirSync(mount);
    const tsx = resolve('node_modules/.bin/tsx');
    const script = `mount -t tmpfs -o ro tmpfs '${mount}' && exec '${tsx}' src/cli/indexCorpus.ts --cache '${mount}/cache'`;
    const run = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^error: snapshot not saved to .*: EROFS: read-only file system, mkdir '[^']+' \(give a writable folder with --cache DIR\)$/,
    );
  });
});

/** Whether this machine lets the test mount a read-only file system in a mount namespace of its own (root, or a user namespace). */
function canMountReadOnly(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'corpus-qa-ro-probe-'));
  try {
    return (
      spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', `mount -t tmpfs -o ro tmpfs '${probe}'`], {
        timeout: 10_000,
      }).status === 0
    );
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
