import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import type { SyncContext } from '../../src/sync/context.ts';
import { pageUrl } from '../../src/sync/gitSync.ts';
import { parseSources } from '../../src/sync/sources.ts';
import { syncSources } from '../../src/sync/syncSources.ts';

let work = '';
let bare = '';
let checkout = '';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Docs', '-c', 'user.email=docs@example.org', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(join(checkout, path)), { recursive: true });
  await writeFile(join(checkout, path), text);
}

function context(): SyncContext {
  return { corpusDir: join(work, 'corpus'), workDir: join(work, 'work'), fetch, dryRun: false, gitEnv: process.env };
}

async function listed(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'corpus-qa-git-'));
  checkout = join(work, 'author');
  bare = join(work, 'handbook.git');
  await mkdir(checkout);
  git(checkout, 'init', '-q', '-b', 'main');
  await put('docs/index.md', '# Handbook\n\nThe ferry handbook covers crossings and tickets.\n');
  await put('docs/guide/tickets.md', '# Tickets\n\nA return ticket to the island costs twelve euros.\n');
  await put('docs/api.html', '<html><body><main><h1>API</h1><p>The timetable API answers in JSON.</p></main></body></html>');
  await put('docs/logo.png', 'not a document');
  await put('docs/.hidden/notes.md', '# Hidden\n\nNot served.\n');
  await put('other/readme.md', '# Outside\n\nNot under docs.\n');
  await symlink('/etc/hostname', join(checkout, 'docs/host.md'));
  git(checkout, 'add', '.');
  git(checkout, 'commit', '-q', '-m', 'First handbook');
  git(work, 'clone', '-q', '--bare', checkout, bare);
  // As a hosting service does, so the partial clone is really partial.
  git(bare, 'config', 'uploadpack.allowFilter', 'true');
  git(checkout, 'remote', 'add', 'origin', bare);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const sources = () =>
  parseSources(
    `sources:\n  - name: handbook\n    git: file://${bare}\n    path: docs/\n    ref: main\n    url: https://handbook.example.org/{page}\n`,
    'sources.yaml',
  );

describe('a Git source', () => {
  it('keeps only the files of readable formats under its path, never a symbolic link, and cites each at its page', async () => {
    const [report] = await syncSources(sources(), context());
    expect(report).toMatchObject({ error: null, added: ['api.html', 'guide/tickets.md', 'index.md'], removed: [] });
    expect(await listed(join(work, 'corpus/handbook'))).toEqual(['api.html', 'guide/tickets.md', 'index.md']);
    const engine = await Engine.fromFolder(join(work, 'corpus'));
    const answer = engine.answer('How much is a return ticket to the island?');
    expect(answer.quote).toBe('A return ticket to the island costs twelve euros.');
    expect(answer.source?.url).toBe('https://handbook.example.org/guide/tickets');
    expect(engine.documents.find((document) => document.path === 'handbook/index.md')?.url).toBe('https://handbook.example.org/');
  });

  it('follows a new commit: changed, added and deleted files, after a fetch of the same clone', async () => {
    await put('docs/guide/tickets.md', '# Tickets\n\nA return ticket to the island now costs fifteen euros.\n');
    await put('docs/guide/pets.md', '# Pets\n\nDogs travel free on the ferry.\n');
    await unlink(join(checkout, 'docs/api.html'));
    git(checkout, 'add', '-A');
    git(checkout, 'commit', '-q', '-m', 'Prices and pets');
    git(checkout, 'push', '-q', 'origin', 'main');
    const clone = join(work, 'work/handbook/repo');
    const before = git(clone, 'rev-parse', 'HEAD').trim();
    const [report] = await syncSources(sources(), context());
    expect(report).toMatchObject({
      error: null,
      added: ['guide/pets.md'],
      changed: ['guide/tickets.md'],
      removed: ['api.html'],
      unchanged: 1,
    });
    expect(git(clone, 'rev-parse', 'HEAD').trim()).not.toBe(before);
    expect(git(clone, 'rev-parse', 'HEAD').trim()).toBe(git(checkout, 'rev-parse', 'HEAD').trim());
    expect(await readFile(join(work, 'corpus/handbook/guide/tickets.md'), 'utf8')).toContain('fifteen euros');
    const engine = await Engine.fromFolder(join(work, 'corpus'));
    expect(engine.answer('How much is a return ticket to the island?').quote).toBe(
      'A return ticket to the island now costs fifteen euros.',
    );
  });

  it('says so and leaves the corpus as it was when the repository cannot be fetched', async () => {
    const before = await listed(join(work, 'corpus/handbook'));
    const missing = parseSources(`sources:\n  - name: handbook\n    git: file://${work}/nowhere.git\n    path: docs/\n`, 'sources.yaml');
    const [report] = await syncSources(missing, context());
    expect(report?.error).toMatch(/^git could not fetch file:\/\/.*\/nowhere\.git \(main\): .*nowhere\.git/);
    expect(await listed(join(work, 'corpus/handbook'))).toEqual(before);
  });
});

describe('two syncs of one source', () => {
  it('never run at once: a lock held by a running process stops the second, one left by a process that is gone is taken over', async () => {
    await mkdir(join(work, 'work/handbook'), { recursive: true });
    await writeFile(join(work, 'work/handbook/lock'), String(process.pid));
    const [held] = await syncSources(sources(), context());
    expect(held?.error).toBe(`another sync of this source is running (process ${process.pid})`);
    // A process id above the kernel's largest (2^22) belongs to no process.
    await writeFile(join(work, 'work/handbook/lock'), String(2 ** 22 + 1));
    const [taken] = await syncSources(sources(), context());
    expect(taken?.error).toBeNull();
    await expect(readFile(join(work, 'work/handbook/lock'))).rejects.toThrow('ENOENT');
  });
});

describe('a page URL template', () => {
  it('fills the ref, commit, path, file and page, each part percent-encoded', () => {
    const values = { ref: 'release/2.0', commit: 'abc123', path: 'docs/guide/my page.md', file: 'guide/my page.md' };
    expect(pageUrl('https://github.com/o/r/blob/{ref}/{path}', values)).toBe(
      'https://github.com/o/r/blob/release/2.0/docs/guide/my%20page.md',
    );
    expect(pageUrl('https://docs.example.org/{page}?at={commit}', values)).toBe('https://docs.example.org/guide/my%20page?at=abc123');
    expect(pageUrl('https://docs.example.org/{page}', { ...values, file: 'guide/index.md' })).toBe('https://docs.example.org/guide/');
  });
});
