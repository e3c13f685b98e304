import type { QuoteLayout } from '../../answer/answer.ts';
import type { Citation } from '../../corpus/corpusDocument.ts';
import { normalizeTerm, termsOf, wordSpans } from '../../text/terms.ts';
import { ELLIPSIS, renderFitted, renderSegments, type Segment } from './markdown.ts';

/** The index terms of a question ("met" → "meet", "Portugal's" → "portug"), to find them again in a quote. */
export function questionTerms(question: string): Set<string> {
  return new Set(termsOf(question));
}

/**
 * Splits a quote into segments: the answer span bold, words that match a question term italic,
 * the rest plain. Line breaks become spaces so the quote stays one block quote.
 *
 * @example quoteSegments('Ali met Paulo', 'Paulo', new Set(['meet'])) // → Ali ·*met*· **Paulo**
 */
export function quoteSegments(quote: string, answer: string | null, terms: ReadonlySet<string>): Segment[] {
  const text = quote.replace(/\s*\n\s*/g, ' ');
  const at = answer ? text.indexOf(answer) : -1;
  const answerEnd = at < 0 ? -1 : at + answer!.length;
  const segments: Segment[] = [];
  let plainFrom = 0;
  const push = (from: number, to: number, style: Segment['style']) => {
    if (to > from) segments.push({ text: text.slice(from, to), style });
  };
  for (const { value, start, end } of wordSpans(text)) {
    if (at >= 0 && start >= at && end <= answerEnd) continue;
    if (at >= 0 && start < answerEnd && end > at) continue;
    if (!terms.has(normalizeTerm(value) ?? '')) continue;
    if (at >= 0 && plainFrom <= at && start > at) {
      push(plainFrom, at, 'plain');
      push(at, answerEnd, 'bold');
      plainFrom = answerEnd;
    }
    push(plainFrom, start, 'plain');
    push(start, end, 'italic');
    plainFrom = end;
  }
  if (at >= 0 && plainFrom <= at) {
    push(plainFrom, at, 'plain');
    push(at, answerEnd, 'bold');
    plainFrom = answerEnd;
  }
  push(plainFrom, text.length, 'plain');
  return segments;
}

/** A quote cut from a longer sentence shows "…" where the sentence goes on. */
export function withElisions(segments: Segment[], elided: Citation['elided']): Segment[] {
  const before = elided === 'before' || elided === 'both' ? [{ text: ELLIPSIS, style: 'plain' as const }] : [];
  const after = elided === 'after' || elided === 'both' ? [{ text: ELLIPSIS, style: 'plain' as const }] : [];
  return [...before, ...segments, ...after];
}

/** What a quote is made of, as the engine lays it out (`Answer.quoteLayout`). */
export type QuotePart = QuoteLayout;

/**
 * A quote as Discord shows it, in at most `max` characters: without layout, one block quote (the answer
 * bold, the question's words italic); with layout, its prose and list items as block-quote lines (an item
 * after "• ") and its code as fenced code blocks with their language, kept as written. What does not fit is
 * cut: prose at a word, code at a line, with "…".
 *
 * @example quoteMarkdown('Run it:\n\nnpm start', [{ start: 0, end: 7, kind: 'prose' }, { start: 9, end: 18, kind: 'code', language: 'bash' }], null, new Set(), null, 4096)
 * // → '> Run it:\n```bash\nnpm start\n```'
 */
export function quoteMarkdown(
  quote: string,
  layout: readonly QuotePart[],
  answer: string | null,
  terms: ReadonlySet<string>,
  elided: Citation['elided'],
  max: number,
): string {
  if (!layout.some((part) => part.kind !== 'prose')) {
    return `> ${renderFitted(withElisions(quoteSegments(quote, answer, terms), elided), max - 2)}`;
  }
  const pieces: string[] = [];
  let used = 0;
  for (const [i, part] of layout.entries()) {
    const text = quote.slice(part.start, part.end);
    const room = max - used - (pieces.length > 0 ? 1 : 0);
    const last = i === layout.length - 1;
    const goesOnAfter = last && (elided === 'after' || elided === 'both');
    const piece =
      part.kind === 'code'
        ? codeBlock(text, part.language, room, goesOnAfter)
        : proseLine(text, part.kind === 'item', answer, terms, room, i === 0 && (elided === 'before' || elided === 'both'), goesOnAfter);
    if (piece === null) break;
    pieces.push(piece.text);
    used += piece.text.length + (pieces.length > 1 ? 1 : 0);
    if (piece.cut) break;
  }
  return pieces.join('\n');
}

/** A rendered piece of a quote, and whether it had to be cut to fit (nothing more follows it then). */
interface Piece {
  text: string;
  cut: boolean;
}

/** A prose paragraph or list item as one block-quote line, cut at a word to fit `room`. */
function proseLine(
  text: string,
  item: boolean,
  answer: string | null,
  terms: ReadonlySet<string>,
  room: number,
  goesOnBefore: boolean,
  goesOnAfter: boolean,
): Piece | null {
  const prefix = `> ${item ? '• ' : ''}`;
  if (room <= prefix.length + ELLIPSIS.length) return null;
  const elided = goesOnBefore ? (goesOnAfter ? 'both' : 'before') : goesOnAfter ? 'after' : null;
  const whole = renderSegments(withElisions(quoteSegments(text, answer, terms), elided));
  const fitted = renderFitted(withElisions(quoteSegments(text, answer, terms), elided), room - prefix.length);
  return { text: `${prefix}${fitted}`, cut: fitted !== whole };
}

/** Backticks and newlines of a fence: "```lang\n" before the code, "\n```" after it. */
const FENCE_CHARS = 8;

/** A fenced code block of the whole lines that fit in `room`; "…" as the last line where the code goes on. */
function codeBlock(code: string, language: string | undefined, room: number, goesOn: boolean): Piece | null {
  const open = `\`\`\`${language && /^[\w+#.-]+$/.test(language) ? language : ''}\n`;
  // Three backticks inside the code would end the block: a zero-width space keeps them apart.
  const lines = code.replace(/```/g, '``\u200b`').split('\n');
  const kept: string[] = [];
  let length = open.length + FENCE_CHARS - 4;
  for (const line of lines) {
    if (length + line.length + 1 > room - ELLIPSIS.length - 1) break;
    kept.push(line);
    length += line.length + 1;
  }
  if (kept.length === 0) return null;
  const cut = kept.length < lines.length;
  return { text: `${open}${kept.join('\n')}${cut || goesOn ? `\n${ELLIPSIS}` : ''}\n\`\`\``, cut };
}
