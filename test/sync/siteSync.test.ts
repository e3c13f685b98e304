import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import type { SyncContext } from '../../src/sync/context.ts';
import type { SourceReport } from '../../src/sync/report.ts';
import { parseSources } from '../../src/sync/sources.ts';
import { syncSources } from '../../src/sync/syncSources.ts';
import { DocsSite, htmlPage } from '../../testbed/docsSite.ts';

const pdf = await readFile('test/fixtures/documents/reports/annual.pdf');

/** A sync context writing under `work`. */
function contextIn(work: string, extra: Partial<SyncContext> = {}): SyncContext {
  return { corpusDir: join(work, 'corpus'), workDir: join(work, 'work'), fetch, dryRun: false, gitEnv: process.env, ...extra };
}

/** The files of a source's folder (hidden ones left out), with their contents. */
async function filesOf(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
  const files: Record<string, string> = {};
  for (const name of names.sort()) files[name] = (await readFile(join(dir, name))).toString('latin1');
  return files;
}

function problems(list: SourceReport['failed']): string[] {
  return list.map((problem) => `${new URL(problem.url).pathname}: ${problem.reason}`);
}

describe('a site without a sitemap, crawled by its links', () => {
  const site = new DocsSite();
  const elsewhere = new DocsSite();
  let work = '';
  let first: SourceReport;
  let firstPaths: string[] = [];

  beforeAll(async () => {
    await site.start();
    await elsewhere.start();
    elsewhere.page('/stolen', htmlPage('Stolen', 'A page on another host.'));
    site.page('/robots.txt', 'User-agent: *\nDisallow: /private/\n', 'text/plain');
    site.page(
      '/',
      htmlPage('Harbour bot docs', 'The harbour bot answers questions about ferries.', [
        '/guide/install',
        '/guide/configure',
        '/faq',
        '/private/keys',
        '/old-install',
        '/away',
        '/big',
        '/slow',
        '/manual.pdf',
        '/logo.png',
        'mailto:team@example.org',
        `${elsewhere.origin}/stolen`,
      ]),
    );
    site.page(
      '/guide/install',
      htmlPage(
        'Installing',
        'Install the harbour bot with npm ci on a machine with Node 20.',
        ['/', '/guide/configure', '/guide/install#top'],
        '<link rel="canonical" href="/guide/install">',
      ),
    );
    site.page('/guide/configure', htmlPage('Configuring', 'The ferry timetable lives in timetable.yaml.', ['/guide/install', '/']));
    site.page('/faq', htmlPage('FAQ', 'The night ferry leaves at eleven from pier four.', ['/']));
    site.page('/guide/install-v2', htmlPage('Installing, second edition', 'Version two installs with a single command.'));
    site.routes.set('/old-install', { status: 301, location: '/guide/install-v2' });
    site.routes.set('/away', { status: 302, location: `${elsewhere.origin}/stolen` });
    site.page('/big', htmlPage('Big', 'ferry '.repeat(2_000)));
    site.routes.set('/slow', { delayMs: 5_000, body: htmlPage('Slow', 'Too slow.') });
    site.page('/manual.pdf', pdf, 'application/pdf');
    site.page('/private/keys', htmlPage('Keys', 'Secret.'));
    work = await mkdtemp(join(tmpdir(), 'corpus-qa-site-'));
    first = (await syncSources(sourcesOf(site.origin), contextIn(work)))[0]!;
    firstPaths = site.paths();
  });

  afterAll(async () => {
    await site.stop();
    await elsewhere.stop();
    await rm(work, { recursive: true, force: true });
  });

  const sourcesOf = (origin: string) =>
    parseSources(
      `sources:\n  - name: harbour\n    site: ${origin}/\n    rate: 20\n    timeout: 1s\n    max_page_size: 8KB\n`,
      'sources.yaml',
    );

  it('fetches the pages and the PDF the pages link to, each once, and nothing else', () => {
    expect(firstPaths.sort()).toEqual(
      [
        '/robots.txt',
        '/sitemap.xml',
        '/',
        '/guide/install',
        '/guide/configure',
        '/faq',
        '/old-install',
        '/guide/install-v2',
        '/away',
        '/big',
        '/slow',
        '/manual.pdf',
      ].sort(),
    );
    expect(elsewhere.log).toEqual([]);
    expect(first.error).toBeNull();
    expect(first.added).toEqual([
      'faq.html',
      'guide/configure.html',
      'guide/install-v2.html',
      'guide/install.html',
      'index.html',
      'manual.pdf',
    ]);
  });

  it('obeys robots.txt, stays on the site and refuses an oversized page, saying why', () => {
    expect(problems(first.refused).sort()).toEqual([
      `/away: redirected to ${elsewhere.origin}/stolen: another origin than ${site.origin}, refused`,
      '/big: larger than 8 KB (11.8 KB)',
      '/private/keys: disallowed by robots.txt',
    ]);
    expect(problems(first.failed)).toEqual(['/slow: no answer within 1 s']);
    expect(site.log.every((entry) => entry.headers['user-agent']?.startsWith('corpus-qa/') && entry.headers.cookie === undefined)).toBe(
      true,
    );
  });

  it('cites each synced page at its live URL', async () => {
    const engine = await Engine.fromFolder(join(work, 'corpus'));
    const answer = engine.answer('Which command installs the harbour bot?');
    expect(answer.source?.path).toBe('harbour/guide/install.html');
    expect(answer.source?.url).toBe(`${site.origin}/guide/install`);
    const redirected = engine.documents.find((document) => document.path === 'harbour/guide/install-v2.html');
    expect(redirected?.url).toBe(`${site.origin}/guide/install-v2`);
    const manual = engine.documents.find((document) => document.path === 'harbour/manual.pdf');
    expect(manual?.url).toBe(`${site.origin}/manual.pdf`);
    expect(manual?.text.length).toBeGreaterThan(100);
  });

  it('re-syncs an unchanged site with conditional requests: every page a 304, no body', async () => {
    site.log.length = 0;
    const [again] = await syncSources(sourcesOf(site.origin), contextIn(work));
    const pages = site.log.filter(
      (entry) => !['/robots.txt', '/sitemap.xml', '/old-install', '/away', '/big', '/slow'].includes(entry.path),
    );
    expect(pages.map((entry) => `${entry.path} ${entry.status} ${entry.bytes}`).sort()).toEqual(
      ['/', '/guide/install', '/guide/configure', '/faq', '/guide/install-v2', '/manual.pdf'].map((path) => `${path} 304 0`).sort(),
    );
    expect(again).toMatchObject({ error: null, added: [], changed: [], removed: [], unchanged: 6 });
  });

  it('removes a page that is gone, keeps the old copy of one that fails, and serves the changed text', async () => {
    const before = await filesOf(join(work, 'corpus/harbour'));
    site.page('/faq', htmlPage('FAQ', 'The night ferry now leaves at midnight from pier nine.', ['/']));
    site.routes.delete('/guide/configure');
    site.routes.set('/guide/install', { status: 500, body: 'oops' });
    const [changed] = await syncSources(sourcesOf(site.origin), contextIn(work));
    expect(changed).toMatchObject({ error: null, added: [], changed: ['faq.html'], removed: ['guide/configure.html'] });
    expect(problems(changed!.failed).sort()).toEqual(['/guide/install: the server answered 500', '/slow: no answer within 1 s']);
    const after = await filesOf(join(work, 'corpus/harbour'));
    expect(after['guide/install.html']).toBe(before['guide/install.html']);
    expect(after['guide/configure.html']).toBeUndefined();
    const engine = await Engine.fromFolder(join(work, 'corpus'));
    const answer = engine.answer('When does the night ferry leave?');
    expect(answer.quote).toBe('The night ferry now leaves at midnight from pier nine.');
    expect(answer.source?.url).toBe(`${site.origin}/faq`);
  });

  it('leaves the corpus untouched when the site cannot be reached', async () => {
    const before = await filesOf(join(work, 'corpus/harbour'));
    site.routes.set('/robots.txt', { status: 503 });
    const [down] = await syncSources(sourcesOf(site.origin), contextIn(work));
    expect(down?.error).toBe(`cannot read ${site.origin}/robots.txt (the server answered 503); the site is not crawled until it can be`);
    expect(await filesOf(join(work, 'corpus/harbour'))).toEqual(before);
    site.page('/robots.txt', 'User-agent: *\nDisallow: /private/\n', 'text/plain');
  });

  it('reports what it would change without writing anything when dry', async () => {
    const before = await filesOf(join(work, 'corpus/harbour'));
    site.page('/faq', htmlPage('FAQ', 'The night ferry is cancelled.', ['/']));
    const [dry] = await syncSources(sourcesOf(site.origin), contextIn(work, { dryRun: true }));
    expect(dry).toMatchObject({ dryRun: true, changed: ['faq.html'] });
    expect(await filesOf(join(work, 'corpus/harbour'))).toEqual(before);
  });
});

