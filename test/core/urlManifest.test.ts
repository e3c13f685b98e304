import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main as ask } from '../../src/cli/ask.ts';
import { formatUrlManifest, parseUrlManifest } from '../../src/corpus/urlManifest.ts';
import { Engine } from '../../src/engine.ts';
import { runInProcess } from './cliRun.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corpus-qa-urls-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const page = (title: string, text: string, canonical = '') =>
  `<html><head><title>${title}</title>${canonical}</head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;

describe('a folder that names the pages of its files (.urls.json)', () => {
  it('gives each file it names that URL, from the nearest folder that names it, over the URL the file names itself', async () => {
    await mkdir(join(dir, 'docs/guide'), { recursive: true });
    await writeFile(
      join(dir, 'docs/guide/install.html'),
      page('Install', 'Install the ferry bot with npm ci.', '<link rel="canonical" href="https://old.example.org/install">'),
    );
    await writeFile(join(dir, 'docs/faq.md'), '# FAQ\n\nThe night ferry leaves at eleven.\n');
    await writeFile(join(dir, 'notes.txt'), 'Notes\n\nThe harbour opens at six.\n');
    await writeFile(
      join(dir, 'docs/.urls.json'),
      formatUrlManifest(new Map([['guide/install.html', 'https://docs.example.org/guide/install']])),
    );
    await writeFile(
      join(dir, '.urls.json'),
      formatUrlManifest(
        new Map([
          ['docs/faq.md', 'https://docs.example.org/faq'],
          ['docs/guide/install.html', 'https://wrong.example.org/'],
        ]),
      ),
    );
    const engine = await Engine.fromFolder(dir);
    const urls = Object.fromEntries(engine.documents.map((document) => [document.path, document.url]));
    expect(urls).toEqual({
      'docs/faq.md': 'https://docs.example.org/faq',
      'docs/guide/install.html': 'https://docs.example.org/guide/install',
      'notes.txt': null,
    });
    expect(engine.answer('How do I install the ferry bot?').source?.url).toBe('https://docs.example.org/guide/install');
  });

  it('gives its new URL when only it changed: to a corpus loaded from its snapshot and to a running engine that refreshes', async () => {
    const corpus = join(dir, 'corpus');
    const cache = join(dir, 'cache');
    await mkdir(corpus);
    await writeFile(join(corpus, 'faq.md'), '# FAQ\n\nThe night ferry leaves at eleven.\n');
    const publish = (url: string) => writeFile(join(corpus, '.urls.json'), formatUrlManifest(new Map([['faq.md', url]])));
    const citedUrl = async () => {
      const run = await runInProcess(ask, ['--corpus', corpus, '--cache', cache, '--json', 'When does the night ferry leave?']);
      return (JSON.parse(run.stdout) as { source: { url: string } }).source.url;
    };
    await publish('https://old.example.org/faq');
    expect(await citedUrl()).toBe('https://old.example.org/faq');
    const running = await Engine.fromFolder(corpus);
    // The site moved: synced again from its new address, the page itself unchanged.
    await publish('https://docs.example.org/faq');
    expect(await citedUrl()).toBe('https://docs.example.org/faq');
    await running.refresh(corpus);
    expect(running.answer('When does the night ferry leave?').source?.url).toBe('https://docs.example.org/faq');
  });

  it('is ignored when it is not a list of http(s) URLs, and the files keep their own', async () => {
    await writeFile(
      join(dir, 'install.html'),
      page('Install', 'Install the ferry bot with npm ci.', '<link rel="canonical" href="https://docs.example.org/own">'),
    );
    await writeFile(join(dir, '.urls.json'), '{ not json');
    expect((await Engine.fromFolder(dir)).documents[0]?.url).toBe('https://docs.example.org/own');
    expect(
      parseUrlManifest(
        '{"version":1,"urls":{"a.html":"javascript:alert(1)","b.html":"file:///etc/passwd","c.html":"https://example.org/c"}}',
      ),
    ).toEqual(new Map([['c.html', 'https://example.org/c']]));
    expect(parseUrlManifest('')).toEqual(new Map());
  });
});

describe('a page edited in its front matter alone', () => {
  it('gives a running engine that refreshes its new title and date, its text unchanged', async () => {
    const page = (title: string, date: string) => `---\ntitle: ${title}\ndate: ${date}\n---\n\nThe night ferry leaves at eleven.\n`;
    await writeFile(join(dir, 'faq.md'), page('Ferry FAQ', '2024-01-05'));
    const running = await Engine.fromFolder(dir);
    await writeFile(join(dir, 'faq.md'), page('Harbour questions', '2025-03-09'));
    expect(await running.refresh(dir)).toEqual({ added: [], removed: [], changed: ['faq'] });
    const { source } = running.answer('When does the night ferry leave?');
    expect({ title: source?.title, date: source?.date }).toEqual({ title: 'Harbour questions', date: '2025-03-09' });
  });
});
