import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpText } from '../../src/cli/commandLine.ts';
import { main, progressReporter, syncCommand } from '../../src/cli/sync.ts';
import { DocsSite, htmlPage } from '../../testbed/docsSite.ts';
import { runInProcess, spawnCli } from '../core/cliRun.ts';

const site = new DocsSite();
const other = new DocsSite();
let work = '';
let sourcesFile = '';

beforeAll(async () => {
  await site.start();
  await other.start();
  for (const docs of [site, other]) {
    docs.page('/robots.txt', '', 'text/plain');
    docs.page('/', htmlPage('Docs', 'The docs of the ferry bot.', ['/faq', '/broken']));
    docs.page('/faq', htmlPage('FAQ', 'Tickets are sold at the pier.'));
    docs.routes.set('/broken', { status: 502 });
  }
  work = await mkdtemp(join(tmpdir(), 'corpus-qa-sync-cli-'));
  sourcesFile = join(work, 'sources.yaml');
  await writeFile(
    sourcesFile,
    `sources:\n  - name: ferry\n    site: ${site.origin}/\n    rate: 20\n  - name: other\n    site: ${other.origin}/\n    rate: 20\n`,
  );
});

afterAll(async () => {
  await site.stop();
  await other.stop();
  await rm(work, { recursive: true, force: true });
});

const args = (...extra: string[]) => ['--sources', sourcesFile, '--corpus', join(work, 'corpus'), '--cache', join(work, 'cache'), ...extra];

describe('npm run sync', () => {
  it('reports what a dry run would change and writes nothing', async () => {
    const run = await runInProcess(main, args('--dry-run', '--source', 'ferry'));
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^ferry: would sync: 2 added, 0 changed, 0 unchanged, 0 removed, 1 failed \(/);
    expect(await readdir(join(work, 'corpus')).catch(() => [])).toEqual([]);
  });

  it('syncs only the source asked for, with progress lines in a log, and exits 0 though a page failed', async () => {
    other.log.length = 0;
    const run = await runInProcess(main, args('--source', 'ferry'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ferry: 2 added, 0 changed, 0 unchanged, 0 removed, 1 failed \(.* 7 requests, .* s\)\n/);
    expect(run.stdout).toContain(`  failed ${site.origin}/broken: the server answered 502 (old copy kept)\n`);
    expect(run.stdout).not.toContain('other:');
    expect(run.stderr.split('\n')).toContain('ferry discovering…');
    expect(run.stderr).toMatch(/^ferry fetching \[#+-*\] \d+\/\d+ pages, /m);
    expect(run.stderr).not.toContain('\r');
    expect(other.log).toEqual([]);
    expect((await readdir(join(work, 'corpus/ferry'))).sort()).toEqual(['.sync.json', '.urls.json', 'faq.html', 'index.html']);
  });

  it('exits 1 when a source cannot be reached, after syncing the others', async () => {
    await other.stop();
    const run = await runInProcess(main, args());
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^ferry: 0 added, 0 changed, 2 unchanged, 0 removed, 1 failed/m);
    expect(run.stdout).toMatch(
      new RegExp(
        `^other: not synced: cannot read ${other.origin}/robots.txt \\(cannot connect \\(ECONNREFUSED\\)\\); the site is not crawled until it can be$`,
        'm',
      ),
    );
  });

  it('exits 2 with one line for a bad sources file or an unknown source', async () => {
    const unknown = await runInProcess(main, args('--source', 'nope'));
    expect(unknown).toEqual({ status: 2, stdout: '', stderr: 'error: no source is named "nope" (declared: ferry, other)\n' });
    const missing = await runInProcess(main, ['--sources', join(work, 'missing.yaml')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`error: ${join(work, 'missing.yaml')}: no such file (declare the sources to sync there; see the README)\n`);
    const fromEnv = await runInProcess(main, [], { env: { CORPUS_SOURCES: join(work, 'env.yaml') } });
    expect(fromEnv.stderr).toBe(`error: CORPUS_SOURCES names a file that does not exist ("${join(work, 'env.yaml')}")\n`);
  });

  it('exits 130 when interrupted, saying the next run resumes', async () => {
    const controller = new AbortController();
    const stopping: typeof fetch = (input, init) => {
      controller.abort(new Error('interrupted'));
      return fetch(input, init);
    };
    const run = await runInProcess((argv, io) => main(argv, io, { signal: controller.signal, fetch: stopping }), args('--source', 'ferry'));
    expect(run.status).toBe(130);
    expect(run.stderr.split('\n').at(-2)).toBe('interrupted: what was fetched is kept aside; run npm run sync again to resume');
  });

  it('runs as a script', () => {
    expect(spawnCli('src/cli/sync.ts', ['--help'])).toEqual({ status: 0, stdout: helpText(syncCommand), stderr: '' });
  });
});

describe('sync progress on a terminal', () => {
  it('is one line redrawn in place', () => {
    let written = '';
    const progress = progressReporter({ isTTY: true, columns: 80, write: (text) => (written += text) });
    progress.update({ source: 'docs', phase: 'fetching', done: 1, total: 4, bytes: 2048, elapsedMs: 1000 });
    progress.update({ source: 'docs', phase: 'fetching', done: 4, total: 4, bytes: 8192, elapsedMs: 4000 });
    progress.finish();
    expect(written).toBe(
      `\r${'docs fetching [#####---------------] 1/4 pages, 2 KB, ETA 3s'.padEnd(79)}\r${'docs fetching [####################] 4/4 pages, 8 KB, done'.padEnd(79)}\n`,
    );
  });
});
