import { runSteps, type Steps } from '../slices.ts';
import { splitSentences } from '../text/tokens.ts';
import { type BlockKind, blockKind } from './blockKind.ts';
import { type Block, splitBlocks } from './blocks.ts';
import { findDate } from './dates.ts';
import { urlForPath } from './documentUrl.ts';
import type { ExtractedDocument } from './formats/types.ts';
import type { CorpusDocument, Passage, Sentence, TextSpan } from './types.ts';

/** Limits on the units cut from a document, and where its files are published. */
export interface SegmentOptions {
  /** A paragraph longer than this (characters) is split into several passages at sentence boundaries. */
  maxPassageChars: number;
  /** A "sentence" longer than this (characters, e.g. text without punctuation) is cut at spaces. */
  maxSentenceChars: number;
  /** Base URL a docs site publishes the corpus files under, or null (see EngineOptions.baseUrl). */
  baseUrl: string | null;
}

const HEADLINE_MAX_WORDS = 25;
const DERIVED_TITLE_WORDS = 12;

interface ClassifiedBlock extends Block {
  kind: BlockKind;
  /** Blocks of one list or table: passaged together. */
  group?: number;
}

/**
 * Cleans one read file into a document: boilerplate blocks dropped, the title taken from the file's
 * metadata, its headline or first heading (or derived from the lead sentence), the date from metadata or
 * datelines, and content cut into passages and sentences that keep their offsets into `text`.
 *
 * @example buildDocument('a', 'a.txt', plainText('Headline\n\nBody text.'), defaults).title // → 'Headline'
 */
export function buildDocument(id: string, path: string, extracted: ExtractedDocument, options: SegmentOptions): CorpusDocument {
  return runSteps(buildDocumentSteps(id, path, extracted, options));
}

/** `buildDocument` as steps: one pause point after each block, so a 200-page file never holds the event loop long. */
export function* buildDocumentSteps(
  id: string,
  path: string,
  extracted: ExtractedDocument,
  options: SegmentOptions,
): Steps<CorpusDocument> {
  const { text } = extracted;
  const structured = extracted.blocks !== undefined;
  const blocks: ClassifiedBlock[] = [];
  if (structured) {
    for (const block of extracted.blocks!) {
      blocks.push({
        start: block.start,
        end: block.end,
        text: text.slice(block.start, block.end),
        kind: block.kind === 'body' ? 'content' : block.kind === 'heading' ? 'metadata' : 'boilerplate',
        ...(block.group === undefined ? {} : { group: block.group }),
      });
    }
  } else {
    for (const block of splitBlocks(text)) {
      blocks.push({ ...block, kind: blockKind(block.text) });
      if (blocks.length % 100 === 0) yield;
    }
  }
  // A structured file's headings are its `metadata` blocks here: kept out of passages, read for no date.
  const headline = structured ? undefined : findHeadline(blocks);
  const contentBlocks = blocks.filter((block) => block !== headline && (block.kind === 'content' || block.kind === 'foreign'));
  const passages = yield* buildPassages(id, text, contentBlocks, options);
  const date =
    extracted.date ??
    (structured
      ? null
      : findDate(
          blocks
            .filter((block) => block.kind === 'metadata')
            .map((block) => block.text)
            .join('\n'),
        ));
  const namedTitle = extracted.title ?? headline?.text.trim() ?? null;
  const title = namedTitle ?? deriveTitle(passages, id);
  const url = extracted.url ?? (options.baseUrl === null ? null : urlForPath(options.baseUrl, path));
  return {
    id,
    path,
    text,
    title,
    titleFromLead: namedTitle === null,
    date,
    passages,
    format: extracted.format,
    url,
    author: extracted.author,
    locations: extracted.locations,
  };
}

