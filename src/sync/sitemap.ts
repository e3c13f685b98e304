import { gunzipSync } from 'node:zlib';
import { DOMParser } from 'linkedom';

/** What a sitemap file lists: pages (`<urlset>`), or more sitemaps (`<sitemapindex>`). */
export type SitemapContent = { kind: 'pages'; urls: string[] } | { kind: 'index'; sitemaps: string[] };

/** A gzipped sitemap is unpacked to at most this much: a small file must not unpack into gigabytes. */
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/**
 * Reads a sitemap (sitemaps.org 0.9): the `<loc>` of each `<url>` of a `<urlset>`, or of each `<sitemap>` of
 * a `<sitemapindex>`; gzipped files (`sitemap.xml.gz`) are unpacked first. Parsed with linkedom's XML
 * parser, which expands no external entity. Returns null for a file that is neither.
 *
 * @example parseSitemap(Buffer.from('<urlset><url><loc>https://example.org/a</loc></url></urlset>')) // → { kind: 'pages', urls: ['https://example.org/a'] }
 */
export function parseSitemap(body: Buffer): SitemapContent | null {
  let bytes = body;
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      bytes = gunzipSync(body, { maxOutputLength: MAX_UNPACKED_BYTES });
    } catch {
      return null;
    }
  }
  const document = new DOMParser().parseFromString(bytes.toString('utf8'), 'text/xml') as unknown as {
    documentElement: XmlElement | null;
  };
  const root = document.documentElement;
  const rootName = root ? localName(root) : '';
  if (root === null || (rootName !== 'urlset' && rootName !== 'sitemapindex')) return null;
  const entry = rootName === 'urlset' ? 'url' : 'sitemap';
  const locations: string[] = [];
  for (const child of root.children) {
    if (localName(child) !== entry) continue;
    const loc = [...child.children].find((node) => localName(node) === 'loc');
    const text = loc?.textContent?.trim();
    if (text) locations.push(text);
  }
  return rootName === 'urlset' ? { kind: 'pages', urls: locations } : { kind: 'index', sitemaps: locations };
}

interface XmlElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly children: ArrayLike<XmlElement> & Iterable<XmlElement>;
}

/** `sm:loc` → `loc`: sitemaps written with a namespace prefix name the same elements. */
function localName(element: XmlElement): string {
  return element.tagName.slice(element.tagName.indexOf(':') + 1).toLowerCase();
}
