import { questionOf } from './questionOf.ts';

/** Words that open a question ("how do I…", "is there…", "can anyone…"). */
const OPENS_QUESTION =
  /^(who|whom|whose|what|which|when|where|why|how|is|are|am|was|were|do|does|did|can|could|should|would|will|shall|may|might|must|has|have|had|any|anyone|anybody|someone|somebody|help|please)\b/i;
/** Words of a problem told as a statement ("npm start fails with…", "I can't log in"). */
const TELLS_PROBLEM =
  /\b(error|errors|exception|fails?|failed|failing|broken|crash(es|ed|ing)?|can't|cannot|can ?not|couldn't|doesn't|does not|don't|won't|isn't|unable|issue|problem|stuck|not working|how to)\b/i;
/** Fewer words than this is chat ("thanks!", "ok, cool"), not a question. */
const MIN_WORDS = 3;

/**
 * Whether a message in a text help channel reads as a question to answer: at least three words, and a
 * question mark, a question word first, or the words of a problem. "thanks!", "👍" and "ok that worked" do not.
 *
 * @example readsAsQuestion('How do I reset my password') // → true
 * @example readsAsQuestion('thanks!') // → false
 */
export function readsAsQuestion(content: string): boolean {
  const text = questionOf(content).replace(/[’‘]/g, "'");
  const words = text.split(' ').filter((word) => /\p{L}/u.test(word));
  if (words.length < MIN_WORDS) return false;
  return text.includes('?') || OPENS_QUESTION.test(text) || TELLS_PROBLEM.test(text);
}
