import PQueue from 'p-queue';
import picomatch from 'picomatch';
import type { SyncContext } from './context.ts';
import { type FetchOutcome, fetchWithinOrigin, type HttpPolicy, pause, type Validators } from './http.ts';
import { isDocumentLink, isPageLink, linksOf, type SavedFormat, savedFormatOf, savedPathOf, shortHash } from './pages.ts';
import { notRun, type Problem, type SourceReport } from './report.ts';
import { type RobotsRules, readRobots } from './robots.ts';
import { parseSitemap } from './sitemap.ts';
import { type FileRecord, SourceFolder, type SourceState } from './sourceFolder.ts';
import { MAX_IN_FLIGHT, type SiteSource } from './sources.ts';

/** What became of one URL in a sync. Kept in the work folder as the sync goes, so an interrupted one resumes. */
type PageResult =
  /** Saved as `file` (staged when its bytes differ from the corpus copy, or its cited URL changed). */
  | { outcome: 'saved'; file: string; url: string; validators: Validators; staged: boolean; bytes: number }
  /** A 304, or the same bytes again. */
  | { outcome: 'unchanged'; file: string }
  | { outcome: 'gone' }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'refused'; reason: string }
  /** The same page as another URL (its canonical link or a redirect says so): saved once. */
  | { outcome: 'duplicate' };

/** An unfinished sync of a site, as `run.json` keeps it. */
interface RunState {
  version: 1;
  location: string;
  startedAt: number;
  results: Record<string, PageResult>;
}

/** An unfinished sync older than this is started again rather than resumed: what it fetched is stale. */
const RESUME_WITHIN_MS = 7 * 24 * 3_600_000;
/** Pages processed at once: enough to keep the requests in flight busy, few enough to hold little in memory. */
const PAGES_AT_ONCE = 2 * MAX_IN_FLIGHT;
/** How often (results) the run is written down for a resume. */
const SAVE_RUN_EVERY = 20;
/** Sitemaps read at most (an index naming more is cut). */
const MAX_SITEMAPS = 100;

/**
 * Syncs a documentation site into `corpus/NAME/`: reads robots.txt (user agent `corpus-qa`), then the
 * pages of its sitemap (an index and gzipped files followed), or else the pages found by following links
 * breadth-first from the start URL; in both cases the PDF, Word and Markdown documents the pages link to.
 * Only the site's origin is requested, at `rate` requests a second (slower if robots.txt's Crawl-delay asks)
 * with at most two in flight. A page already held is asked for conditionally, so an unchanged one costs a
 * 304. A page that answers 404 or 410, or is no longer linked or listed, is removed; one that fails (5xx,
 * time-out) keeps its old copy. Changes are staged and moved into the corpus at the end.
 */
export async function syncSite(source: SiteSource, context: SyncContext): Promise<SourceReport> {
  const started = performance.now();
  const folder = new SourceFolder(context.corpusDir, context.workDir, source.name);
  const location = `site ${source.url}`;
  const stored = await folder.readState();
  const before = stored?.location === location ? stored : null;
  const run = context.dryRun ? null : await resumableRun(folder, location);
  const crawl = new Crawl(source, context, folder, before ?? stored, before !== null, run);

  const policyBase = {
    origin: source.origin,
    timeoutMs: source.timeoutMs,
    maxBytes: source.maxPageBytes,
    fetch: context.fetch,
    ...(context.signal && { signal: context.signal }),
  };
  const robotsLimiter = requestLimiter(source.rate, null);
  const robots = await readRobots({ ...policyBase, schedule: (request) => robotsLimiter.add(request) });
  crawl.requests += 1;
  if (robots.kind === 'unreachable')
    return crawl.fail(
      stored,
      `cannot read ${source.origin}/robots.txt (${robots.reason}); the site is not crawled until it can be`,
      started,
    );
  const rules = robots.rules;
  const queue = requestLimiter(source.rate, rules.crawlDelay);
  // The first request of the new limiter keeps its distance from robots.txt's.
  await pause(intervalOf(source.rate, rules.crawlDelay), context.signal);
  if (rules.crawlDelay !== null && rules.crawlDelay * source.rate > 1) {
    crawl.notes.push(`robots.txt asks for ${rules.crawlDelay} s between requests: obeyed`);
  }
  crawl.policy = {
    ...policyBase,
    allowed: rules.allowed,
    schedule: (request) => {
      crawl.requests += 1;
      return queue.add(request);
    },
  };
  if (run !== null && Object.keys(run.results).length > 0) crawl.notes.push('resumed an interrupted sync');

  try {
    context.onProgress?.({ source: source.name, phase: 'discovering', done: 0, total: 0, bytes: 0, elapsedMs: 0 });
    const listed = await crawl.readSitemaps(rules);
    if (typeof listed === 'string') return crawl.fail(stored, listed, started);
    if (listed.length > 0) {
      crawl.mode = 'sitemap';
      for (const url of listed) crawl.enqueue(url, 'listed');
    } else {
      crawl.enqueue(source.url, 'start');
    }
    await crawl.run();
    if (crawl.mode === 'links') {
      const start = crawl.results.get(source.url);
      if (start && (start.outcome === 'failed' || start.outcome === 'gone' || start.outcome === 'refused')) {
        const reason = start.outcome === 'gone' ? 'not found (404)' : start.reason;
        return crawl.fail(stored, `cannot fetch the start URL ${source.url}: ${reason}`, started);
      }
    }
  } catch (error) {
    if (context.signal?.aborted) {
      queue.clear();
      await crawl.saveRun();
    }
    throw error;
  }
  return crawl.finish(started);
}

