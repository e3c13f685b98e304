import type { TextSpan } from '../corpus/corpusDocument.ts';
import type { AnalyzedSentence, SentenceToken as Token } from '../text/tokens.ts';
import { isGluedHyphen } from './phrases.ts';

/** The kind of phrase that would answer a question, and the class of a phrase found in a sentence. */
export type AnswerType =
  | 'person'
  | 'organization'
  | 'place'
  | 'facility'
  | 'date'
  | 'year'
  | 'number'
  | 'measure'
  | 'work'
  | 'reason'
  | 'manner'
  | 'definition'
  | 'thing';

/** The answer types whose answers are names. */
export const NAME_TYPES: ReadonlySet<AnswerType> = new Set<AnswerType>(['person', 'organization', 'place', 'facility', 'work']);

/** What a candidate phrase is made of; the span chooser weighs each kind differently. */
export type CandidateKind = 'name' | 'noun' | 'list' | 'number' | 'date' | 'measure' | 'quote' | 'clause' | 'definition';

/** A phrase in a sentence that could answer the question; offsets into the sentence text. */
export interface AnswerCandidate extends TextSpan {
  text: string;
  /** The class of thing it names ('thing' when nothing tells). */
  type: AnswerType;
  kind: CandidateKind;
  /** Token indices of its first and last token. */
  first: number;
  last: number;
  /** Token index of its head word ("treaty" in "1997 Treaty of Amsterdam"). */
  head: number;
  /** A person named elsewhere: the span is the pronoun or bare title standing for them, `text` the name. */
  referent?: 'pronoun' | 'title';
}

/** A candidate over tokens `first..last` of the sentence. */
export function candidateOf(
  sentence: AnalyzedSentence,
  span: { first: number; last: number; head?: number },
  type: AnswerType,
  kind: CandidateKind,
): AnswerCandidate {
  const { first, last } = widenOverHyphens(sentence.tokens, span.first, span.last);
  const start = sentence.tokens[first]!.start;
  const end = sentence.tokens[last]!.end;
  return { start, end, text: sentence.text.slice(start, end), type, kind, first, last, head: span.head ?? last };
}

/** "Trans-Caspian", "e-Government", "start-up": words glued to the span by a hyphen belong to it. */
function widenOverHyphens(tokens: readonly Token[], first: number, last: number): { first: number; last: number } {
  let a = first;
  let b = last;
  while (a >= 2 && isGluedHyphen(tokens, a - 1)) a -= 2;
  while (b + 2 < tokens.length && isGluedHyphen(tokens, b + 1)) b += 2;
  return { first: a, last: b };
}

/** Token indices of a character span, when it starts and ends on token boundaries. */
export function tokenSpan(tokens: readonly Token[], span: TextSpan): { first: number; last: number } | null {
  const first = tokens.findIndex((token) => token.start === span.start);
  const last = tokens.findIndex((token) => token.end === span.end);
  return first === -1 || last < first ? null : { first, last };
}
