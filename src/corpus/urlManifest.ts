import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusDocument } from './corpusDocument.ts';
import type { CorpusFile, KeptFile } from './readCorpusFiles.ts';

/**
 * The file in a corpus folder that names the published page of files in that folder and below: a synced
 * source writes one into its folder, so every citation of a fetched page links to the live page. Hidden
 * (it starts with a dot), so it is never read as a document itself.
 */
export const URL_MANIFEST = '.urls.json';

/** What `.urls.json` holds: paths relative to its folder (`/`-separated) and each one's http(s) URL. */
export interface UrlManifestFile {
  version: 1;
  urls: Record<string, string>;
}

/**
 * The URLs of a manifest's text, by path; entries that are not http(s) URLs are left out, and a file that is
 * not a manifest gives none (its files keep the URL they name themselves).
 *
 * @example parseUrlManifest('{"version":1,"urls":{"a.html":"https://example.org/a"}}').get('a.html') // → 'https://example.org/a'
 */
export function parseUrlManifest(text: string): Map<string, string> {
  const urls = new Map<string, string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return urls;
  }
  const entries = (parsed as Partial<UrlManifestFile> | null)?.urls;
  if (typeof entries !== 'object' || entries === null) return urls;
  for (const [path, url] of Object.entries(entries)) {
    if (typeof url === 'string' && /^https?:\/\//i.test(url) && URL.canParse(url)) urls.set(path, url);
  }
  return urls;
}

/** A manifest's text for `urls` (path → URL), sorted by path so a re-sync that changes nothing writes the same bytes. */
export function formatUrlManifest(urls: ReadonlyMap<string, string>): string {
  const sorted = [...urls].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${JSON.stringify({ version: 1, urls: Object.fromEntries(sorted) } satisfies UrlManifestFile, null, 1)}\n`;
}

/**
 * The published URL of corpus files from the `.urls.json` manifests of their folders: the nearest folder's
 * manifest that names a file wins. Each folder's manifest is read once per instance (one instance per
 * load), so a reload sees a manifest written since.
 */
export class PublishedUrls {
  private readonly folders = new Map<string, Promise<Map<string, string>>>();

  constructor(private readonly dir: string) {}

  /** The URL a manifest gives `path` (relative to the corpus folder, `/`-separated), or null. */
  async urlOf(path: string): Promise<string | null> {
    const parts = path.split('/');
    for (let depth = parts.length - 1; depth >= 0; depth -= 1) {
      const folder = parts.slice(0, depth).join('/');
      const urls = await this.manifestOf(folder);
      const url = urls.get(parts.slice(depth).join('/'));
      if (url !== undefined) return url;
    }
    return null;
  }

  private manifestOf(folder: string): Promise<Map<string, string>> {
    let manifest = this.folders.get(folder);
    if (manifest === undefined) {
      manifest = readFile(join(this.dir, folder, URL_MANIFEST), 'utf8').then(parseUrlManifest, () => new Map<string, string>());
      this.folders.set(folder, manifest);
    }
    return manifest;
  }
}

/**
 * Files just read, each with the URL its folders' manifests give it in place of the one it names itself
 * (the manifest says where the page was fetched from); a file kept from an earlier load keeps its document
 * unless the manifest now gives it another URL (`withCurrentUrl`).
 */
export async function withPublishedUrls(dir: string, files: readonly (CorpusFile | KeptFile)[]): Promise<(CorpusFile | KeptFile)[]> {
  const published = new PublishedUrls(dir);
  const out: (CorpusFile | KeptFile)[] = [];
  for (const file of files) {
    if ('kept' in file) {
      const kept = await withCurrentUrl(published, file.kept);
      out.push(kept === file.kept ? file : { ...file, kept });
      continue;
    }
    const url = await published.urlOf(file.path);
    out.push(url === null ? file : { ...file, extracted: { ...file.extracted, url } });
  }
  return out;
}

/** Documents restored from a snapshot, each with the URL the manifests give it now (`withCurrentUrl`). */
export async function withCurrentUrls(dir: string, documents: readonly CorpusDocument[]): Promise<CorpusDocument[]> {
  const published = new PublishedUrls(dir);
  const out: CorpusDocument[] = [];
  for (const document of documents) out.push(await withCurrentUrl(published, document));
  return out;
}

/**
 * The document, or a copy with the URL its folders' manifests give it now where that differs: a document
 * kept from an earlier load (or a snapshot) carries the manifest's URL of that time, and a source synced
 * again from a new address rewrites the manifest without changing the pages. A copy is a new object, so a
 * refresh applies it as a changed document.
 */
async function withCurrentUrl(published: PublishedUrls, document: CorpusDocument): Promise<CorpusDocument> {
  const url = await published.urlOf(document.path);
  return url === null || url === document.url ? document : { ...document, url };
}
