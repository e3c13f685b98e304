import { createHash } from 'node:crypto';

/**
 * A question folded so that the ways people type the same question meet: Unicode compatibility forms, case,
 * punctuation (apostrophes too: "Portugal's", "Portugal’s" and "Portugal s") and spacing are ignored.
 *
 * @example foldQuestion("Who met Portugal’s  minister?") // → "who met portugal s minister"
 */
export function foldQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The key under which feedback on a question is kept: a hash of the folded question, so votes (which are
 * kept for good) hold no question text; the text itself lives only in the question log, for RETENTION_DAYS.
 */
export function questionKey(question: string): string {
  return createHash('sha256').update(foldQuestion(question)).digest('hex').slice(0, 32);
}
