import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      stderr: expect.stringMatching(/^error: unexpected argument corpus\. usage: npm run index -- .*\n$/),
    });
    const missing = join(scratch, 'missing');
    expect(await runInProcess(main, ['--corpus', missing, '--cache', join(scratch, 'none')])).toEqual({
      status: 2,
      stdout: '',
      stderr: `error: corpus folder not found: ${missing}\n`,
    });
  });
});
