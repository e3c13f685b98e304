import { atPausePoint, runSteps, type Steps } from '../slices.ts';
import { splitSentences } from '../text/tokens.ts';
import { namesGivenIn } from './aliases.ts';
import { type BlockKind, blockKind } from './blockKind.ts';
import { type Block, splitBlocks } from './blocks.ts';
import type { CorpusDocument, DocumentBlock, Passage, Section, Sentence, TextSpan } from './corpusDocument.ts';
import { findDate } from './dates.ts';
import { urlForPath } from './documentUrl.ts';
import type { ExtractedBlock, ExtractedDocument } from './formats/extractedDocument.ts';
import { sectionAt, sectionsOf } from './sections.ts';

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
  /** What a structured format says the block is: its layout, a heading's level, inline code in it. */
  source?: ExtractedBlock;
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
        kind: block.kind === 'body' || block.kind === 'code' ? 'content' : block.kind === 'heading' ? 'metadata' : 'boilerplate',
        ...(block.group === undefined ? {} : { group: block.group }),
        source: block,
      });
    }
  } else {
    for (const block of splitBlocks(text)) {
      blocks.push({ ...block, kind: blockKind(block.text) });
      if (atPausePoint(blocks.length - 1, 100)) yield;
    }
  }
  // A structured file's headings are its `metadata` blocks here: kept out of passages, read for no date.
  const headline = structured ? undefined : findHeadline(blocks);
  const contentBlocks = blocks.filter((block) => block !== headline && (block.kind === 'content' || block.kind === 'foreign'));
  const sections = structured ? sectionsOf(text, extracted.blocks!, extracted.locations) : [];
  const passages = yield* buildPassages(id, text, contentBlocks, sections, options);
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
    blocks: structured ? contentBlocks.flatMap((block) => (block.source ? [layoutOf(block.source)] : [])) : [],
    sections,
    aliases: namesGivenIn(
      passages.flatMap((passage) => passage.sentences),
      (extracted.aliases ?? []).map((alias): [string, string] => [title, alias]),
    ),
  };
}

/** A content block's layout, as answers read it. */
function layoutOf(block: ExtractedBlock): DocumentBlock {
  const kind = block.kind === 'code' ? 'code' : block.group === undefined ? 'prose' : 'item';
  return {
    start: block.start,
    end: block.end,
    kind,
    ...(block.group !== undefined && { group: block.group }),
    ...(block.language && { language: block.language }),
    ...(block.note && { note: block.note }),
    ...(block.code && { code: block.code }),
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
  code?: true;
}

const NO_HEADINGS: readonly string[] = Object.freeze([]);

function* buildPassages(
  doc: string,
  text: string,
  blocks: ClassifiedBlock[],
  sections: readonly Section[],
  options: SegmentOptions,
): Steps<Passage[]> {
  const passages: Passage[] = [];
  let sentenceIndex = 0;
  for (const run of sectionRuns(groupRuns(blocks, sections), sections)) {
    const spans: SentenceSpan[] = [];
    for (const block of run) {
      if (block.source?.kind === 'code') {
        spans.push(...cutCode(text, block, options.maxSentenceChars));
      } else {
        const protectedSpans = block.source?.code?.map((span) => ({ start: span.start - block.start, end: span.end - block.start }));
        for (const span of splitSentences(block.text, protectedSpans)) {
          spans.push(...cutLongSpan(text, { start: block.start + span.start, end: block.start + span.end }, options.maxSentenceChars));
        }
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
        ...(span.code && { code: true }),
      }));
      const start = group[0]!.start;
      const end = group[group.length - 1]!.end;
      const headings = sectionAt(sections, start)?.headings ?? NO_HEADINGS;
      passages.push({ id, doc, index, start, end, text: text.slice(start, end), sentences, headings });
    }
  }
  return passages;
}

/**
 * Consecutive blocks of one list or table form one run, and so do a lead-in that ends with a colon and the
 * list or code it introduces, and code blocks in a row (one example in several languages); every other
 * block is a run of its own.
 */
function groupRuns(blocks: ClassifiedBlock[], sections: readonly Section[]): ClassifiedBlock[][] {
  const runs: ClassifiedBlock[][] = [];
  for (const block of blocks) {
    const last = runs.at(-1);
    // A heading between two blocks ends the run: the code of one FAQ entry is not the next one's.
    const before = last?.at(-1) && sectionAt(sections, last.at(-1)!.start) === sectionAt(sections, block.start) ? last.at(-1) : undefined;
    const sameGroup = block.group !== undefined && before?.group === block.group;
    const introduced = before !== undefined && /:\s*$/.test(before.text) && (block.group !== undefined || block.source?.kind === 'code');
    const moreCode = block.source?.kind === 'code' && before?.source?.kind === 'code';
    if (last && before && (sameGroup || introduced || moreCode)) last.push(block);
    else runs.push([block]);
  }
  return runs;
}

/**
 * Under headings, the runs of one section join: a section is what docs pages are about a piece at a time,
 * and retrieval reads it whole (cut into passages of at most `maxPassageChars`). Without headings every run
 * stays a passage of its own (a news paragraph).
 */
function sectionRuns(runs: ClassifiedBlock[][], sections: readonly Section[]): ClassifiedBlock[][] {
  if (sections.length === 0) return runs;
  const joined: ClassifiedBlock[][] = [];
  for (const run of runs) {
    const last = joined.at(-1);
    if (last && sectionAt(sections, last[0]!.start) === sectionAt(sections, run[0]!.start)) last.push(...run);
    else joined.push([...run]);
  }
  return joined;
}

/**
 * A code block as one piece, or, when longer than `maxChars`, as pieces cut at line breaks that know they
 * were cut (a quote shows "…" there); a single line longer than that is cut at `maxChars`.
 */
function cutCode(text: string, block: TextSpan, maxChars: number): SentenceSpan[] {
  const pieces: SentenceSpan[] = [];
  let start = block.start;
  while (block.end - start > maxChars) {
    let cut = text.lastIndexOf('\n', start + maxChars);
    if (cut <= start) cut = start + maxChars;
    pieces.push({ start, end: trimEndOf(text, start, cut) });
    start = cut;
    while (start < block.end && text[start] === '\n') start += 1;
  }
  if (block.end > start) pieces.push({ start, end: block.end });
  for (const [index, piece] of pieces.entries()) {
    piece.code = true;
    if (pieces.length === 1) continue;
    if (index > 0) piece.cutBefore = true;
    if (index < pieces.length - 1) piece.cutAfter = true;
  }
  return pieces;
}

function trimEndOf(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && /\s/.test(text[at - 1]!)) at -= 1;
  return at;
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