/** The run to go on with: an unfinished one of the same site, recent enough; else a new one. */
async function resumableRun(folder: SourceFolder, location: string): Promise<RunState> {
  const previous = await folder.readRun<RunState>();
  if (previous?.version === 1 && previous.location === location && Date.now() - previous.startedAt < RESUME_WITHIN_MS) return previous;
  await folder.clearStaging();
  return { version: 1, location, startedAt: Date.now(), results: {} };
}

/** Requests start at most `rate` a second, or one per Crawl-delay when that is slower, two in flight at most. */
export function requestLimiter(rate: number, crawlDelay: number | null): PQueue {
  // Strict: a sliding window, so two starts are never closer than the interval (fixed windows allow a pair
  // at a window's end and the next one's start).
  return new PQueue({ concurrency: MAX_IN_FLIGHT, intervalCap: 1, interval: intervalOf(rate, crawlDelay), strict: true });
}

function intervalOf(rate: number, crawlDelay: number | null): number {
  return Math.ceil(Math.max(1000 / rate, (crawlDelay ?? 0) * 1000));
}

/** One crawl of a site: what is queued, what each URL gave, and the files that will make up the folder. */
class Crawl {
  mode: 'sitemap' | 'links' = 'links';
  policy!: HttpPolicy;
  requests = 0;
  bytes = 0;
  readonly notes: string[] = [];
  readonly results = new Map<string, PageResult>();
  private readonly queued: { url: string; kind: string }[] = [];
  private readonly seen = new Set<string>();
  private limitReached = false;
  /** Files of the folder before this sync, by the URL they were fetched from. */
  private readonly previousByUrl = new Map<string, string>();
  /** Each file's owner in this sync (the URL it was fetched from), and document ids taken (a path without extension). */
  private readonly owners = new Map<string, string>();
  private readonly ids = new Map<string, string>();
  /** Cited URLs already saved in this sync: a second page citing one is a duplicate. */
  private readonly cited = new Map<string, string>();
  private readonly isIncluded: (path: string) => boolean;
  private readonly isExcluded: (path: string) => boolean;
  private unsaved = 0;
  private readonly startedAt = performance.now();

  constructor(
    private readonly source: SiteSource,
    private readonly context: SyncContext,
    private readonly folder: SourceFolder,
    /** The folder's state, to remove its files if they are not found again. */
    private readonly previous: SourceState | null,
    /** Whether `previous` describes this same site: its validators can be sent. */
    private readonly trusted: boolean,
    private readonly runState: RunState | null,
  ) {
    // A folder synced from another site is replaced: its names are free again, its files removed at the end.
    if (trusted) {
      for (const [file, record] of Object.entries(previous?.files ?? {})) {
        this.previousByUrl.set(record.fetched ?? record.url ?? '', file);
        this.claim(file, record.fetched ?? record.url ?? file);
      }
    }
    this.isIncluded = picomatch(source.include, { dot: true });
    this.isExcluded = source.exclude.length === 0 ? () => false : picomatch(source.exclude, { dot: true });
  }

