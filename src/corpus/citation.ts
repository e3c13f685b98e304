import { lastStartingBy } from './byOffset.ts';
import type { Citation, CorpusDocument, LocationMarker, Sentence, SourceLocation, TextSpan } from './corpusDocument.ts';
import { deepLink } from './documentUrl.ts';

/**
 * How a span of a document is cited: title, path, date, where it lies in the original file, and a link
 * to it when the document has a URL.
 *
 * @example citationOf(doc, doc.passages[0].sentences[0]).path // → 'guide/setup.md'
 */
export function citationOf(document: CorpusDocument, span: TextSpan & Pick<Sentence, 'cutBefore' | 'cutAfter'>): Citation {
  const location = locationAt(document.locations, span.start);
  return {
    doc: document.id,
    title: document.title,
    path: document.path,
    url: document.url === null ? null : deepLink(document.url, location),
    date: document.date,
    start: span.start,
    end: span.end,
    location,
    elided: span.cutBefore ? (span.cutAfter ? 'both' : 'before') : span.cutAfter ? 'after' : null,
  };
}

/** The location in force at `offset`: the last marker that starts at or before it. */
export function locationAt(markers: readonly LocationMarker[], offset: number): SourceLocation | null {
  const found = lastStartingBy(markers, offset);
  if (!found) return null;
  const { start: _start, ...location } = found;
  return location;
}

/**
 * Where a citation lies in its file, as people say it: `page 2`, `line 14`, or the section's name.
 *
 * @example locationLabel({ page: 2 }) // → 'page 2'
 */
export function locationLabel(location: SourceLocation | null): string | null {
  if (location === null) return null;
  if (location.page !== undefined) return `page ${location.page}`;
  if (location.line !== undefined) return `line ${location.line}`;
  if (location.section !== undefined) return `section "${location.section}"`;
  return null;
}