describe('a site with a sitemap', () => {
  const site = new DocsSite();
  let work = '';

  beforeAll(async () => {
    await site.start();
    work = await mkdtemp(join(tmpdir(), 'corpus-qa-sitemap-'));
  });
  afterAll(async () => {
    await site.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('syncs the pages a gzipped sitemap behind an index lists, and the documents they link to', async () => {
    site.page('/robots.txt', `User-agent: corpus-qa\nAllow: /\n\nSitemap: ${site.origin}/sitemap_index.xml\n`, 'text/plain');
    site.page(
      '/sitemap_index.xml',
      `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${site.origin}/maps/pages.xml.gz</loc></sitemap></sitemapindex>`,
      'application/xml',
    );
    site.page(
      '/maps/pages.xml.gz',
      gzipSync(
        `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${site.origin}/a</loc></url><url><loc>${site.origin}/b?lang=en</loc></url><url><loc>https://elsewhere.invalid/c</loc></url></urlset>`,
      ),
      'application/gzip',
    );
    site.page('/a', htmlPage('Page A', 'Page A talks about tides.', ['/not-listed', '/files/spec.pdf']));
    site.page('/b?lang=en', htmlPage('Page B', 'Page B talks about buoys.'));
    site.page('/not-listed', htmlPage('Not listed', 'Not in the sitemap.'));
    site.page('/files/spec.pdf', pdf, 'application/octet-stream');
    const [report] = await syncSources(
      parseSources(`sources:\n  - name: tides\n    site: ${site.origin}/\n    rate: 20\n`, 'sources.yaml'),
      contextIn(work),
    );
    expect(site.paths()).toEqual(['/robots.txt', '/sitemap_index.xml', '/maps/pages.xml.gz', '/a', '/b?lang=en', '/files/spec.pdf']);
    expect(report?.added).toEqual(['a.html', 'b_37b09514.html', 'files/spec.pdf']);
    const urls = JSON.parse(await readFile(join(work, 'corpus/tides/.urls.json'), 'utf8')) as { urls: Record<string, string> };
    expect(urls.urls['b_37b09514.html']).toBe(`${site.origin}/b?lang=en`);
  });
});

describe('an interrupted sync', () => {
  const site = new DocsSite();
  let work = '';

  beforeAll(async () => {
    await site.start();
    work = await mkdtemp(join(tmpdir(), 'corpus-qa-resume-'));
    const pages = Array.from({ length: 10 }, (_, i) => `/p${i}`);
    site.page('/robots.txt', '', 'text/plain');
    site.page('/', htmlPage('Index', 'All the pages.', pages));
    for (const [i, path] of pages.entries()) site.page(path, htmlPage(`Page ${i}`, `Page number ${i} of the manual.`));
  });
  afterAll(async () => {
    await site.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('writes nothing into the corpus, then resumes without fetching again what it had', async () => {
    const sources = parseSources(`sources:\n  - name: manual\n    site: ${site.origin}/\n    rate: 20\n`, 'sources.yaml');
    const controller = new AbortController();
    const stopAfterFive = contextIn(work, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.done >= 5) controller.abort(new Error('stopped'));
      },
    });
    await expect(syncSources(sources, stopAfterFive)).rejects.toThrow('stopped');
    expect(await filesOf(join(work, 'corpus/manual'))).toEqual({});
    const fetchedBefore = site.log.filter((entry) => entry.status === 200 && /^\/p\d$/.test(entry.path)).map((entry) => entry.path);
    expect(fetchedBefore.length).toBeGreaterThan(0);
    site.log.length = 0;
    const [resumed] = await syncSources(sources, contextIn(work));
    expect(resumed?.notes).toContain('resumed an interrupted sync');
    expect(resumed?.added).toHaveLength(11);
    const fetchedAgain = site.paths().filter((path) => fetchedBefore.includes(path));
    expect(fetchedAgain).toEqual([]);
    expect(Object.keys(await filesOf(join(work, 'corpus/manual')))).toHaveLength(11);
  });
});

describe('robots.txt', () => {
  const site = new DocsSite();
  let work = '';

  beforeAll(async () => {
    await site.start();
    work = await mkdtemp(join(tmpdir(), 'corpus-qa-robots-'));
  });
  afterAll(async () => {
    await site.stop();
    await rm(work, { recursive: true, force: true });
  });

  it("slows the crawl to its Crawl-delay for corpus-qa, and a site moved under the same name replaces the old one's files", async () => {
    site.page('/robots.txt', 'User-agent: *\nDisallow: /\n\nUser-agent: corpus-qa\nCrawl-delay: 0.25\nDisallow: /drafts\n', 'text/plain');
    site.page('/', htmlPage('Home', 'The home page.', ['/one', '/two', '/drafts/three']));
    site.page('/one', htmlPage('One', 'Page one.'));
    site.page('/two', htmlPage('Two', 'Page two.'));
    const [report] = await syncSources(
      parseSources(`sources:\n  - name: moved\n    site: ${site.origin}/\n    rate: 20\n`, 'sources.yaml'),
      contextIn(work),
    );
    expect(report?.added).toEqual(['index.html', 'one.html', 'two.html']);
    expect(problems(report!.refused)).toEqual(['/drafts/three: disallowed by robots.txt']);
    // The spacing itself is the limiter's, checked on a fake clock in requestLimiter.test.ts.
    expect(report?.notes).toContain('robots.txt asks for 0.25 s between requests: obeyed');

    const other = await new DocsSite().start();
    other.page('/robots.txt', '', 'text/plain');
    other.page('/', htmlPage('Other home', 'Another site.', ['/one']));
    other.page('/one', htmlPage('Other one', 'Another page one.'));
    const [moved] = await syncSources(
      parseSources(`sources:\n  - name: moved\n    site: ${other.origin}/\n    rate: 20\n`, 'sources.yaml'),
      contextIn(work),
    );
    await other.stop();
    expect(moved).toMatchObject({ added: [], changed: ['index.html', 'one.html'], removed: ['two.html'] });
    expect(Object.keys(await filesOf(join(work, 'corpus/moved')))).toEqual(['index.html', 'one.html']);
    const urls = JSON.parse(await readFile(join(work, 'corpus/moved/.urls.json'), 'utf8')) as { urls: Record<string, string> };
    expect(urls.urls).toEqual({ 'index.html': `${other.origin}/`, 'one.html': `${other.origin}/one` });
  });
});
