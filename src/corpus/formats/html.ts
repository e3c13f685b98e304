import { Readability } from '@mozilla/readability';
import { dateOfStamp } from '../dates.ts';
import { READING_LIMITS } from '../readingLimits.ts';
import { type DomDocument, type DomElement, parseDocument } from './dom.ts';
import { type ExtractedDocument, UnreadableDocumentError } from './extractedDocument.ts';
import { httpUrl } from './frontMatter.ts';
import { htmlBlocks } from './htmlBlocks.ts';
import { boundHtml } from './htmlLimits.ts';

/**
 * Reads an HTML page: its main content only — the page's one `<article>` or `<main>` when it marks one,
 * else what Mozilla's Readability (the engine of Firefox's Reader View) finds, over linkedom's DOM;
 * navigation, sidebars, footers, scripts and ads are left out. The title comes from `og:title`,
 * Readability, the first heading or `<title>`, the URL from `<link rel=canonical>` or `og:url`, the date from article
 * metadata or the first `<time>`, the author from metadata or the byline. Headings with ids locate the
 * sections. Elements hidden by an inline style (`display: none`, `visibility: hidden`) are left out.
 *
 * Within the reading limits (`boundHtml`): elements nested deeper than `READING_LIMITS.htmlDepth` are
 * unwrapped before the page is parsed, and a page too large for Readability to read quickly
 * (`READING_LIMITS.readabilityDepthSum`) is read whole, navigation, asides, footers and scripts left out.
 * Throws UnreadableDocumentError for a page without text in its body, and for one with more elements than
 * `READING_LIMITS.htmlElements`.
 */
export function readHtml(source: string): ExtractedDocument {
  const { html, depthSum } = boundHtml(source);
  const document = parsePage(html);
  if (!document.body || (document.body.textContent ?? '').trim() === '') throw new UnreadableDocumentError('HTML without text in its body');
  // Read before Readability, which rewrites the document it is given.
  const metadata = pageMetadata(document);
  const marked = markedMainContent(document);
  // Readability costs more than the rest of indexing a page; a page that marks its one article needs none.
  const article =
    marked || depthSum > READING_LIMITS.readabilityDepthSum
      ? null
      : new Readability<DomElement>(document as unknown as ConstructorParameters<typeof Readability>[0], {
          charThreshold: 200,
          // Readability's own content element back: no HTML string to write and parse again.
          serializer: (node) => node as unknown as DomElement,
        }).parse();
  const { out, firstHeading } = htmlBlocks(marked ?? article?.content ?? parsePage(html).body!);
  if (out.text === '') throw new UnreadableDocumentError('HTML without readable text');
  return {
    format: 'html',
    text: out.text,
    blocks: out.blocks,
    title: metadata.title ?? clean(article?.title) ?? firstHeading ?? clean(document.title),
    date: metadata.date ?? dateOfStamp(article?.publishedTime ?? ''),
    url: metadata.url,
    author: metadata.author ?? clean(article?.byline)?.replace(/^by\s+/i, '') ?? null,
    locations: out.locations,
  };
}

/** The page parsed, without the elements an inline style hides: a reader of the page never sees their text. */
function parsePage(html: string): DomDocument {
  const document = parseDocument(html);
  for (const element of Array.from(document.body?.querySelectorAll('[style]') ?? [])) {
    if (HIDDEN_STYLE.test(element.getAttribute('style') ?? '')) element.remove();
  }
  return document;
}

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

/** The page's one `<article>` (else its one `<main>`) when it holds a text's worth of words. */
function markedMainContent(document: DomDocument): DomElement | null {
  for (const tag of ['article', 'main']) {
    const found = document.body?.querySelectorAll(tag);
    if (found?.length !== 1) continue;
    const element = found[0]!;
    if ((element.textContent ?? '').replace(/\s+/g, ' ').length >= 200) return element;
  }
  return null;
}

function pageMetadata(document: DomDocument): { title: string | null; date: string | null; url: string | null; author: string | null } {
  const meta = (selector: string) => clean(document.querySelector(selector)?.getAttribute('content'));
  const dateText =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="date"]') ??
    meta('meta[name="dc.date"]') ??
    meta('meta[name="DC.date"]') ??
    meta('meta[itemprop="datePublished"]') ??
    timeOf(document.querySelector('time[datetime]'));
  return {
    title: meta('meta[property="og:title"]'),
    date: dateText === null ? null : dateOfStamp(dateText),
    url: httpUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ?? httpUrl(meta('meta[property="og:url"]')),
    author: meta('meta[name="author"]') ?? meta('meta[property="article:author"]'),
  };
}

function timeOf(element: DomElement | null): string | null {
  return clean(element?.getAttribute('datetime'));
}

function clean(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim() ?? '';
  return text === '' ? null : text;
}
