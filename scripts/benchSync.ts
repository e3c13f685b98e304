/**
 * Measures the sync of a documentation site (a script, not a timed test: figures vary by machine).
 * See docs/sync.md, "Measurements".
 *
 *   npm run bench:sync -- [--pages N] [--rate R] [--json]   (--help says more)
 *
 * Serves a site of N pages (default 300: a home page, sections and their pages, linked both ways, no
 * sitemap, so the crawl follows links) on 127.0.0.1, and syncs it at the default rate into a temporary
 * corpus: first into an empty folder, then again unchanged (every page should be a 304 with no body), then
 * after one page changed, with a live engine watching the corpus as the bot does, to time how long after the
 * sync ends a question about that page is answered from its new text.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLineOrExit, usageLine } from '../src/cli/commandLine.ts';
import { parseSources, siteDefaults } from '../src/sync/sources.ts';
import { countsLine } from '../src/sync/summary.ts';
import { syncSources } from '../src/sync/syncSources.ts';
import { LiveEngine } from '../src/watch/liveEngine.ts';
import { DocsSite, htmlPage } from '../testbed/docsSite.ts';
import { benchSyncCommand } from './args/bench.ts';

const { values } = commandLineOrExit(benchSyncCommand, process.argv.slice(2));
const PER_SECTION = 22;
/** The page the third sync changes is the 8th of the second section: home, a section of 23, then 9. */
const MIN_PAGES = 1 + (1 + PER_SECTION) + (1 + 8);
const pageCount = Number(values.pages);
const rate = values.rate === undefined ? siteDefaults.rate : Number(values.rate);
if (!Number.isInteger(pageCount) || pageCount < MIN_PAGES || !(rate > 0)) {
  process.stderr.write(
    `error: --pages takes a whole number of at least ${MIN_PAGES}, --rate a number above 0. ${usageLine(benchSyncCommand)}\n`,
  );
  process.exit(2);
}

/** A paragraph of docs prose that differs from page to page, so every page is its own document. */
function prose(n: number): string {
  return [
    `Section ${n} explains how the ferry booking service handles route ${n}.`,
    `Bookings for route ${n} open ninety days ahead and close two hours before departure.`,
    `A vehicle longer than ${5 + (n % 7)} metres needs the freight desk's approval for route ${n}.`,
    `Refunds for route ${n} are paid within ${3 + (n % 5)} working days to the card used.`,
  ].join(' ');
}

function factOf(n: number, time: string): string {
  return `The first ferry on route ${n} leaves the harbour at ${time}.`;
}

/** Builds the site: home → sections → pages, each page linking to its section, home and neighbours. */
function buildSite(site: DocsSite): { changed: string } {
  site.page('/robots.txt', 'User-agent: *\nAllow: /\n', 'text/plain');
  const sections = Math.ceil((pageCount - 1) / (PER_SECTION + 1));
  let made = 1;
  const sectionPaths: string[] = [];
  for (let s = 0; s < sections && made < pageCount; s += 1) {
    const sectionPath = `/guide/section-${s}/`;
    sectionPaths.push(sectionPath);
    made += 1;
    const pages: string[] = [];
    for (let p = 0; p < PER_SECTION && made < pageCount; p += 1, made += 1) pages.push(`${sectionPath}page-${p}`);
    site.page(sectionPath, htmlPage(`Section ${s}`, prose(s * 1000), ['/', ...pages]));
    for (const [i, path] of pages.entries()) {
      const n = s * 100 + i;
      const links = ['/', sectionPath, pages[i - 1], pages[i + 1]].filter((link): link is string => link !== undefined);
      site.page(path, htmlPage(`Route ${n}`, `${prose(n)} ${factOf(n, '06:10')}`, links));
    }
  }
  site.page('/', htmlPage('Ferry booking docs', 'How to book, change and refund ferry crossings.', sectionPaths));
  return { changed: `/guide/section-1/page-7` };
}

const site = await new DocsSite().start();
const { changed } = buildSite(site);
const work = await mkdtemp(join(tmpdir(), 'corpus-qa-bench-sync-'));
const corpusDir = join(work, 'corpus');
const sources = parseSources(`sources:\n  - name: ferry\n    site: ${site.origin}/\n    rate: ${rate}\n`, 'sources.yaml');
const context = { corpusDir, workDir: join(work, 'work'), fetch, dryRun: false, gitEnv: process.env };

async function timedSync(label: string) {
  site.log.length = 0;
  const started = performance.now();
  const [report] = await syncSources(sources, context);
  const seconds = (performance.now() - started) / 1000;
  const statuses: Record<string, number> = {};
  for (const entry of site.log) statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
  const bodyBytes = site.log.reduce((sum, entry) => sum + entry.bytes, 0);
  const figures = {
    label,
    seconds: Number(seconds.toFixed(1)),
    requests: site.log.length,
    statuses,
    bodyBytes,
    summary: countsLine(report!),
  };
  if (!values.json)
    console.log(
      `${label}: ${figures.seconds} s, ${figures.requests} requests ${JSON.stringify(statuses)}, ${bodyBytes} body bytes\n  ${figures.summary}`,
    );
  return figures;
}

const first = await timedSync(`first sync of ${site.routes.size - 1} pages at ${rate} requests/s`);
const again = await timedSync('re-sync, nothing changed');

const live = await LiveEngine.open(corpusDir, { cacheDir: join(work, 'cache') });
live.watch();
const question = 'When does the first ferry on route 107 leave the harbour?';
const before = live.engine.answer(question).quote;
site.page(changed, htmlPage('Route 107', `${prose(107)} ${factOf(107, '07:45')}`, ['/']));
const third = await timedSync('re-sync after one page changed');
const syncEnded = performance.now();
let served = Number.NaN;
while (performance.now() - syncEnded < 30_000) {
  if (live.engine.answer(question).quote?.includes('07:45')) {
    served = (performance.now() - syncEnded) / 1000;
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
}
live.close();
const fresh = { before, after: live.engine.answer(question).quote, secondsAfterSyncEnded: Number(served.toFixed(2)) };
if (values.json) console.log(JSON.stringify({ first, again, changed: third, fresh }, null, 1));
else console.log(`new text served ${fresh.secondsAfterSyncEnded} s after the sync ended\n  before: ${before}\n  after:  ${fresh.after}`);
await site.stop();
await rm(work, { recursive: true, force: true });
