/**
 * Measures reading documents (a script, not a timed test: figures vary by machine):
 *
 * 1. Indexing throughput of the same articles as plain text, Markdown and HTML pages: each article is
 *    written in all three forms (the Markdown with front matter, a heading, emphasis, a link and a code
 *    block; the HTML as a full page with navigation, header, sidebar and footer), and `Engine.fromFolder`
 *    builds each folder. Reported per MB of file and per MB of extracted text, against plain text.
 * 2. A 200-page PDF (the articles' paragraphs set in lines of about 90 characters, 45 lines a page): how
 *    long building it, then recognising its names (as the bot does before serving), held the event loop
 *    at most at a time.
 *
 *   npm run bench:documents -- [--corpus DIR] [--limit N] [--rounds R] [--pages P]
 *
 * `--corpus` is a folder of `.txt` articles, headline on the first line (the 2,225 BBC articles in the
 * shared evaluation data are a good one); without it the four shipped articles are used, repeated.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { commandLineOrExit, usageLine } from '../src/cli/commandLine.ts';
import { Engine } from '../src/engine.ts';
import { benchDocumentsCommand } from './args/bench.ts';
import { makePdf } from './fixtures/pdf.ts';

const { values } = commandLineOrExit(benchDocumentsCommand, process.argv.slice(2));
const limit = Number(values.limit);
const rounds = Number(values.rounds);
const pages = Number(values.pages);
if (![limit, rounds, pages].every((n) => Number.isInteger(n) && n > 0)) {
  process.stderr.write(`error: --limit, --rounds and --pages take whole numbers of at least 1. ${usageLine(benchDocumentsCommand)}\n`);
  process.exit(2);
}

interface Article {
  headline: string;
  paragraphs: string[];
}

async function readArticles(dir: string): Promise<Article[]> {
  const names = (await readdir(dir).catch(() => null))?.filter((name) => name.endsWith('.txt')).sort();
  if (!names || names.length === 0) {
    process.stderr.write(`error: no .txt articles in ${dir}. ${usageLine(benchDocumentsCommand)}\n`);
    process.exit(2);
  }
  const articles: Article[] = [];
  for (let i = 0; articles.length < limit; i += 1) {
    const text = await readFile(join(dir, names[i % names.length]!), 'utf8');
    const [headline = '', ...rest] = text
      .split(/\n\s*\n|\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    articles.push({ headline, paragraphs: rest });
  }
  return articles;
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Markdown with the constructs the reader must take apart: front matter, heading, emphasis, link, code. */
function asMarkdown(article: Article, index: number): string {
  const [first = '', ...rest] = article.paragraphs;
  const linked = first.replace(/^(\S+ \S+)/, '[$1](https://example.org/a)').replace(/(\d+%)/, '**$1**');
  return [
    `---\ntitle: "${article.headline.replace(/"/g, "'")}"\ndate: 2005-01-${String((index % 28) + 1).padStart(2, '0')}\n---`,
    `# ${article.headline}`,
    linked,
    ...rest,
    '```\nnpm run deploy-commands\n```',
  ].join('\n\n');
}

