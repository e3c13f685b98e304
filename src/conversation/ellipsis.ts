import { foldName } from '../entities/search.ts';
import { QUESTION_WORDS } from '../text/functionWords.ts';
import type { SentenceToken } from '../text/tokens.ts';
import { type NameInText, namesInText } from './namesInText.ts';

const FOLLOW_UP_OPENERS = new Set(['and', 'but', 'so', 'also', 'then']);
const ABOUT = /^(?:what|how)$/;
const DETERMINER = /^(?:the|a|an)\s+/i;
/** A fragment longer than this is a question of its own, not an ellipsis. */
const MAX_FRAGMENT_TOKENS = 8;

/**
 * Reads a fragment that asks the last question again about something else: "And in Turkey?", "What about
 * Kazakhstan?", "How about the IMF?". The new name takes the place of the one of the same type in the last
 * question ("How many people live in France?" → "How many people live in Turkey?"), or of the one after the
 * same preposition; with no such name, a fragment with a preposition is added to the end ("Who won the
 * election?" + "And in Turkey?" → "Who won the election in Turkey?"). Null when the question is not such a
 * fragment, or nothing in the last question can be swapped.
 *
 * @param known names the conversation's quotes hold, to find them again in any case
 */
export function readEllipsis(
  question: string,
  tokens: readonly SentenceToken[],
  frame: string,
  known: readonly NameInText[],
): string | null {
  const words = tokens.filter((token) => token.pos !== 'PUNCT' || token.value === '-');
  let i = 0;
  let marked = false;
  while (i < words.length && FOLLOW_UP_OPENERS.has(words[i]!.value.toLowerCase())) {
    i += 1;
    marked = true;
  }
  if (ABOUT.test(words[i]?.value.toLowerCase() ?? '') && ['about', 'of'].includes(words[i + 1]?.value.toLowerCase() ?? '')) {
    i += 2;
    marked = true;
  }
  const rest = words.slice(i);
  if (rest.length === 0 || rest.length > MAX_FRAGMENT_TOKENS) return null;
  if (rest.some((token) => token.pos === 'VERB' || token.pos === 'AUX' || QUESTION_WORDS.has(token.value.toLowerCase()))) return null;
  const preposition = rest[0]!.pos === 'ADP' ? rest[0]!.value.toLowerCase() : null;
  if (!marked && preposition === null) return null;
  const phraseTokens = preposition === null ? rest : rest.slice(1);
  if (phraseTokens.length === 0) return null;
  const phrase = question.slice(phraseTokens[0]!.start, phraseTokens[phraseTokens.length - 1]!.end);
  const named = namesInText(phrase, known);
  const type = named.length === 1 && named[0]!.text.length >= phrase.replace(DETERMINER, '').length ? named[0]!.type : null;

  const slots = namesInText(frame, known).filter((name) => !name.adjective);
  const before = preposition === null ? null : new RegExp(`\\b${preposition.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(?:the\\s+)?$`, 'i');
  const after = (slot: NameInText) => before?.test(frame.slice(0, slot.start)) ?? false;
  const sameType = type === null ? [] : slots.filter((slot) => slot.type === type);
  const slot =
    sameType.find(after) ??
    sameType[sameType.length - 1] ??
    (type === null ? slots.find(after) : undefined) ??
    (preposition === null && slots.length === 1 ? slots[0] : undefined);
  if (slot) {
    if (foldName(slot.text) === foldName(phrase.replace(DETERMINER, ''))) return null;
    // The new name comes as asked, with its own article or none: "for the US" + "And for Japan?" → "for Japan".
    const lead = frame.slice(0, slot.start).replace(/\b(?:the|a|an)\s+$/i, '');
    return `${lead}${phrase}${frame.slice(slot.end)}`;
  }
  if (preposition === null) return null;
  const end = frame.search(/[?.!\s]*$/);
  return `${frame.slice(0, end)} ${preposition} ${phrase}${frame.slice(end) || '?'}`;
}
