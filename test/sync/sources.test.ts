import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDuration, parseSources, readSources, siteDefaults } from '../../src/sync/sources.ts';

describe('a sources file', () => {
  it('declares a site with the defaults of the ones it leaves out', () => {
    expect(parseSources('sources:\n  - site: https://docs.example.org/guide/intro\n', 'sources.yaml')).toEqual([
      {
        kind: 'site',
        name: 'docs.example.org',
        url: 'https://docs.example.org/guide/intro',
        origin: 'https://docs.example.org',
        sitemap: null,
        include: ['/guide/**'],
        exclude: [],
        maxPages: 2_000,
        rate: 2,
        timeoutMs: 20_000,
        maxPageBytes: 10 * 1024 * 1024,
      },
    ]);
    expect(siteDefaults).toMatchObject({ maxPages: 2_000, rate: 2 });
  });

  it('declares a site with every setting, and a Git repository with its page template or GitHub default', () => {
    const yaml = [
      'sources:',
      '  - name: docs',
      '    site: https://docs.example.org/',
      '    sitemap: /sitemap.xml.gz',
      '    include: ["/guide/**", "/faq"]',
      '    exclude: /blog/**',
      '    max_pages: 300',
      '    rate: 0.5',
      '    timeout: 5s',
      '    max_page_size: 2MB',
      '  - git: https://github.com/owner/handbook.git',
      '    path: /docs/',
      '  - name: site-from-repo',
      '    git: git@github.com:owner/site.git',
      '    ref: v2.1',
      '    url: https://site.example.org/{page}',
    ].join('\n');
    const [site, github, templated] = parseSources(yaml, 'sources.yaml');
    expect(site).toMatchObject({
      sitemap: 'https://docs.example.org/sitemap.xml.gz',
      include: ['/guide/**', '/faq'],
      exclude: ['/blog/**'],
      maxPages: 300,
      rate: 0.5,
      timeoutMs: 5_000,
      maxPageBytes: 2 * 1024 * 1024,
    });
    expect(github).toEqual({
      kind: 'git',
      name: 'handbook',
      repository: 'https://github.com/owner/handbook.git',
      path: 'docs',
      ref: 'main',
      urlTemplate: 'https://github.com/owner/handbook/blob/{ref}/{path}',
    });
    expect(templated).toMatchObject({ name: 'site-from-repo', path: '', ref: 'v2.1', urlTemplate: 'https://site.example.org/{page}' });
  });

  it('names every problem at once, with the file and the source', () => {
    const yaml = [
      'sources:',
      '  - site: file:///etc/passwd',
      '  - site: https://user:secret@docs.example.org/',
      '  - site: https://docs.example.org/',
      '    max-pages: 10',
      '    rate: 500',
      '    sitemap: https://elsewhere.example.org/sitemap.xml',
      '  - git: "ext::sh -c touch% /tmp/pwned"',
      '  - git: https://github.com/o/r',
      '    path: ../../etc',
      '  - site: https://docs.example.org/',
    ].join('\n');
    expect(() => parseSources(yaml, 'sources.yaml')).toThrow(
      [
        'sources.yaml: source 1: site must be an http(s) URL without a user name or password (got "file:///etc/passwd")',
        'source 2: site must be an http(s) URL without a user name or password (got "https://user:secret@docs.example.org/")',
        'source 3: unknown key "max-pages" (known: name, site, sitemap, include, exclude, max_pages, rate, timeout, max_page_size)',
        'source 3: sitemap must be a URL on https://docs.example.org (got "https://elsewhere.example.org/sitemap.xml")',
        'source 3: rate must be requests per second, from 0.01 to 20 (got 500)',
        'source 4: git must be an https, ssh or file URL or a path to a repository (got "ext::sh -c touch% /tmp/pwned")',
        'source 5: path must be a folder of the repository such as docs/ (got "../../etc")',
      ].join('; '),
    );
    expect(() => parseSources('sources:\n  - site: https://a.example.org/\n  - site: https://a.example.org/x/\n', 's.yaml')).toThrow(
      's.yaml: source 2: the name "a.example.org" is used twice (give each a "name:")',
    );
    expect(() => parseSources('sources: [', 's.yaml')).toThrow(/^s\.yaml: not valid YAML at line 1/);
    expect(() => parseSources('', 's.yaml')).toThrow('s.yaml: expected a list under "sources:" (see the README for an example)');
  });

  it('that is missing says how to make one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corpus-qa-sources-'));
    await expect(readSources(join(dir, 'sources.yaml'))).rejects.toThrow(
      `${join(dir, 'sources.yaml')}: no such file (declare the sources to sync there; see the README)`,
    );
    await writeFile(join(dir, 'sources.yaml'), 'sources:\n  - site: https://docs.example.org/\n');
    expect(await readSources(join(dir, 'sources.yaml'))).toHaveLength(1);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('a duration', () => {
  it('is a number and a unit', () => {
    expect([parseDuration('6h'), parseDuration('30m'), parseDuration('1.5s'), parseDuration('1d'), parseDuration('250ms')]).toEqual([
      21_600_000, 1_800_000, 1_500, 86_400_000, 250,
    ]);
    expect([parseDuration(''), parseDuration('6'), parseDuration('h'), parseDuration('six hours')]).toEqual([null, null, null, null]);
  });
});
