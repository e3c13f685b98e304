import { splitSentences } from '../text/tokens.ts';
import { type BlockKind, blockKind } from './blockKind.ts';
import { type Block, splitBlocks } from './blocks.ts';
import { findDate } from './dates.ts';
import type { CorpusDocument, Passage, Sentence, TextSpan } from './types.ts';

/** Limits on the units cut from a document. */
export interface SegmentOptions {
  /** A paragraph longer than this (characters) is split into several passages at sentence boundaries. */
  maxPassageChars: number;
  /** A "sentence" longer than this (characters, e.g. text without punctuation) is cut at spaces. */
  maxSentenceChars: number;
}

const HEADLINE_MAX_WORDS = 25;
const DERIVED_TITLE_WORDS = 12;

interface ClassifiedBlock extends Block {
  kind: BlockKind;
}

/**
 * Cleans one decoded file into a document: boilerplate blocks dropped, the headline taken as the title
 * (or a title derived from the lead sentence), the date read from datelines and stamps, and content cut into
 * passages and sentences that keep their offsets into `text`.
 *
 * @example buildDocument('a', 'corpus/a.txt', 'Headline\n\nBody text.', defaults).title // → 'Headline'
 */
export function buildDocument(id: string, path: string, text: string, options: SegmentOptions): CorpusDocument {
  const blocks: ClassifiedBlock[] = splitBlocks(text).map((block) => ({ ...block, kind: blockKind(block.text) }));
  const headline = findHeadline(blocks);
  const contentBlocks = blocks.filter((block) => block !== headline && (block.kind === 'content' || block.kind === 'foreign'));
  const passages = buildPassages(id, text, contentBlocks, options);
  const date = findDate(
    blocks
      .filter((block) => block.kind === 'metadata')
      .map((block) => block.text)
      .join('\n'),
  );
  const title = headline?.text.trim() ?? deriveTitle(passages, id);
  return { id, path, text, title, date, passages };
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

function buildPassages(doc: string, text: string, blocks: Block[], options: SegmentOptions): Passage[] {
  const passages: Passage[] = [];
  let sentenceIndex = 0;
  for (const block of blocks) {
    const spans = splitSentences(block.text).flatMap((span) =>
      cutLongSpan(text, { start: block.start + span.start, end: block.start + span.end }, options.maxSentenceChars),
    );
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
      }));
      const start = group[0]!.start;
      const end = group[group.length - 1]!.end;
      passages.push({ id, doc, index, start, end, text: text.slice(start, end), sentences });
    }
  }
  return passages;
}

/** Consecutive sentence spans grouped so that no group exceeds `maxChars` (a single sentence always fits). */
function groupSpans(spans: TextSpan[], maxChars: number): TextSpan[][] {
  const groups: TextSpan[][] = [];
  let current: TextSpan[] = [];
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

function cutLongSpan(text: string, span: TextSpan, maxChars: number): TextSpan[] {
  const pieces: TextSpan[] = [];
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
  return pieces;
}
