import type { Citation } from '../corpus/corpusDocument.ts';
import type { EntityIndex } from './entityIndex.ts';

/** The answer to "who is X?" / "what is X?": what the corpus calls X, and the sentence that says so. */
export interface EntityDescription {
  answer: string;
  quote: string;
  source: Citation;
}

/**
 * Answers "who is X?" or "what is X?" from X's card: its best-attested title (a person's role) or, for
 * anything without one, what a sentence says it is. `name` may be any alias or a lone surname that only
 * one person carries. Undefined when the corpus names X but never says what it is, or does not name it.
 *
 * @example
 * describeEntity(index, 'Paulo Portas')
 * // → { answer: 'Minister of State and Foreign Affairs of Portugal', quote: 'The Minister of State …', source }
 */
export function describeEntity(index: EntityIndex, name: string): EntityDescription | undefined {
  const role = index.card(name)?.roles[0];
  if (!role) return undefined;
  return { answer: role.title, quote: role.quote, source: role.source };
}
