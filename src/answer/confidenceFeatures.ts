import { UNHELD_TERM } from '../text/terms.ts';
import { type CandidateKind, NAME_TYPES } from './candidate.ts';
import { asMeasured, featureTable, LOG_ODDS, ONE, upTo, yesNo } from './featureTable.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';
import { questionIntent } from './questionIntent.ts';
import type { SentenceFeatures } from './rankSentences.ts';
import { TYPE_FIT_SCALE } from './spanFeatures.ts';

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

/**
 * How far ahead of the best sentence of another document (in ranking score) the quote's sentence counts.
 * Changing it changes the learned `coveredMargin` feature: run `npm run train`.
 */
const LEAD_CAP = 1;
/** Question terms counted up to this many. Changing it changes the learned `questionTerms` feature: run `npm run train`. */
const QUESTION_TERMS_CAP = 10;
/**
 * The span model's lead over the runner-up counts up to this many log-odds; a sentence with one candidate
 * has this lead (`chooseSpan`). Changing it changes the learned `spanMargin` feature: run `npm run train`.
 */
export const SPAN_MARGIN_CAP = 5;

/** What the quote confidence reads of the best sentence. */
export interface QuoteEvidence {
  /** Its sentence-ranking features (`rankSentences`). */
  sentence: SentenceFeatures;
  /** Its lead over other documents (`scoreMargin`). */
  margin: number;
  analysis: QuestionAnalysis;
  /** The IDF-weighted share of the question's terms that some passage holds (`heldShare`). */
  held: number;
  /** The sentence's document has a layout (headings, lists, code: documentation, not news text). */
  layout: boolean;
}

/**
 * Evidence that the best sentence holds the answer: its ranking features, how far it leads other documents (a
 * close second elsewhere means the ranking was unsure), and how much of the question the corpus holds at all
 * (a question about what the corpus never mentions has words no passage holds).
 */
export const QUOTE_FEATURES = featureTable<QuoteEvidence>()('quote', [
  { name: 'bias', measure: () => 1, scale: ONE },
  { name: 'coverage', measure: (e) => e.sentence.coverage, scale: asMeasured('IDF-weighted share of question terms, 0 to 1') },
  { name: 'proximity', measure: (e) => e.sentence.proximity, scale: asMeasured('matched terms / shortest window holding them, 0 to 1') },
  { name: 'order', measure: (e) => e.sentence.order, scale: asMeasured('share of adjacent question term pairs adjacent, 0 to 1') },
  { name: 'passage', measure: (e) => e.sentence.passage, scale: asMeasured('passage score / best passage score, 0 to 1') },
  { name: 'position', measure: (e) => e.sentence.position, scale: asMeasured('1 / (1 + log1p(sentence index))') },
  { name: 'answerType', measure: (e) => e.sentence.answerType, scale: yesNo() },
  // A lead over other documents means little when the sentence holds little of the question: on a small
  // corpus one stray sentence can lead a question the corpus does not answer.
  {
    name: 'coveredMargin',
    measure: (e) => Math.min(LEAD_CAP, e.margin) * e.sentence.coverage,
    scale: asMeasured(`min(lead, ${LEAD_CAP}) * coverage`),
  },
  { name: 'questionTerms', measure: (e) => e.analysis.terms.length, scale: upTo(QUESTION_TERMS_CAP) },
  { name: 'heldTerms', measure: (e) => e.held, scale: asMeasured('IDF-weighted share of question terms some passage holds, 0 to 1') },
  // Documentation reads differently from news and encyclopaedias: a help-channel question shares fewer words
  // with its answer, and its answer is often a passage. These let the model weigh the same evidence apart there.
  { name: 'layout', measure: (e) => e.layout, scale: yesNo() },
  {
    name: 'layoutCoverage',
    measure: (e) => (e.layout ? e.sentence.coverage : 0),
    scale: asMeasured('coverage where the document has a layout, else 0'),
  },
  { name: 'layoutHeld', measure: (e) => (e.layout ? e.held : 0), scale: asMeasured('heldTerms where the document has a layout, else 0') },
  {
    name: 'layoutMargin',
    measure: (e) => (e.layout ? Math.min(LEAD_CAP, e.margin) : 0),
    scale: asMeasured(`min(lead, ${LEAD_CAP}) where the document has a layout, else 0`),
  },
  {
    name: 'heading',
    measure: (e) => e.sentence.heading,
    scale: asMeasured('IDF-weighted share of question terms the headings hold, 0 to 1'),
  },
  { name: 'passageQuestion', measure: (e) => questionIntent(e.analysis) !== 'fact', scale: yesNo() },
]);

/** The quote confidence's features of the best sentence (`QUOTE_FEATURES`). */
export function quoteFeatures(evidence: QuoteEvidence): number[] {
  return QUOTE_FEATURES.vector(evidence);
}

/**
 * The IDF-weighted share of terms that some passage holds. A term no passage holds has the largest IDF of
 * all.
 */
export function heldShare(terms: readonly string[], idf: (term: string) => number): number {
  const unheld = idf(UNHELD_TERM);
  let total = 0;
  let held = 0;
  for (const term of terms) {
    const weight = idf(term);
    total += weight;
    if (weight < unheld) held += weight;
  }
  return total > 0 ? held / total : 0;
}

const NUMBER_TYPES = new Set(['date', 'year', 'number', 'measure']);

/** What the answer confidence reads: the quote's confidence, the chosen span and the question. */
export interface ShortAnswerEvidence {
  /** The quote confidence (a probability). */
  quote: number;
  span: SpanChoice;
  analysis: QuestionAnalysis;
}

/** Evidence that the short answer is right: the quote's confidence, the span model's, and the kind of question. */
export const ANSWER_FEATURES = featureTable<ShortAnswerEvidence>()('answer', [
  { name: 'bias', measure: () => 1, scale: ONE },
  { name: 'quoteLogit', measure: (e) => e.quote, scale: LOG_ODDS },
  { name: 'spanLogit', measure: (e) => e.span.probability, scale: LOG_ODDS },
  { name: 'spanMargin', measure: (e) => e.span.margin, scale: upTo(SPAN_MARGIN_CAP) },
  { name: 'typeFit', measure: (e) => e.span.fit, scale: TYPE_FIT_SCALE },
  { name: 'expectsThing', measure: (e) => e.analysis.expected === 'thing', scale: yesNo() },
  { name: 'expectsName', measure: (e) => NAME_TYPES.has(e.analysis.expected), scale: yesNo() },
  { name: 'expectsNumber', measure: (e) => NUMBER_TYPES.has(e.analysis.expected), scale: yesNo() },
  { name: 'kindClause', measure: (e) => e.span.kind === 'clause', scale: yesNo() },
  { name: 'kindNoun', measure: (e) => e.span.kind === 'noun' || e.span.kind === 'list', scale: yesNo() },
]);

/** The answer confidence's features of a short answer (`ANSWER_FEATURES`). */
export function answerFeatures(quoteProbability: number, span: SpanChoice, analysis: QuestionAnalysis): number[] {
  return ANSWER_FEATURES.vector({ quote: quoteProbability, span, analysis });
}
