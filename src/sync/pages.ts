import { createHash } from 'node:crypto';
import { DOMParser } from 'linkedom';

/** The formats a fetched response is saved as, by the extension the corpus reads it with. */
export type SavedFormat = '.html' | '.pdf' | '.docx' | '.md' | '.txt';

const CONTENT_TYPES: Readonly<Record<string, SavedFormat>> = {
  'text/html': '.html',
  'application/xhtml+xml': '.html',
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'text/markdown': '.md',
  'text/x-markdown': '.md',
};

/** Extensions of links worth requesting: pages (or none at all) and the documents the corpus reads. */
const PAGE_EXTENSIONS = new Set(['', '.html', '.htm', '.xhtml', '.php', '.asp', '.aspx', '.jsp', '.shtml']);
const DOCUMENT_EXTENSIONS: Readonly<Record<string, SavedFormat>> = {
  '.pdf': '.pdf',
  '.docx': '.docx',
  '.md': '.md',
  '.markdown': '.md',
  '.txt': '.txt',
};

function extensionOf(url: URL): string {
  const last = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  return dot <= 0 ? '' : last.slice(dot).toLowerCase();
}

/** Whether a link points to a page (no extension, `.html`, `.php`…) rather than a document or a file of another kind. */
export function isPageLink(url: URL): boolean {
  return PAGE_EXTENSIONS.has(extensionOf(url));
}

/** Whether a link points to a document the corpus reads (`.pdf`, `.docx`, `.md`, `.txt`). */
export function isDocumentLink(url: URL): boolean {
  return extensionOf(url) in DOCUMENT_EXTENSIONS;
}

/**
 * What a response is saved as, from its content type and, for a generic one (`text/plain`,
 * `application/octet-stream`), from the URL's extension and the bytes themselves; null when the corpus
 * cannot read it (an image, a script, a zip that is not a Word document).
 */
export function savedFormatOf(contentType: string, url: URL, body: Uint8Array): SavedFormat | null {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const byExtension = DOCUMENT_EXTENSIONS[extensionOf(url)];
  const format =
    CONTENT_TYPES[type] ?? (type === 'text/plain' || type === 'application/octet-stream' || type === '' ? byExtension : undefined);
  if (format === undefined) return null;
  // Checked on the bytes, since a server's content type is only what it says.
  if (format === '.pdf' && !startsWith(body, '%PDF-')) return null;
  if (format === '.docx' && !startsWith(body, 'PK\u0003\u0004')) return null;
  if ((format === '.html' || format === '.md' || format === '.txt') && body.subarray(0, 8192).includes(0)) return null;
  return format;
}

function startsWith(body: Uint8Array, magic: string): boolean {
  return Buffer.from(body.subarray(0, magic.length)).toString('latin1') === magic;
}

/** The links of an HTML page and the URL it names as its own. */
export interface PageLinks {
  /** `<link rel="canonical">`, resolved; null when the page names none. */
  canonical: string | null;
  /** Every `<a href>` and `<area href>`, resolved against the page (or its `<base href>`), fragments dropped, http(s) only, each once. */
  links: string[];
}

/**
 * The links and canonical URL of an HTML page fetched from `pageUrl`. The page is only parsed: nothing in it
 * is run or loaded.
 *
 * @example linksOf('<a href="/b#x">B</a>', 'https://example.org/a').links // → ['https://example.org/b']
 */
export function linksOf(html: string, pageUrl: string): PageLinks {
  const document = new DOMParser().parseFromString(html, 'text/html') as unknown as {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }>;
  };
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  const base = baseHref && URL.canParse(baseHref, pageUrl) ? new URL(baseHref, pageUrl).href : pageUrl;
  const resolve = (href: string | null | undefined, against: string): string | null => {
    if (!href || !URL.canParse(href.trim(), against)) return null;
    const url = new URL(href.trim(), against);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  };
  const links = new Set<string>();
  for (const anchor of document.querySelectorAll('a[href], area[href]')) {
    const url = resolve(anchor.getAttribute('href'), base);
    if (url !== null) links.add(url);
  }
  const canonical = resolve(document.querySelector('link[rel~="canonical"][href]')?.getAttribute('href'), pageUrl);
  return { canonical, links: [...links] };
}

/** Longest name given to one folder or file (bytes of UTF-8 are at most 4 per character; file systems allow 255). */
const MAX_SEGMENT = 60;

/**
 * The path a page is saved at inside its source's folder, from its URL and format: the URL's path, each part
 * cleaned of characters file systems or the corpus treat specially, a folder's page as `index`, the format's
 * extension, and a short hash of the query when there is one.
 *
 * @example savedPathOf(new URL('https://example.org/guide/setup'), '.html') // → 'guide/setup.html'
 */
export function savedPathOf(url: URL, format: SavedFormat): string {
  const segments = url.pathname
    .split('/')
    .slice(1)
    .map((segment) => cleanSegment(safeDecode(segment)));
  if (segments.at(-1) === '' || segments.length === 0) segments[Math.max(0, segments.length - 1)] = 'index';
  const folders = segments.slice(0, -1).filter((segment) => segment !== '');
  let last = segments.at(-1)!;
  const knownExtension = /\.(html?|xhtml|pdf|docx|md|markdown|txt)$/i.exec(last);
  if (knownExtension) last = last.slice(0, -knownExtension[0].length) || 'index';
  if (url.search !== '') last = `${last}_${shortHash(url.search)}`;
  return [...folders, `${last}${format}`].join('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function cleanSegment(segment: string): string {
  // Dots at the start would hide the file from the corpus (and `..` climb out of it).
  const clean = segment
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^[.\s]+/, '_')
    .trim();
  return clean.length > MAX_SEGMENT ? `${clean.slice(0, MAX_SEGMENT - 9)}_${shortHash(clean)}` : clean;
}

/** Eight hex digits of a SHA-1: enough to tell apart the few names that would otherwise collide. */
export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 8);
}
