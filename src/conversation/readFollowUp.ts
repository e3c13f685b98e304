import { analyzeSentence } from '../text/tokens.ts';
import { readEllipsis } from './ellipsis.ts';
import { namesInText } from './namesInText.ts';
import { applyReplacements, resolveReferences } from './resolveReferences.ts';
import type { Reference, Turn } from './turn.ts';
import { referentsOf, turnText } from './turnReferents.ts';

/** How many of the latest turns a follow-up is read against. */
export const TURNS_READ = 3;

/** A follow-up question as the engine will answer it. */
export interface FollowUpReading {
  /** The question with its references spelled out ("What did Fuad Allahverdiyev speak about?"), or as asked. */
  text: string;
  references: Reference[];
  /**
   * The document the conversation is about, preferred by retrieval, and what the question pointed to in it;
   * undefined when the question stands alone.
   */
  prefer: { doc: string; topic?: string } | undefined;
}

/**
 * Reads a follow-up against the conversation so far: pronouns and definite noun phrases are spelled out with
 * what they point to, a fragment ("And in Turkey?") becomes the last question asked again, and when the
 * question carries the conversation on, the last answer's document is preferred. A question that points to
 * nothing earlier comes back as asked, with nothing preferred: it is answered as a new question.
 *
 * @example
 * readFollowUp('What did he speak about?', [{ question: 'Who is the chairman of AzerTelecom?', answer }]).text
 * // → 'What did Fuad Allahverdiyev speak about?'
 */
export function readFollowUp(question: string, turns: readonly Turn[]): FollowUpReading {
  const recent = turns.slice(-TURNS_READ);
  const texts = recent.map(turnText);
  const latest = texts[texts.length - 1];
  if (!latest) return { text: question, references: [], prefer: undefined };
  const known = texts.flatMap((turn) => turn.quoteNames);
  const tokens = analyzeSentence(question).tokens;
  const { replacements, continues } = resolveReferences(question, tokens, namesInText(question, known), referentsOf(recent), texts);
  let text = applyReplacements(question, replacements);
  let references: Reference[] = replacements.map(({ said, as }) => ({ said, as }));
  const asked = text === question ? tokens : analyzeSentence(text).tokens;
  const frame = readEllipsis(text, asked, latest.question, known);
  if (frame !== null) {
    text = frame;
    references = [{ said: question, as: frame }];
  }
  const doc = continues || frame !== null ? [...texts].reverse().find((turn) => turn.doc !== null)?.doc : undefined;
  if (doc === undefined || doc === null) return { text, references, prefer: undefined };
  const topic = frame === null && replacements.length > 0 ? replacements.map(({ as }) => as).join(' ') : undefined;
  return { text, references, prefer: topic === undefined ? { doc } : { doc, topic } };
}
