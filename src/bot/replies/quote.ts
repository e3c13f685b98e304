import type { Citation } from '../../corpus/types.ts';
import { normalizeTerm, termsOf, wordSpans } from '../../text/terms.ts';
import { ELLIPSIS, type Segment } from './markdown.ts';

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
