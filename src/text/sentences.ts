import type { TextSpan } from '../corpus/types.ts';
import { sentenceNlp } from './nlp.ts';

/**
 * Splits `text` into sentence spans (offsets into `text`, whitespace trimmed).
 *
 * wink-nlp keeps "A.Abbasov", "Mr. Velizade" and "Mar. 5" intact. Its tokens reproduce the input exactly
 * (value plus preceding spaces), so character offsets are recovered by summing lengths.
 *
 * @example splitSentences('He came. She left.') // → [{start: 0, end: 8}, {start: 9, end: 18}]
 */
export function splitSentences(text: string): TextSpan[] {
  if (text.trim() === '') return [];
  const nlp = sentenceNlp();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const tokenStart = new Array<number>(values.length);
  const tokenEnd = new Array<number>(values.length);
  let offset = 0;
  for (let i = 0; i < values.length; i += 1) {
    offset += (spaces[i] ?? '').length;
    tokenStart[i] = offset;
    offset += (values[i] ?? '').length;
    tokenEnd[i] = offset;
  }
  if (offset !== text.length) return [{ start: 0, end: text.length }];
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const sentences: TextSpan[] = [];
  for (const [first, last] of spans) {
    const start = tokenStart[first];
    const end = tokenEnd[last];
    if (start !== undefined && end !== undefined && end > start) sentences.push({ start, end });
  }
  return sentences;
}
