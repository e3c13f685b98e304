import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';

/** A documentation website, crawled into the corpus. */
export interface SiteSource {
  kind: 'site';
  /** The source's folder under the corpus, and how `--source` and `/sources` name it. */
  name: string;
  /** Where crawling starts (`site:`): an http(s) URL. */
  url: string;
  /** The only origin (scheme, host and port) ever requested: the start URL's. */
  origin: string;
  /** `sitemap:`: the sitemap to read, else the ones robots.txt names, else `/sitemap.xml` when there is one. */
  sitemap: string | null;
  /** `include:`: path patterns (globs, `*` within a segment, `**` across) a page must match; default: the start URL's folder and below. */
  include: string[];
  /** `exclude:`: path patterns no fetched URL may match. */
  exclude: string[];
  /** `max_pages:`: the most pages and documents kept. */
  maxPages: number;
  /** `rate:`: requests started per second at most (robots.txt's Crawl-delay can only slow it). */
  rate: number;
  /** `timeout:`: the longest one request may take, body included, in ms. */
  timeoutMs: number;
  /** `max_page_size:`: a larger response is refused, in bytes. */
  maxPageBytes: number;
}

/** A folder of a Git repository, checked out into the corpus. */
export interface GitSource {
  kind: 'git';
  name: string;
  /** `git:`: what `git clone` is given (https, ssh, or a local path). */
  repository: string;
  /** `path:`: the folder of the repository to keep, `/`-separated without slashes at either end; '' for all of it. */
  path: string;
  /** `ref:`: the branch or tag to follow. */
  ref: string;
  /**
   * `url:`: the page of each file, with `{ref}`, `{commit}`, `{path}` (in the repository), `{file}` (under
   * `path`) and `{page}` (`{file}` without its extension, an index file standing for its folder); by default
   * the file on the repository's web page for an http(s) repository, else none.
   */
  urlTemplate: string | null;
}

export type SourceDefinition = SiteSource | GitSource;

/** What a site source gets when sources.yaml does not say. */
export const siteDefaults = {
  maxPages: 2_000,
  /** Two requests a second: a 300-page site in under three minutes, and no burden on a docs server. */
  rate: 2,
  timeoutMs: 20_000,
  maxPageBytes: 10 * 1024 * 1024,
} as const;

/** At most this many requests in flight to one site, whatever the rate. */
export const MAX_IN_FLIGHT = 2;
/** The fastest `rate:` accepted: a crawler faster than this burdens a docs server more than it helps. */
const MAX_RATE = 20;

/** A sources file that cannot be used; the message names the file and every problem in it. */
export class SourcesError extends Error {
  override readonly name = 'SourcesError';
}

const SITE_KEYS = new Set(['name', 'site', 'sitemap', 'include', 'exclude', 'max_pages', 'rate', 'timeout', 'max_page_size']);
const GIT_KEYS = new Set(['name', 'git', 'path', 'ref', 'url']);
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Reads and checks a sources file (`readSources('sources.yaml')`); throws SourcesError naming every problem. */
export async function readSources(file: string): Promise<SourceDefinition[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourcesError(
      code === 'ENOENT' ? `${file}: no such file (declare the sources to sync there; see the README)` : `${file}: cannot be read (${code})`,
    );
  }
  return parseSources(text, file);
}

/**
 * The sources a sources file declares, checked: each a `site:` or a `git:`, with a unique name (by default
 * the site's host or the repository's name) and only known keys. Throws SourcesError naming the file and
 * every problem.
 *
 * @example parseSources('sources:\n  - site: https://docs.example.org/\n', 'sources.yaml')[0].name // → 'docs.example.org'
 */
