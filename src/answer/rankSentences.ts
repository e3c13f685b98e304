import type { CorpusDocument, Sentence } from '../corpus/types.ts';
import { termsOf } from '../text/terms.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';

/** A sentence to rank, with the retrieval score of the passage it sits in. */
export interface SentenceCandidate {
  sentence: Sentence;
  passageScore: number;
}

/** The evidence behind a sentence's score, each 0..1. */
export interface SentenceFeatures {
  /** IDF-weighted share of the question's terms that the sentence holds. */
  coverage: number;
  /** How tightly the matched terms sit together. */
  proximity: number;
  /** Share of the question's adjacent term pairs that stand adjacent in the sentence too. */
  order: number;
  /** The passage's retrieval score relative to the best retrieved passage. */
  passage: number;
  /** Earlier sentences in a document score higher (news and encyclopaedia leads). */
  position: number;
  /** The sentence holds a phrase of the expected answer type that the question does not already hold. */
  answerType: number;
}

/** One weight per piece of sentence-ranking evidence (`SentenceFeatures`). */
export type RankingWeights = Record<keyof SentenceFeatures, number>;

export interface ScoredSentence {
  sentence: Sentence;
  score: number;
  features: SentenceFeatures;
}

/**
 * Scores sentences by lexical evidence (IDF-weighted term coverage, a name-like title's terms counting as
 * present in every sentence of the document; proximity; term order), the retrieval
 * score of their passage and their position. Answer-type evidence is added later, for the best few only
 * (see `rankEvidence`). Ties are broken by document id, then by position in the document, so the
 * ranking is deterministic.
 */
export function rankSentences(
  analysis: QuestionAnalysis,
  candidates: readonly SentenceCandidate[],
  idf: (term: string) => number,
  weights: RankingWeights,
  titleTerms: (doc: string) => ReadonlySet<string>,
): ScoredSentence[] {
  const termWeights = analysis.terms.map(idf);
  const totalWeight = termWeights.reduce((sum, weight) => sum + weight, 0);
  const bestPassage = candidates.reduce((best, candidate) => Math.max(best, candidate.passageScore), 0);
  const scored = candidates.map(({ sentence, passageScore }) => {
    const tokens = termsOf(sentence.text);
    const features: SentenceFeatures = {
      coverage: coverage(analysis.terms, termWeights, totalWeight, tokens, titleTerms(sentence.doc)),
      proximity: proximity(analysis.terms, tokens),
      order: order(analysis.terms, tokens),
      passage: bestPassage > 0 ? passageScore / bestPassage : 0,
      position: 1 / (1 + Math.log1p(sentence.index)),
      answerType: 0,
    };
    return { sentence, features, score: combine(features, weights) };
  });
  return scored.sort(bySentenceScore);
}

/** The weighted sum of features. */
export function combine(features: SentenceFeatures, weights: RankingWeights): number {
  let score = 0;
  for (const key of Object.keys(features) as (keyof SentenceFeatures)[]) score += weights[key] * features[key];
  return score;
}

/** Best first; ties by document id, then by position, so equal scores always come out in the same order. */
export function bySentenceScore(a: ScoredSentence, b: ScoredSentence): number {
  return (
    b.score - a.score ||
    (a.sentence.doc < b.sentence.doc ? -1 : a.sentence.doc > b.sentence.doc ? 1 : 0) ||
    a.sentence.start - b.sentence.start
  );
}

/**
 * Most index terms a title may have and still be a name ("Nikola Tesla", "Intergovernmental Panel on Climate
 * Change"). A longer title is a headline, or a first line standing in for one, whose words no later sentence
 * stands for; inheriting them let every sentence of a news article match the headline's words.
 */
const MAX_NAME_TITLE_TERMS = 5;

/** The terms of a name-like title: its document's sentences say "he" or "it" for them, not the name. */
export function inheritedTitleTerms(document: Pick<CorpusDocument, 'title' | 'titleFromLead'>): ReadonlySet<string> {
  if (document.titleFromLead) return new Set();
  const terms = termsOf(document.title);
  return new Set(terms.length <= MAX_NAME_TITLE_TERMS ? terms : []);
}

/** Inherited title terms count as present in each sentence of the document (`inheritedTitleTerms`). */
function coverage(terms: string[], termWeights: number[], totalWeight: number, tokens: string[], titleTerms: ReadonlySet<string>): number {
  if (totalWeight <= 0) return 0;
  const present = new Set(tokens);
  for (const term of titleTerms) present.add(term);
  let matched = 0;
  terms.forEach((term, i) => {
    if (present.has(term)) matched += termWeights[i] ?? 0;
  });
  return matched / totalWeight;
}

/** Matched distinct terms divided by the length of the shortest token window holding all of them. */
function proximity(terms: string[], tokens: string[]): number {
  const wanted = new Set(terms);
  const positions = tokens.map((token, i) => (wanted.has(token) ? i : -1)).filter((i) => i >= 0);
  const distinct = new Set(positions.map((i) => tokens[i]));
  if (distinct.size < 2) return distinct.size === 1 && terms.length === 1 ? 1 : 0;
  let best = Infinity;
  const counts = new Map<string, number>();
  let covered = 0;
  let left = 0;
  for (let right = 0; right < positions.length; right += 1) {
    const term = tokens[positions[right]!]!;
    counts.set(term, (counts.get(term) ?? 0) + 1);
    if (counts.get(term) === 1) covered += 1;
    while (covered === distinct.size) {
      best = Math.min(best, positions[right]! - positions[left]! + 1);
      const leftTerm = tokens[positions[left]!]!;
      counts.set(leftTerm, counts.get(leftTerm)! - 1);
      if (counts.get(leftTerm) === 0) covered -= 1;
      left += 1;
    }
  }
  return distinct.size / best;
}

function order(terms: string[], tokens: string[]): number {
  if (terms.length < 2) return 0;
  const pairs = new Set<string>();
  for (let i = 1; i < tokens.length; i += 1) pairs.add(`${tokens[i - 1]} ${tokens[i]}`);
  let found = 0;
  for (let i = 1; i < terms.length; i += 1) if (pairs.has(`${terms[i - 1]} ${terms[i]}`)) found += 1;
  return found / (terms.length - 1);
}