  /**
   * The pages the sitemap lists (those in the site's origin), [] when it has none, or why the sync cannot
   * run (a sitemap named in sources.yaml that cannot be read).
   */
  async readSitemaps(rules: RobotsRules): Promise<string[] | string> {
    const declared = this.source.sitemap;
    const inOrigin = rules.sitemaps.filter((url) => URL.canParse(url) && new URL(url).origin === this.source.origin);
    const pending = declared ? [declared] : inOrigin.length > 0 ? inOrigin : [`${this.source.origin}/sitemap.xml`];
    const read = new Set<string>();
    const pages: string[] = [];
    while (pending.length > 0 && read.size < MAX_SITEMAPS) {
      const url = pending.shift()!;
      if (read.has(url)) continue;
      read.add(url);
      const outcome = await fetchWithinOrigin(url, this.policy);
      const content = outcome.kind === 'ok' ? parseSitemap(outcome.body) : null;
      if (outcome.kind === 'ok') this.bytes += outcome.body.length;
      if (content === null) {
        if (url === declared) return `cannot read the sitemap ${url}: ${outcome.kind === 'ok' ? 'not a sitemap' : describe(outcome)}`;
        if (outcome.kind !== 'gone' && !(outcome.kind === 'ok' && url.endsWith('/sitemap.xml'))) {
          this.notes.push(`sitemap ${url} not read: ${outcome.kind === 'ok' ? 'not a sitemap' : describe(outcome)}`);
        }
        continue;
      }
      if (content.kind === 'index')
        pending.push(...content.sitemaps.filter((next) => URL.canParse(next) && new URL(next).origin === this.source.origin));
      else pages.push(...content.urls);
    }
    if (pending.length > 0) this.notes.push(`only the first ${MAX_SITEMAPS} sitemaps were read`);
    return pages;
  }

  /**
   * Queues a URL once, when it is on the site and in scope: pages under `include` and not `exclude`,
   * documents linked from them anywhere on the site but `exclude`; never more than `max_pages` in all.
   */
  enqueue(raw: string, kind: 'listed' | 'page' | 'document' | 'start'): void {
    if (!URL.canParse(raw)) return;
    const url = new URL(raw);
    url.hash = '';
    if (url.origin !== this.source.origin || this.seen.has(url.href)) return;
    const path = url.pathname;
    const document = kind === 'document' || (kind === 'listed' && isDocumentLink(url));
    // The start page is where the links are, whatever the patterns say.
    if (kind !== 'start' && (this.isExcluded(path) || (!document && !this.isIncluded(path)))) return;
    if (this.seen.size >= this.source.maxPages) {
      this.limitReached = true;
      return;
    }
    this.seen.add(url.href);
    this.queued.push({ url: url.href, kind });
  }

  /** Processes the queue until it is empty, a few pages at a time (their requests paced by the limiter). */
  async run(): Promise<void> {
    const active = new Set<Promise<void>>();
    let failure: unknown;
    while (failure === undefined && (this.queued.length > 0 || active.size > 0)) {
      while (this.queued.length > 0 && active.size < PAGES_AT_ONCE) {
        const next = this.queued.shift()!;
        const task = this.process(next.url).catch((error: unknown) => {
          failure ??= error;
        });
        active.add(task);
        void task.finally(() => active.delete(task));
      }
      await Promise.race(active);
    }
    await Promise.allSettled(active);
    if (failure !== undefined) throw failure;
  }

  private async process(url: string): Promise<void> {
    const earlier = await this.resumed(url);
    let result: PageResult;
    let html: string | null = null;
    if (
      earlier !== undefined &&
      (earlier.outcome !== 'saved' || !earlier.staged || (await this.folder.readStaged(earlier.file)) !== null)
    ) {
      // Done before an interruption: no request, and its links from the copy kept then.
      result = earlier;
      if ('file' in earlier) this.claim(earlier.file, url);
      if (earlier.outcome === 'saved') this.cited.set(earlier.url, url);
      if ('file' in earlier && earlier.file.endsWith('.html')) {
        html =
          (
            (earlier.outcome === 'saved' && earlier.staged ? await this.folder.readStaged(earlier.file) : null) ??
            (await this.folder.readCurrent(earlier.file))
          )?.toString('utf8') ?? null;
      }
    } else {
      ({ result, html } = await this.fetchPage(url));
    }
    this.record(url, result);
    if (html !== null) {
      for (const link of linksOf(html, url).links) {
        const target = new URL(link);
        if (isDocumentLink(target)) this.enqueue(link, 'document');
        else if (this.mode === 'links' && isPageLink(target)) this.enqueue(link, 'page');
      }
    }
    this.context.onProgress?.({
      source: this.source.name,
      phase: 'fetching',
      done: this.results.size,
      total: this.seen.size,
      bytes: this.bytes,
      elapsedMs: performance.now() - this.startedAt,
    });
  }