export function parseSources(text: string, file: string): SourceDefinition[] {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    const where = error.linePos ? ` at line ${error.linePos[0].line}` : '';
    // The message's first line, without the position yaml appends to it (given first here).
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new SourcesError(`${file}: not valid YAML${where}: ${message}`);
  }
  const root = document.toJS() as unknown;
  const list = isRecord(root) ? root.sources : undefined;
  if (!Array.isArray(list)) throw new SourcesError(`${file}: expected a list under "sources:" (see the README for an example)`);
  const problems: string[] = [];
  const sources: SourceDefinition[] = [];
  const names = new Set<string>();
  for (const [index, entry] of list.entries()) {
    const label = `source ${index + 1}`;
    const before = problems.length;
    const source = isRecord(entry) ? parseSource(entry, (problem) => problems.push(`${label}: ${problem}`)) : null;
    if (!isRecord(entry)) problems.push(`${label}: expected "site: URL" or "git: URL" with its settings`);
    if (source === null || problems.length > before) continue;
    if (names.has(source.name.toLowerCase())) problems.push(`${label}: the name "${source.name}" is used twice (give each a "name:")`);
    names.add(source.name.toLowerCase());
    sources.push(source);
  }
  if (problems.length > 0) throw new SourcesError(`${file}: ${problems.join('; ')}`);
  return sources;
}

function parseSource(entry: Record<string, unknown>, problem: (text: string) => void): SourceDefinition | null {
  const isSite = 'site' in entry;
  if (isSite === 'git' in entry) {
    problem('give either "site: URL" or "git: URL"');
    return null;
  }
  const known = isSite ? SITE_KEYS : GIT_KEYS;
  for (const key of Object.keys(entry)) if (!known.has(key)) problem(`unknown key "${key}" (known: ${[...known].join(', ')})`);
  return isSite ? parseSite(entry, problem) : parseGit(entry, problem);
}

function parseSite(entry: Record<string, unknown>, problem: (text: string) => void): SiteSource | null {
  const start = httpUrl(entry.site);
  if (start === null) {
    problem(`site must be an http(s) URL without a user name or password (got ${shown(entry.site)})`);
    return null;
  }
  start.hash = '';
  let sitemap: string | null = null;
  if (entry.sitemap !== undefined) {
    const url = httpUrl(entry.sitemap, start);
    if (url === null || url.origin !== start.origin) problem(`sitemap must be a URL on ${start.origin} (got ${shown(entry.sitemap)})`);
    else sitemap = url.href;
  }
  const folder = start.pathname.slice(0, start.pathname.lastIndexOf('/') + 1);
  return {
    kind: 'site',
    name: nameOf(entry, start.host.replace(/:/g, '_'), problem),
    url: start.href,
    origin: start.origin,
    sitemap,
    include: patterns(entry.include, 'include', problem) ?? [`${folder}**`],
    exclude: patterns(entry.exclude, 'exclude', problem) ?? [],
    maxPages: count(entry.max_pages, 'max_pages', siteDefaults.maxPages, problem),
    rate: rateOf(entry.rate, problem),
    timeoutMs: duration(entry.timeout, 'timeout', siteDefaults.timeoutMs, problem),
    maxPageBytes: size(entry.max_page_size, problem),
  };
}

function parseGit(entry: Record<string, unknown>, problem: (text: string) => void): GitSource | null {
  const repository = typeof entry.git === 'string' ? entry.git.trim() : '';
  // `ext::` and `fd::` transports run commands; an argument starting with `-` would be read as an option.
  const transport =
    /^(https?|ssh|file):\/\/\S+$/i.test(repository) || /^[\w.-]+@[\w.-]+:\S+$/.test(repository) || /^[./~]/.test(repository);
  if (!transport || repository.startsWith('-') || /\s/.test(repository)) {
    problem(`git must be an https, ssh or file URL or a path to a repository (got ${shown(entry.git)})`);
    return null;
  }
  if (/^https?:\/\/[^/]*@/i.test(repository)) problem('git must not carry a user name or password (use git credential helpers)');
  const rawPath = entry.path ?? '';
  const path = typeof rawPath === 'string' ? rawPath.trim().replace(/^\/+|\/+$/g, '') : '';
  if (typeof rawPath !== 'string' || path.split('/').some((part) => part === '..' || part === '.') || /[*?[\]\\]/.test(path)) {
    problem(`path must be a folder of the repository such as docs/ (got ${shown(rawPath)})`);
  }
  const ref = entry.ref ?? 'main';
  if (typeof ref !== 'string' || !/^[\w][\w./-]*$/.test(ref) || ref.includes('..'))
    problem(`ref must be a branch or tag name (got ${shown(ref)})`);
  let urlTemplate = defaultPageTemplate(repository);
  if (entry.url !== undefined) {
    const filled = typeof entry.url === 'string' ? entry.url.replace(/\{(ref|commit|path|file|page)\}/g, 'x') : '';
    if (typeof entry.url !== 'string' || httpUrl(filled) === null || /[{}]/.test(filled)) {
      problem(`url must be an http(s) URL template using {ref}, {commit}, {path}, {file} or {page} (got ${shown(entry.url)})`);
    } else urlTemplate = entry.url;
  }
  const base = repository.replace(/\/+$/, '').replace(/\.git$/, '');
  return {
    kind: 'git',
    name: nameOf(entry, base.slice(Math.max(base.lastIndexOf('/'), base.lastIndexOf(':')) + 1) || 'repository', problem),
    repository,
    path,
    ref: typeof ref === 'string' ? ref : 'main',
    urlTemplate,
  };
}

