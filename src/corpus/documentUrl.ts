import type { SourceLocation } from './corpusDocument.ts';

/**
 * The page a docs site publishes a corpus file at: the path without its extension under `baseUrl`, an
 * `index` file standing for its folder.
 *
 * @example urlForPath('https://example.org/', 'guide/setup.md') // → 'https://example.org/guide/setup'
 */
export function urlForPath(baseUrl: string, path: string): string {
  const segments = path.replace(/\.[^./]+$/, '').split('/');
  if (segments.at(-1)?.toLowerCase() === 'index') segments[segments.length - 1] = '';
  return new URL(segments.map(encodeURIComponent).join('/'), baseUrl).href;
}

/** A base URL made ready for `urlForPath` (ending in `/`), or null when it is not an http(s) URL. */
export function normalizeBaseUrl(raw: string): string | null {
  if (!URL.canParse(raw)) return null;
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/**
 * A document's URL narrowed to where a quote lies: its section's anchor, or its PDF page (the `#page=`
 * fragment browsers' PDF viewers open at). A URL that already names a fragment is kept as it is.
 *
 * @example deepLink('https://example.org/report.pdf', { page: 2 }) // → 'https://example.org/report.pdf#page=2'
 */
export function deepLink(url: string, location: SourceLocation | null): string {
  if (url.includes('#') || location === null) return url;
  if (location.page !== undefined) return `${url}#page=${location.page}`;
  if (location.anchor !== undefined) return `${url}#${encodeURIComponent(location.anchor)}`;
  return url;
}