  /** What an interrupted sync found for `url`, when it can be trusted: a failure is tried again, a staged file must still be there. */
  private async resumed(url: string): Promise<PageResult | undefined> {
    const earlier = this.runState?.results[url];
    if (earlier === undefined || earlier.outcome === 'failed') return undefined;
    if (earlier.outcome === 'saved' && earlier.staged && (await this.folder.readStaged(earlier.file)) === null) return undefined;
    return earlier;
  }

  /** Fetches one URL (conditionally when a copy is held) and decides what becomes of it; the HTML, to follow its links. */
  private async fetchPage(url: string): Promise<{ result: PageResult; html: string | null }> {
    const previousFile = this.previousByUrl.get(url);
    const previousRecord = previousFile === undefined ? undefined : this.previous?.files[previousFile];
    const current = previousFile === undefined ? null : await this.folder.readCurrent(previousFile);
    // Without the copy itself (deleted by hand), a 304 would leave nothing: ask for the whole page.
    const validators: Validators = current !== null && previousRecord ? pick(previousRecord) : {};
    const outcome = await fetchWithinOrigin(url, this.policy, validators);
    const htmlOf = (file: string | undefined, bytes: Buffer | null) => (file?.endsWith('.html') && bytes ? bytes.toString('utf8') : null);
    switch (outcome.kind) {
      case 'not-modified':
        if (previousFile === undefined) return { result: { outcome: 'failed', reason: 'a 304 for a page not held' }, html: null };
        this.claim(previousFile, url);
        return { result: { outcome: 'unchanged', file: previousFile }, html: htmlOf(previousFile, current) };
      case 'gone':
        return { result: { outcome: 'gone' }, html: null };
      case 'failed':
        // The old copy stays, and so do the pages it links to.
        return { result: { outcome: 'failed', reason: outcome.reason }, html: htmlOf(previousFile, current) };
      case 'refused':
        return { result: { outcome: 'refused', reason: outcome.reason }, html: null };
      case 'ok':
        return this.saved(url, outcome, previousFile, previousRecord, current);
    }
  }

  private async saved(
    url: string,
    outcome: Extract<FetchOutcome, { kind: 'ok' }>,
    previousFile: string | undefined,
    previousRecord: FileRecord | undefined,
    current: Buffer | null,
  ): Promise<{ result: PageResult; html: string | null }> {
    this.bytes += outcome.body.length;
    const final = new URL(outcome.url);
    const format = savedFormatOf(outcome.contentType, final, outcome.body);
    if (format === null) {
      const type = outcome.contentType.split(';')[0]!.trim() || 'no content type';
      return { result: { outcome: 'refused', reason: `not a document the corpus reads (${type})` }, html: null };
    }
    if (outcome.url !== url) this.seen.add(outcome.url);
    const html = format === '.html' ? outcome.body.toString('utf8') : null;
    const canonical = html === null ? null : linksOf(html, outcome.url).canonical;
    // A canonical link elsewhere on the site names the page's own URL; one to another site is not trusted.
    const cited = canonical !== null && new URL(canonical).origin === this.source.origin ? canonical : outcome.url;
    const owner = this.cited.get(cited);
    if (owner !== undefined && owner !== url) return { result: { outcome: 'duplicate' }, html };
    this.cited.set(cited, url);
    const file = this.fileFor(url, cited, format, previousFile, previousRecord);
    const sameBytes = current !== null && file === previousFile && current.equals(outcome.body);
    const sameUrl = previousRecord?.url === cited;
    if (sameBytes && sameUrl) {
      return { result: { outcome: 'saved', file, url: cited, validators: outcome.validators, staged: false, bytes: 0 }, html };
    }
    if (!this.context.dryRun) await this.folder.stage(file, outcome.body);
    return {
      result: { outcome: 'saved', file, url: cited, validators: outcome.validators, staged: true, bytes: outcome.body.length },
      html,
    };
  }

  /** The file a page is saved as: the one it had when its URL and format are the same, else a new free name. */
  private fileFor(
    url: string,
    cited: string,
    format: SavedFormat,
    previousFile: string | undefined,
    record: FileRecord | undefined,
  ): string {
    if (previousFile !== undefined && record?.url === cited && previousFile.endsWith(format)) {
      this.claim(previousFile, url);
      return previousFile;
    }
    let file = savedPathOf(new URL(cited), format);
    const taken = (name: string) => {
      const owner = this.owners.get(name) ?? this.ids.get(idOf(name));
      return owner !== undefined && owner !== url;
    };
    if (taken(file)) file = `${file.slice(0, -format.length)}_${shortHash(cited)}${format}`;
    this.claim(file, url);
    return file;
  }

