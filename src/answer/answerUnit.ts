import type { CorpusDocument, DocumentBlock, Sentence, TextSpan } from '../corpus/corpusDocument.ts';
import { blockAt, sectionAt } from '../corpus/sections.ts';
import type { QuoteLayout } from './answer.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';
import { type QuestionIntent, questionIntent } from './questionIntent.ts';
import type { SentenceFeatures } from './rankSentences.ts';

/** The stretch of a document an answer quotes: one verbatim span, and its blocks (offsets into the document). */
export interface AnswerUnit extends TextSpan {
  blocks: QuoteLayout[];
  /** The unit starts or stops inside a sentence or code block that goes on (cut at a space or a line break). */
  cutBefore?: true;
  cutAfter?: true;
}

/**
 * An FAQ heading that matches the question this well (`SentenceFeatures.faq`) asks it: its whole entry is
 * quoted, and the corpus answers the question whatever else the evidence says.
 */
export const FAQ_ENTRY_MATCH = 0.5;

/**
 * What an answer quotes of the best sentence's document: `answerUnit` for the question's intent, the whole
 * entry under a matching FAQ heading.
 */
export function quotedUnit(
  document: CorpusDocument,
  best: { sentence: Sentence; features: Pick<SentenceFeatures, 'faq'> },
  analysis: QuestionAnalysis,
  maxChars: number,
): AnswerUnit {
  return answerUnit(document, best.sentence, questionIntent(analysis), maxChars, { wholeEntry: best.features.faq >= FAQ_ENTRY_MATCH });
}

/** Sentences that only make sense after the one before them ("This can be achieved with…", "It returns…"). */
const LEANS_BACK =
  /^(?:this|that|these|those|it|its|they|then|so|also|however|otherwise|instead|alternatively|to do so|to do this|in that case|for example)\b/i;
/** A line that introduces what follows it: "Add this to your config:". */
const INTRODUCES = /:\s*$/;

/**
 * The answer to quote around the best sentence, following the document's layout; one verbatim span, never
 * past the end of its section, never longer than `maxChars` (a code block too long for that is cut at a
 * line break). Documents without layout (plain text) are quoted a sentence at a time.
 * - A fact is its sentence, with the list or code that sentence introduces when it ends with a colon, and
 *   the line that introduces a code block when the sentence is code; an item of a reference entry ("Type:
 *   number", "Default: 5_000", "CLI: --timeout") is quoted with its entry, the one fact it records.
 * - A section short enough to quote whole answers a passage question, or an FAQ entry that matches the
 *   question (`wholeEntry`); a longer FAQ entry is quoted from its first line on, as a passage.
 * - A how-to, a why or a "what does X do" question gets a passage: the sentence widened back to its lead-in
 *   (the line before a list or code, or the sentence a "This…" leans on) and on through the rest of its
 *   paragraph, the steps of its list and the list or code it introduces.
 */
export function answerUnit(
  document: CorpusDocument,
  sentence: Sentence,
  intent: QuestionIntent,
  maxChars: number,
  { wholeEntry = false }: { wholeEntry?: boolean } = {},
): AnswerUnit {
  if (document.blocks.length === 0) return unitOf(document, sentence, sentence);
  const sentences = document.passages.flatMap((passage) => passage.sentences);
  const at = sentences.findIndex((candidate) => candidate.start === sentence.start);
  if (at === -1) return unitOf(document, sentence, sentence);
  const section = sectionAt(document.sections, sentence.start);
  const reader = new LayoutReader(document, sentences, section, maxChars);
  const passage = intent !== 'fact';
  const whole = reader.wholeSection(at);
  // A section short enough to quote whole is one answer: docs give a section to one thing.
  if (whole && (passage || wholeEntry)) return unitOf(document, sentences[whole.first]!, sentences[whole.last]!);
  if (wholeEntry) {
    // An FAQ entry answers from its first line: read on from there as a passage.
    const first = reader.sectionStart(at);
    const last = reader.on(first, first, true);
    return reader.cutCode(unitOf(document, sentences[first]!, sentences[last]!), last);
  }
  // A fact in a reference entry ("Type: number", "Default: 5_000", "CLI: --timeout") is read with its entry.
  const list = passage ? undefined : reader.referenceEntry(at);
  if (list) return unitOf(document, sentences[list.first]!, sentences[list.last]!);
  const first = reader.back(at, passage);
  const last = reader.on(first, at, passage);
  return reader.cutCode(unitOf(document, sentences[first]!, sentences[last]!), last);
}

/** A reference entry is at most this long: a few "Key: value" items. */
const REFERENCE_ENTRY_CHARS = 300;
/** One item of a reference entry: a short key, a colon, its value ("Default: 'forks'"); not a table row ("A: x; B: y"). */
const KEY_VALUE_ITEM = /^\p{Lu}[\p{L} ]{0,20}:\s[^;]*$/u;

/** Reads the sentences around one, within its section and a size limit. */
class LayoutReader {
  constructor(
    private readonly document: CorpusDocument,
    private readonly sentences: readonly Sentence[],
    private readonly section: TextSpan | undefined,
    private readonly maxChars: number,
  ) {}

  /** The first sentence of the section, from sentence `at` back. */
  sectionStart(at: number): number {
    let first = at;
    while (this.inSection(first - 1)) first -= 1;
    return first;
  }