/** The headline is the first content block, when it is one short line without closing punctuation. */
function findHeadline(blocks: ClassifiedBlock[]): ClassifiedBlock | undefined {
  const first = blocks.find((block) => block.kind === 'content');
  if (!first || first.text.includes('\n')) return undefined;
  const words = first.text.trim().split(/\s+/);
  if (words.length > HEADLINE_MAX_WORDS || /[.,;:]["”’]?$/.test(first.text.trim())) return undefined;
  const hasBodyAfter = blocks.some((block) => block.start > first.start && block.kind === 'content');
  return hasBodyAfter ? first : undefined;
}

function deriveTitle(passages: Passage[], id: string): string {
  const lead = passages[0]?.sentences[0]?.text;
  if (!lead) return id;
  const words = lead.replace(/\s+/g, ' ').trim().split(' ');
  if (words.length <= DERIVED_TITLE_WORDS) return words.join(' ');
  return `${words
    .slice(0, DERIVED_TITLE_WORDS)
    .join(' ')
    .replace(/[,;:]$/, '')}…`;
}

interface SentenceSpan extends TextSpan {
  cutBefore?: true;
  cutAfter?: true;
}

function* buildPassages(doc: string, text: string, blocks: ClassifiedBlock[], options: SegmentOptions): Steps<Passage[]> {
  const passages: Passage[] = [];
  let sentenceIndex = 0;
  for (const run of groupRuns(blocks)) {
    const spans: SentenceSpan[] = [];
    for (const block of run) {
      for (const span of splitSentences(block.text)) {
        spans.push(...cutLongSpan(text, { start: block.start + span.start, end: block.start + span.end }, options.maxSentenceChars));
      }
      yield;
    }
    for (const group of groupSpans(spans, options.maxPassageChars)) {
      const index = passages.length;
      const id = `${doc}#${index}`;
      const sentences: Sentence[] = group.map((span) => ({
        doc,
        passage: id,
        index: sentenceIndex++,
        start: span.start,
        end: span.end,
        text: text.slice(span.start, span.end),
        ...(span.cutBefore && { cutBefore: true }),
        ...(span.cutAfter && { cutAfter: true }),
      }));
      const start = group[0]!.start;
      const end = group[group.length - 1]!.end;
      passages.push({ id, doc, index, start, end, text: text.slice(start, end), sentences });
    }
  }
  return passages;
}

/** Consecutive blocks of one list or table form one run; every other block is a run of its own. */
function groupRuns(blocks: ClassifiedBlock[]): ClassifiedBlock[][] {
  const runs: ClassifiedBlock[][] = [];
  for (const block of blocks) {
    const last = runs.at(-1);
    if (last && block.group !== undefined && last[0]!.group === block.group) last.push(block);
    else runs.push([block]);
  }
  return runs;
}

/** Consecutive sentence spans grouped so that no group exceeds `maxChars` (a single sentence always fits). */
function groupSpans<T extends TextSpan>(spans: T[], maxChars: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  for (const span of spans) {
    const first = current[0];
    if (first && span.end - first.start > maxChars) {
      groups.push(current);
      current = [];
    }
    current.push(span);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** A span longer than `maxChars` cut at spaces into pieces that know they were cut, so a quote shows "…" there. */
function cutLongSpan(text: string, span: TextSpan, maxChars: number): SentenceSpan[] {
  const pieces: SentenceSpan[] = [];
  let start = span.start;
  while (span.end - start > maxChars) {
    const limit = start + maxChars;
    let cut = text.lastIndexOf(' ', limit);
    if (cut <= start) cut = limit;
    pieces.push({ start, end: cut });
    start = cut;
    while (start < span.end && /\s/.test(text[start]!)) start += 1;
  }
  if (span.end > start) pieces.push({ start, end: span.end });
  if (pieces.length > 1) {
    for (const [index, piece] of pieces.entries()) {
      if (index > 0) piece.cutBefore = true;
      if (index < pieces.length - 1) piece.cutAfter = true;
    }
  }
  return pieces;
}
