import type { CorpusDocument, Sentence } from '../corpus/corpusDocument.ts';
import type { RankingWeights } from '../options.ts';
import { nameParts, termsOf, UNHELD_TERM } from '../text/terms.ts';
import type { RelatedTerm } from '../vocabulary/relatedTerm.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';

/** A sentence to rank, with the retrieval score of the passage it sits in and the headings it is under. */
export interface SentenceCandidate {
  sentence: Sentence;
  passageScore: number;
  headings: readonly string[];
}

/** The evidence behind a sentence's score, each 0..1: one value per ranking weight (`RankingWeights` says what each is). */
export type SentenceFeatures = { [Evidence in keyof RankingWeights]: number };

export interface ScoredSentence {
  sentence: Sentence;
  score: number;
  features: SentenceFeatures;
}

/**
 * Scores sentences by lexical evidence (IDF-weighted term coverage, the terms each sentence inherits —
 * a name-like title's, the words readers used for it — counting as present; proximity; term order), the retrieval
 * score of their passage and their position. Answer-type evidence is added later, for the best few only
 * (see `rankEvidence`). Ties are broken by document id, then by position in the document, so the
 * ranking is deterministic.
 */
export function rankSentences(
  analysis: QuestionAnalysis,
  candidates: readonly SentenceCandidate[],
  idf: (term: string) => number,
  weights: RankingWeights,
  inheritedTerms: (sentence: Sentence) => ReadonlySet<string>,
): ScoredSentence[] {
  const termWeights = analysis.terms.map(idf);
  const totalWeight = termWeights.reduce((sum, weight) => sum + weight, 0);
  const alternatives = alternativesOf(analysis);
  const coverage = (tokens: readonly string[], inherited: ReadonlySet<string>, parts: ReadonlySet<string> = NO_TERMS) =>
    coverageOf(analysis.terms, termWeights, totalWeight, tokens, inherited, alternatives, parts);
  const questionTerms = new Set(analysis.terms);
  const unheld = idf(UNHELD_TERM);
  const faqMatches = new Map<readonly string[], number>();
  /** The FAQ match of a heading path's last heading (see `SentenceFeatures.faq`), once per path. */
  const faqMatch = (headings: readonly string[]): number => {
    let match = faqMatches.get(headings);
    if (match === undefined) {
      const last = headings.at(-1);
      match = 0;
      if (last !== undefined && isQuestion(last)) {
        const terms = termsOf(last, { names: true });
        // Of the question, only the words the corpus holds can match a heading ("someone" in no page).
        const known = analysis.terms.filter((term) => idf(term) < unheld);
        match = Math.min(weightedShare(questionTerms, terms, idf), weightedShare(new Set(terms), known, idf));
      }
      faqMatches.set(headings, match);
    }
    return match;
  };
  const bestPassage = candidates.reduce((best, candidate) => Math.max(best, candidate.passageScore), 0);
  const scored = candidates.map(({ sentence, passageScore, headings }) => {
    const tokens = termsOf(sentence.text, { names: sentence.code === true });
    // In prose, a name's words count as its words only partly (see `NAME_PART_WEIGHT`).
    const parts = sentence.code ? NO_TERMS : new Set(termsOf(nameParts(sentence.text).join(' ')));
    const features: SentenceFeatures = {
      coverage: coverage(tokens, inheritedTerms(sentence), parts),
      proximity: proximity(analysis.terms, tokens),
      order: order(analysis.terms, tokens),
      passage: bestPassage > 0 ? passageScore / bestPassage : 0,
      position: 1 / (1 + Math.log1p(sentence.index)),
      answerType: 0,
      heading: headings.length === 0 ? 0 : coverage(headingTerms(headings), NO_TERMS),
      prose: sentence.code ? 0 : 1,
      faq: faqMatch(headings),
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

const NO_TERMS: ReadonlySet<string> = new Set();
const QUESTION_HEADING = /\?\s*$|^(?:how|what|why|when|where|which|who|can|could|should|is|are|do|does|did|will|would)\b/i;

/** A heading written as a question: an FAQ entry. */
export function isQuestion(heading: string): boolean {
  return QUESTION_HEADING.test(heading.trim());
}

/** The IDF-weighted share of `whole`'s distinct terms that `part` holds. */
function weightedShare(part: ReadonlySet<string>, whole: readonly string[], idf: (term: string) => number): number {
  const distinct = [...new Set(whole)];
  const total = distinct.reduce((sum, term) => sum + idf(term), 0);
  if (total <= 0) return 0;
  return distinct.filter((term) => part.has(term)).reduce((sum, term) => sum + idf(term), 0) / total;
}
const headingTermsOf = new WeakMap<readonly string[], string[]>();

/** The index terms of a heading path, once per path (the passages of one section share theirs). */
function headingTerms(headings: readonly string[]): string[] {
  let terms = headingTermsOf.get(headings);
  if (!terms) {
    terms = termsOf(headings.join(' \n '), { names: true });
    headingTermsOf.set(headings, terms);
  }
  return terms;
}

/** The related terms that may stand for each question term, by the term. */
function alternativesOf(analysis: QuestionAnalysis): ReadonlyMap<string, readonly RelatedTerm[]> {
  const alternatives = new Map<string, RelatedTerm[]>();
  for (const related of analysis.related) {
    const list = alternatives.get(related.of);
    if (list) list.push(related);
    else alternatives.set(related.of, [related]);
  }
  return alternatives;
}

/** What a question word found only inside a name in prose ("edit" in "editReply()") counts for. */
const NAME_PART_WEIGHT = 0.5;

/**
 * The IDF-weighted share of the question's terms present: inherited title terms count as present in each
 * sentence of the document (`inheritedTitleTerms`); a term absent but for a related term counts at that
 * term's weight, and one present only inside a name (`parts`) at `NAME_PART_WEIGHT`.
 */
function coverageOf(
  terms: readonly string[],
  termWeights: readonly number[],
  totalWeight: number,
  tokens: readonly string[],
  inherited: ReadonlySet<string>,
  alternatives: ReadonlyMap<string, readonly RelatedTerm[]>,
  parts: ReadonlySet<string>,
): number {
  if (totalWeight <= 0) return 0;
  const present = new Set(tokens);
  for (const term of inherited) present.add(term);
  let matched = 0;
  terms.forEach((term, i) => {
    const weight = termWeights[i] ?? 0;
    if (present.has(term)) matched += weight;
    else {
      let best = parts.has(term) ? NAME_PART_WEIGHT : 0;
      for (const related of alternatives.get(term) ?? []) if (present.has(related.term)) best = Math.max(best, related.weight);
      matched += best * weight;
    }
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
