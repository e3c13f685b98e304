import type { CandidateKind } from './candidate.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';
import type { SentenceFeatures } from './rankSentences.ts';

/** A short answer picked in a sentence, with what the span model thought of it. */
export interface SpanChoice {
  /** Probability the span model gives the chosen candidate. */
  probability: number;
  /** Its score minus the runner-up's (log-odds), large when nothing else in the sentence competes. */
  margin: number;
  kind: CandidateKind;
  /** How well its type fits the expected one (1, 0.5 or 0). */
  fit: number;
}

export const QUOTE_FEATURES = [
  'bias',
  'coverage',
  'proximity',
  'order',
  'passage',
  'position',
  'answerType',
  'coveredMargin',
  'questionTerms',
  'heldTerms',
] as const;

export const ANSWER_FEATURES = [
  'bias',
  'quoteLogit',
  'spanLogit',
  'spanMargin',
  'typeFit',
  'expectsThing',
  'expectsName',
  'expectsNumber',
  'kindClause',
  'kindNoun',
] as const;

/**
 * Evidence that the best sentence holds the answer: its ranking features, how far it leads other documents (a
 * close second elsewhere means the ranking was unsure, see `scoreMargin`), and how much of the question the corpus holds at all (`held`,
 * see `heldShare`): a question about what the corpus never mentions has words no passage holds.
 */
export function quoteFeatures(features: SentenceFeatures, margin: number, analysis: QuestionAnalysis, held: number): number[] {
  return [
    1,
    features.coverage,
    features.proximity,
    features.order,
    features.passage,
    features.position,
    features.answerType,
    // A lead over other documents means little when the sentence holds little of the question: on a small
    // corpus one stray sentence can lead a question the corpus does not answer.
    Math.min(1, margin) * features.coverage,
    Math.min(1, analysis.terms.length / 10),
    held,
  ];
}

/**
 * The IDF-weighted share of terms that some passage holds. A term no passage holds has the largest IDF of
 * all.
 */
export function heldShare(terms: readonly string[], idf: (term: string) => number): number {
  const unheld = idf(UNHELD);
  let total = 0;
  let held = 0;
  for (const term of terms) {
    const weight = idf(term);
    total += weight;
    if (weight < unheld) held += weight;
  }
  return total > 0 ? held / total : 0;
}

/** No index term has a space in it. */
const UNHELD = ' ';

const NAME_TYPES = new Set(['person', 'organization', 'place', 'facility', 'work']);
const NUMBER_TYPES = new Set(['date', 'year', 'number', 'measure']);

/** Evidence that the short answer is right: the quote's confidence, the span model's, and the kind of question. */
export function answerFeatures(quoteProbability: number, span: SpanChoice, analysis: QuestionAnalysis): number[] {
  return [
    1,
    logit(quoteProbability),
    logit(span.probability),
    Math.min(5, span.margin) / 5,
    span.fit,
    analysis.expected === 'thing' ? 1 : 0,
    NAME_TYPES.has(analysis.expected) ? 1 : 0,
    NUMBER_TYPES.has(analysis.expected) ? 1 : 0,
    span.kind === 'clause' ? 1 : 0,
    span.kind === 'noun' || span.kind === 'list' ? 1 : 0,
  ];
}

export function logit(p: number): number {
  const clamped = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(clamped / (1 - clamped));
}