/** `https://github.com/owner/repo(.git)` → `https://github.com/owner/repo/blob/{ref}/{path}`; null for other transports. */
function defaultPageTemplate(repository: string): string | null {
  if (!/^https?:\/\//i.test(repository)) return null;
  return `${repository.replace(/\/+$/, '').replace(/\.git$/, '')}/blob/{ref}/{path}`;
}

function nameOf(entry: Record<string, unknown>, fallback: string, problem: (text: string) => void): string {
  const name = entry.name ?? fallback;
  if (typeof name !== 'string' || !NAME.test(name)) {
    problem(`name must be letters, digits, ".", "_" or "-", at most 64, not starting with a dot (got ${shown(name)})`);
    return fallback;
  }
  return name;
}

function httpUrl(value: unknown, base?: URL): URL | null {
  if (typeof value !== 'string' || !URL.canParse(value.trim(), base?.href)) return null;
  const url = new URL(value.trim(), base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url;
}

function patterns(value: unknown, key: string, problem: (text: string) => void): string[] | null {
  if (value === undefined) return null;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || !item.startsWith('/'))) {
    problem(`${key} must be a path pattern or a list of them, each starting with "/" (got ${shown(value)})`);
    return null;
  }
  return list as string[];
}

function count(value: unknown, key: string, fallback: number, problem: (text: string) => void): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1_000_000) {
    problem(`${key} must be a whole number from 1 to 1000000 (got ${shown(value)})`);
    return fallback;
  }
  return value;
}

function rateOf(value: unknown, problem: (text: string) => void): number {
  if (value === undefined) return siteDefaults.rate;
  if (typeof value !== 'number' || !(value >= 0.01 && value <= MAX_RATE)) {
    problem(`rate must be requests per second, from 0.01 to ${MAX_RATE} (got ${shown(value)})`);
    return siteDefaults.rate;
  }
  return value;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration such as `20s`, `1.5m`, `6h` or `1d` in ms, or null when it is not one.
 *
 * @example parseDuration('6h') // → 21600000
 */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/i.exec(text.trim());
  return match ? Math.round(Number(match[1]) * DURATION_UNITS[match[2]!.toLowerCase()]!) : null;
}

function duration(value: unknown, key: string, fallback: number, problem: (text: string) => void): number {
  if (value === undefined) return fallback;
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? parseDuration(value) : null;
  if (ms === null || !(ms >= 100 && ms <= 600_000)) {
    problem(`${key} must be a time from 100ms to 10m, such as 20s (got ${shown(value)})`);
    return fallback;
  }
  return ms;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

function size(value: unknown, problem: (text: string) => void): number {
  if (value === undefined) return siteDefaults.maxPageBytes;
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)$/i.exec(value.trim()) : null;
  const bytes = typeof value === 'number' ? value : match ? Number(match[1]) * SIZE_UNITS[match[2]!.toLowerCase()]! : null;
  if (bytes === null || !(bytes >= 1024 && bytes <= 256 * 1024 ** 2)) {
    problem(`max_page_size must be a size from 1KB to 256MB, such as 10MB (got ${shown(value)})`);
    return siteDefaults.maxPageBytes;
  }
  return Math.round(bytes);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? 'nothing');
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