  /**
   * The first and last sentences of the list the sentence `at` is an item of, when the list is a reference
   * entry: short, and every item one "Key: value".
   */
  referenceEntry(at: number): { first: number; last: number } | undefined {
    const own = this.blockOf(at);
    if (own?.kind !== 'item') return undefined;
    let first = at;
    while (this.inSection(first - 1) && sameRun(this.blockOf(first - 1), own)) first -= 1;
    let last = at;
    while (this.inSection(last + 1) && sameRun(this.blockOf(last + 1), own)) last += 1;
    if (this.sentences[last]!.end - this.sentences[first]!.start > REFERENCE_ENTRY_CHARS) return undefined;
    for (let i = first; i <= last; i += 1) if (!KEY_VALUE_ITEM.test(this.sentences[i]!.text)) return undefined;
    return first < last ? { first, last } : undefined;
  }

  /** The section's first and last sentences, when it has a heading and fits the size limit whole. */
  wholeSection(at: number): { first: number; last: number } | undefined {
    if (this.section === undefined) return undefined;
    const first = this.sectionStart(at);
    let last = at;
    while (this.inSection(last + 1)) last += 1;
    return this.fits(first, last) ? { first, last } : undefined;
  }

  /** Where the unit starts: the lead-in of code (always) or of a list (for a passage), or what a "This…" leans on. */
  back(at: number, passage: boolean): number {
    const own = this.blockOf(at);
    if (own?.kind === 'code' || (passage && own?.kind === 'item')) {
      let first = at;
      while (this.inSection(first - 1) && sameRun(this.blockOf(first - 1), own)) first -= 1;
      if (this.inSection(first - 1) && this.blockOf(first - 1)?.kind === 'prose') first -= 1;
      return this.fits(first, at) ? first : at;
    }
    if (passage && LEANS_BACK.test(this.sentences[at]!.text) && this.inSection(at - 1) && this.fits(at - 1, at)) return at - 1;
    return at;
  }

  /**
   * Where the unit ends: for a passage, on through the paragraph, the list and the code it introduces; for a
   * fact, on through what its sentence introduces when it ends with a colon.
   */
  on(first: number, at: number, passage: boolean): number {
    const introduces = INTRODUCES.test(this.sentences[at]!.text);
    let last = at;
    for (let next = at + 1; this.inSection(next) && this.fits(first, next); next += 1) {
      const before = this.blockOf(next - 1);
      const block = this.blockOf(next);
      const sameBlock = block === before;
      const runGoesOn = block?.kind !== 'prose' && (sameRun(block, before) || (block?.kind === 'code' && before?.kind === 'code'));
      const keeps = passage
        ? sameBlock || runGoesOn || INTRODUCES.test(this.sentences[next - 1]!.text) || (before?.kind !== 'code' && block?.kind === 'code')
        : (sameBlock && block?.kind !== 'prose') || (introduces && block?.kind !== 'prose' && (next === at + 1 || runGoesOn));
      if (!keeps) break;
      last = next;
    }
    return last;
  }

  /** A code block that runs on past the unit: the unit takes its lines up to the size limit. */
  cutCode(unit: AnswerUnit, last: number): AnswerUnit {
    const after = this.sentences[last + 1];
    if (!after || !this.inSection(last + 1) || !after.code || this.blockOf(last + 1) !== this.blockOf(last)) return unit;
    const cut = this.document.text.lastIndexOf('\n', unit.start + this.maxChars);
    if (cut <= after.start) return unit;
    const end = trimEnd(this.document.text, after.start, cut);
    return { ...unit, end, cutAfter: true, blocks: blocksIn(this.document, { start: unit.start, end }) };
  }

  private blockOf(i: number): DocumentBlock | undefined {
    const sentence = this.sentences[i];
    return sentence && blockAt(this.document.blocks, sentence.start);
  }

  private inSection(i: number): boolean {
    const sentence = this.sentences[i];
    if (sentence === undefined) return false;
    return this.section === undefined || (sentence.start >= this.section.start && sentence.end <= this.section.end);
  }

  private fits(first: number, last: number): boolean {
    return this.sentences[last]!.end - this.sentences[first]!.start <= this.maxChars;
  }
}

function unitOf(document: CorpusDocument, from: Sentence, to: Sentence): AnswerUnit {
  return {
    start: from.start,
    end: to.end,
    blocks: blocksIn(document, { start: from.start, end: to.end }),
    ...(from.cutBefore && { cutBefore: true }),
    ...(to.cutAfter && { cutAfter: true }),
  };
}

/** The blocks a span covers, each clipped to the span. */
function blocksIn(document: CorpusDocument, span: TextSpan): QuoteLayout[] {
  const blocks: QuoteLayout[] = [];
  for (const block of document.blocks) {
    if (block.end <= span.start || block.start >= span.end) continue;
    blocks.push({
      start: Math.max(block.start, span.start),
      end: Math.min(block.end, span.end),
      kind: block.kind,
      ...(block.language && { language: block.language }),
    });
  }
  return blocks;
}

/** Items of one list, or pieces of one code block, run on. */
function sameRun(a: DocumentBlock | undefined, b: DocumentBlock | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === b) return true;
  return a.kind === 'item' && b.kind === 'item' && a.group !== undefined && a.group === b.group;
}

function trimEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && /\s/.test(text[at - 1]!)) at -= 1;
  return at;
}
