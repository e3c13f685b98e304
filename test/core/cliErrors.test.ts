import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main as ask } from '../../src/cli/ask.ts';
import { main as chat } from '../../src/cli/chat.ts';
import { main as entity } from '../../src/cli/entity.ts';
import { main as index } from '../../src/cli/indexCorpus.ts';
import { skippedSummary } from '../../src/cli/skippedFiles.ts';
import { runInProcess } from './cliRun.ts';

const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-cli-errors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder whose three files are all skipped: two binary, one over the size limit (sparse: no disk used). */
function unreadableCorpus(): string {
  const dir = join(scratch, 'unreadable');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]));
  writeFileSync(join(dir, 'archive.md'), Buffer.alloc(64, 0));
  const fd = openSync(join(dir, 'huge.txt'), 'w');
  ftruncateSync(fd, 33 * 1024 * 1024);
  closeSync(fd);
  return dir;
}

const withoutCache = (args: string[]) => [...args, '--no-cache'];

describe('a corpus the CLI cannot serve', () => {
  it('says a path that is a file is not a folder, and names the folder that holds it', async () => {
    for (const main of [ask, chat, entity]) {
      const run = await runInProcess(main, withoutCache(['--corpus', 'README.md', ...(main === chat ? [] : ['anything'])]));
      expect(run).toEqual({
        status: 2,
        stdout: '',
        stderr: 'error: README.md is a file, not a folder (pass the folder that holds the documents, such as --corpus .)\n',
      });
    }
    expect((await runInProcess(index, ['--corpus', 'docs/cli.md', '--cache', join(scratch, 'cache')])).stderr).toBe(
      'error: docs/cli.md is a file, not a folder (pass the folder that holds the documents, such as --corpus docs)\n',
    );
    expect((await runInProcess(ask, withoutCache(['q']), { env: { CORPUS_DIR: 'README.md' } })).stderr).toBe(
      'error: README.md is a file, not a folder (set CORPUS_DIR to the folder that holds the documents, such as .)\n',
    );
  });

  it('refuses a number of build threads that is not a whole number of at least 1, before reading a file', async () => {
    for (const jobs of ['0', 'two', '1.5']) {
      expect(await runInProcess(index, ['--jobs', jobs, '--cache', join(scratch, 'jobs-cache')])).toEqual({
        status: 2,
        stdout: '',
        stderr: `error: --jobs must be a whole number of at least 1 (got "${jobs}")\n`,
      });
    }
    expect((await runInProcess(ask, withoutCache(['--jobs', '-2', 'anything?']))).stderr).toBe(
      'error: --jobs must be a whole number of at least 1 (got "-2")\n',
    );
  });

  it('refuses an empty folder with exit 2, saying which files it reads', async () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    const expected = {
      status: 2,
      stdout: '',
      stderr: `error: no documents in ${empty}: it holds no .txt, .md, .markdown, .html, .htm, .pdf or .docx file (subfolders included)\n`,
    };
    expect(await runInProcess(ask, withoutCache(['--corpus', empty, 'anything?']))).toEqual(expected);
    // Indexing reports its progress first; its last line is the error.
    const indexed = await runInProcess(index, ['--corpus', empty, '--cache', join(scratch, 'empty-cache')]);
    expect(indexed.status).toBe(2);
    expect(indexed.stdout).toBe('');
    expect(indexed.stderr.trimEnd().split('\n').at(-1)).toBe(expected.stderr.trimEnd());
  });

  it('refuses a folder with no readable file, counting why each was skipped after one warning per file', async () => {
    const dir = unreadableCorpus();
    const run = await runInProcess(ask, withoutCache(['--corpus', dir, 'anything?']));
    expect(run.status).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.slice(0, 3).every((line) => line.startsWith(`warning: ${dir}/`))).toBe(true);
    expect(lines.slice(3)).toEqual([
      `error: no readable documents in ${dir}: 3 files skipped: 2 binary, 1 too large (the warnings above name each file)`,
    ]);
  });

  it('counts skipped files by kind, most first', () => {
    const skipped = (...reasons: string[]) => skippedSummary(reasons.map((reason, i) => ({ path: `f${i}`, reason })));
    expect(skipped('binary file (not text), skipped')).toBe('1 file skipped: 1 binary');
    expect(
      skipped(
        'empty file, skipped',
        'not valid UTF-8 text, skipped (re-save it as UTF-8)',
        'UTF-16 text without a byte-order mark, skipped (re-save it as UTF-8)',
        'unreadable (EACCES), skipped',
        'link to a file outside the corpus folder, skipped (--follow-links or CORPUS_FOLLOW_LINKS=1 serves it)',
        'broken link, skipped',
        'PDF without a text layer (a scan?); run it through OCR first, skipped',
        'damaged PDF (Invalid PDF structure), skipped',
      ),
    ).toBe('8 files skipped: 2 not UTF-8, 1 empty, 1 unreadable, 1 link out of the folder, 1 broken link, 1 without text, 1 damaged');
  });
});
