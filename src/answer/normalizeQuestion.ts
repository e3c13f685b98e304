import { InvalidQuestionError } from '../errors.ts';

const CONTROL = /[\p{Cc}\p{Cf}]+/gu;

/**
 * The question as the engine reads it: Unicode-normalised (NFC), control and format characters replaced by
 * spaces, whitespace collapsed. Throws InvalidQuestionError (a message fit for the user) when nothing is
 * left or it is longer than `maxChars`.
 *
 * @example normalizeQuestion('  who\u0000 met\n Portugal’s minister? ', 500) // → 'who met Portugal’s minister?'
 */
export function normalizeQuestion(question: string, maxChars: number): string {
  const cleaned = question.normalize('NFC').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned === '') throw new InvalidQuestionError('The question is empty: ask something, e.g. "who met Portugal\'s minister?"');
  if (cleaned.length > maxChars) {
    throw new InvalidQuestionError(
      `The question is too long (${cleaned.length} characters; the limit is ${maxChars}). Ask one short question.`,
    );
  }
  if (!/[\p{L}\p{N}]/u.test(cleaned))
    throw new InvalidQuestionError('The question has no words in it: ask with words, e.g. "who met Portugal\'s minister?"');
  return cleaned;
}