  private claim(file: string, url: string): void {
    this.owners.set(file, url);
    this.ids.set(idOf(file), url);
  }

  private record(url: string, result: PageResult): void {
    this.results.set(url, result);
    if (this.runState === null) return;
    this.runState.results[url] = result;
    this.unsaved += 1;
    if (this.unsaved >= SAVE_RUN_EVERY) void this.saveRun();
  }

  /** Writes down what this sync has done, so an interrupted one resumes. */
  async saveRun(): Promise<void> {
    if (this.runState === null) return;
    this.unsaved = 0;
    await this.folder.writeRun(this.runState).catch(() => undefined);
  }

  /** A sync that could not run: the corpus untouched, the reason remembered for `/sources`. */
  async fail(stored: SourceState | null, error: string, started: number): Promise<SourceReport> {
    const report = notRun(this.source.name, 'site', error, performance.now() - started, this.context.dryRun);
    report.requests = this.requests;
    if (!this.context.dryRun) {
      await this.folder.writeState({
        version: 1,
        location: stored?.location ?? `site ${this.source.url}`,
        lastSync: stored?.lastSync ?? null,
        lastError: error,
        lastCounts: stored?.lastCounts ?? null,
        files: stored?.files ?? {},
      });
    }
    return report;
  }

  /** Works out the folder's new files from the results, applies them (unless dry), and reports. */
  async finish(started: number): Promise<SourceReport> {
    const files: Record<string, FileRecord> = {};
    const write: string[] = [];
    const failed: Problem[] = [];
    const refused: Problem[] = [];
    let unchanged = 0;
    const keptOld = (url: string) => {
      const file = this.previousByUrl.get(url);
      if (file !== undefined && this.previous?.files[file]) files[file] = this.previous.files[file];
    };
    for (const [url, result] of this.results) {
      switch (result.outcome) {
        case 'saved':
          files[result.file] = { url: result.url, ...(result.url !== url && { fetched: url }), ...result.validators };
          if (result.staged) write.push(result.file);
          else unchanged += 1;
          break;
        case 'unchanged': {
          const record = this.previous?.files[result.file];
          if (record) files[result.file] = record;
          unchanged += 1;
          break;
        }
        case 'failed':
          failed.push({ url, reason: result.reason });
          keptOld(url);
          break;
        case 'refused':
          refused.push({ url, reason: result.reason });
          break;
        case 'gone':
        case 'duplicate':
          break;
      }
    }
    const before = this.previous?.files ?? {};
    const removed = Object.keys(before).filter((file) => !(file in files));
    const added = write.filter((file) => !(file in before));
    const changed = write.filter((file) => file in before);
    if (this.limitReached) this.notes.push(`stopped at max_pages (${this.source.maxPages}); raise it in the sources file to sync more`);
    const counts = { added: added.length, changed: changed.length, unchanged, removed: removed.length, failed: failed.length };
    if (!this.context.dryRun) {
      this.context.onProgress?.({
        source: this.source.name,
        phase: 'saving',
        done: this.results.size,
        total: this.results.size,
        bytes: this.bytes,
        elapsedMs: performance.now() - this.startedAt,
      });
      const after: SourceState = {
        version: 1,
        location: `site ${this.source.url}`,
        lastSync: new Date().toISOString(),
        lastError: null,
        lastCounts: counts,
        files,
      };
      await this.folder.commit({ write, remove: removed }, this.trusted ? this.previous : null, after);
    }
    return {
      name: this.source.name,
      kind: 'site',
      error: null,
      added: added.sort(),
      changed: changed.sort(),
      unchanged,
      removed: removed.sort(),
      failed,
      refused,
      bytes: this.bytes,
      requests: this.requests,
      ms: performance.now() - started,
      notes: this.notes,
      dryRun: this.context.dryRun,
    };
  }
}

function pick(record: FileRecord): Validators {
  return { ...(record.etag && { etag: record.etag }), ...(record.lastModified && { lastModified: record.lastModified }) };
}

function idOf(file: string): string {
  return file.replace(/\.[^./]+$/, '');
}

function describe(outcome: FetchOutcome): string {
  switch (outcome.kind) {
    case 'gone':
      return `not found (${outcome.status})`;
    case 'failed':
    case 'refused':
      return outcome.reason;
    case 'not-modified':
      return 'not modified';
    case 'ok':
      return 'fetched';
  }
}