/** A full page: the article inside navigation, header, sidebar and footer that the reader must drop. */
function asHtml(article: Article): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(article.headline)} | News</title>
<link rel="canonical" href="https://example.org/news/${encodeURIComponent(article.headline)}"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav>
<header><p>Subscribe to our newsletter</p></header>
<main><article><h1>${escapeHtml(article.headline)}</h1>
${article.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Another story</a></li><li><a href="/b">And another</a></li></ul></aside>
<footer><p>© 2005 News. All rights reserved.</p></footer><script>track()</script></body></html>`;
}

async function writeForms(root: string, articles: Article[]): Promise<Record<string, string>> {
  const forms: Record<string, [string, (article: Article, index: number) => string]> = {
    text: ['txt', (article) => `${article.headline}\n\n${article.paragraphs.join('\n\n')}\n`],
    markdown: ['md', asMarkdown],
    html: ['html', asHtml],
  };
  const dirs: Record<string, string> = {};
  for (const [name, [extension, render]] of Object.entries(forms)) {
    const dir = join(root, name);
    await mkdir(dir);
    await Promise.all(articles.map((article, i) => writeFile(join(dir, `${String(i).padStart(5, '0')}.${extension}`), render(article, i))));
    dirs[name] = dir;
  }
  return dirs;
}

async function folderBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const name of await readdir(dir)) bytes += (await readFile(join(dir, name))).length;
  return bytes;
}

async function throughput(dirs: Record<string, string>): Promise<void> {
  const times: Record<string, number[]> = {};
  const sizes: Record<string, { file: number; text: number; passages: number }> = {};
  // One warm-up build of each, then rounds in turn so a busy machine slows every format alike.
  for (const dir of Object.values(dirs)) await Engine.fromFolder(dir);
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, dir] of Object.entries(dirs)) {
      const started = performance.now();
      const engine = await Engine.fromFolder(dir);
      times[name] = [...(times[name] ?? []), performance.now() - started];
      sizes[name] ??= {
        file: await folderBytes(dir),
        text: engine.documents.reduce((sum, document) => sum + Buffer.byteLength(document.text), 0),
        passages: engine.documents.reduce((sum, document) => sum + document.passages.length, 0),
      };
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  const base = sizes.text!;
  const baseMsPerMb = median(times.text!) / (base.text / 1e6);
  console.log(`indexing (Engine.fromFolder), median of ${rounds} rounds, ${limit} articles in each form:`);
  console.log('format     file MB  text MB  passages  median ms  ms/MB file  ms/MB text  vs plain text (per MB of text)');
  for (const name of Object.keys(dirs)) {
    const size = sizes[name]!;
    const ms = median(times[name]!);
    const perText = ms / (size.text / 1e6);
    console.log(
      `${name.padEnd(9)} ${(size.file / 1e6).toFixed(2).padStart(8)} ${(size.text / 1e6).toFixed(2).padStart(8)} ${String(size.passages).padStart(9)} ${ms.toFixed(0).padStart(10)} ${(ms / (size.file / 1e6)).toFixed(0).padStart(11)} ${perText.toFixed(0).padStart(11)}  ${(perText / baseMsPerMb).toFixed(2)}×`,
    );
  }
}

/** The longest gap between timer ticks (the event loop held that long), and the delay histogram's maximum. */
async function worstBlock<T>(work: () => Promise<T>): Promise<{ result: T; gapMs: number; histogramMs: number; ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let last = performance.now();
  let gap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(ticker);
  histogram.disable();
  return { result, gapMs: gap, histogramMs: histogram.max / 1e6, ms };
}

async function longPdf(root: string, articles: Article[], textDir: string): Promise<void> {
  const words = articles.flatMap((article) => [article.headline, ...article.paragraphs, '']).join('\n');
  const lines: string[] = [];
  for (const paragraph of words.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line !== '' && line.length + word.length + 1 > 90) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
  }
  const pdfPages = Array.from({ length: pages }, (_, page) => lines.slice(page * 45, page * 45 + 45)).map((page) =>
    // WinAnsi text: characters outside Latin-1 become '?', as a PDF written with a standard font would hold.
    page.map((line) => line.replace(/[^\x20-\xff]/g, '?')),
  );
  const dir = join(root, 'pdf');
  await mkdir(dir);
  const pdf = makePdf(pdfPages, { title: 'Two hundred pages' });
  await writeFile(join(dir, 'long.pdf'), pdf);
  // The same words as plain-text articles, measured alike: what the machine's load alone costs.
  const baseline = await worstBlock(() => Engine.fromFolder(textDir));
  await worstBlock(() => baseline.result.prepareEntities());
  const build = await worstBlock(() => Engine.fromFolder(dir));
  const engine = build.result;
  const names = await worstBlock(() => engine.prepareEntities());
  const document = engine.documents[0]!;
  console.log(
    `\n${pages}-page PDF (${(pdf.length / 1e6).toFixed(2)} MB, ${(document.text.length / 1e6).toFixed(2)} M characters, ${document.passages.length} passages):`,
  );
  console.log(
    `  build (read, analyze, index): ${build.ms.toFixed(0)} ms, event loop held at most ${build.gapMs.toFixed(0)} ms (delay histogram max ${build.histogramMs.toFixed(0)} ms)`,
  );
  console.log(
    `  names (prepareEntities):      ${names.ms.toFixed(0)} ms, event loop held at most ${names.gapMs.toFixed(0)} ms (delay histogram max ${names.histogramMs.toFixed(0)} ms)`,
  );
  console.log(
    `  baseline, the same articles as ${articles.length} .txt files: build held the event loop at most ${baseline.gapMs.toFixed(0)} ms`,
  );
}

const root = await mkdtemp(join(tmpdir(), 'corpus-qa-bench-documents-'));
try {
  const articles = await readArticles(values.corpus);
  const dirs = await writeForms(root, articles);
  await throughput(dirs);
  await longPdf(root, articles, dirs.text!);
} finally {
  await rm(root, { recursive: true, force: true });
}
