import type { Answer } from './answer.ts';

/**
 * A short answer is shown as the answer (bold in Discord, first line in the terminal) from this
 * `answerConfidence` on; below it the quote answers alone. Chosen from the reliability table in
 * docs/quality.md: short answers at this confidence or more are right about three times in four.
 */
export const SHOW_SHORT_ANSWER_FROM = 0.6;

/** Probability bands and the words users see for them, most sure first. */
const BANDS: [number, string][] = [
  [0.9, 'almost certainly'],
  [0.75, 'very likely'],
  [0.6, 'likely'],
  [0.4, 'possibly'],
  [0, 'unlikely'],
];

/** A calibrated probability in words: "very likely", "possibly"… never a bare percentage. */
export function likelihoodWords(probability: number): string {
  return BANDS.find(([from]) => probability >= from)![1];
}

/** The short answer to show, or null when it is not sure enough to stand on its own. */
export function shownShortAnswer(answer: Answer): string | null {
  return answer.answer !== null && answer.answerConfidence !== null && answer.answerConfidence >= SHOW_SHORT_ANSWER_FROM
    ? answer.answer
    : null;
}

/**
 * How sure an answer is, in words: of the short answer when it is shown, and of the quote.
 *
 * @example certaintyLine(answer) // → 'Answer very likely right · quote almost certainly holds it'
 */
export function certaintyLine(answer: Answer): string {
  const quote = likelihoodWords(answer.confidence);
  const shown = shownShortAnswer(answer);
  if (shown !== null && answer.answerConfidence !== null) {
    return `Answer ${likelihoodWords(answer.answerConfidence)} right · quote ${quote} holds it`;
  }
  return `The quote ${quote} holds the answer`;
}

/**
 * What to say of a short answer taken from the document's own date rather than the quote (`answerFrom`):
 * shown whatever its confidence, as a fact about the document, never as the quote's answer.
 *
 * @example documentDateNote(answer) // → 'the document is dated 14 March 2025; the quote does not say when'
 */
export function documentDateNote(answer: Answer): string | null {
  return answer.answerFrom === 'document date' && answer.answer !== null
    ? `the document is dated ${answer.answer}; the quote does not say when`
    : null;
}
