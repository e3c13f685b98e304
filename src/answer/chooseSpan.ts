import type { AnalyzedSentence } from '../text/tokens.ts';
import { type AnswerModel, spanScore } from './answerModel.ts';
import { ANSWER_TYPES, typeFit, typeOfNoun } from './answerTypes.ts';
import type { AnswerCandidate } from './candidate.ts';
import type { SpanChoice } from './confidenceFeatures.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';
import { compareCandidates, SPAN_FEATURES, sentenceMatches, sharedContext, spanFeatures } from './spanFeatures.ts';

/** A candidate with its span-model score (log-odds). */
export interface ScoredCandidate {
  candidate: AnswerCandidate;
  features: number[];
  score: number;
  /** Question terms among the words that introduce it ("Minister … of Portugal" before "Paulo Portas"). */
  shared: number;
}

/** The chosen short answer of a sentence and the span model's view of it. */
export interface ChosenSpan extends SpanChoice {
  candidate: AnswerCandidate;
}

/** Every candidate scored by the span model, best first (ties: earlier first). */
export function scoreCandidates(
  sentence: AnalyzedSentence,
  candidates: readonly AnswerCandidate[],
  analysis: QuestionAnalysis,
  model: AnswerModel,
): ScoredCandidate[] {
  const matches = sentenceMatches(sentence, analysis);
  const features = candidates.map((candidate) => spanFeatures(matches, candidate));
  compareCandidates(features);
  const shared = candidates.map((candidate) => sharedContext(matches, candidate));
  const parties = otherParties(candidates, shared, analysis);
  parties.forEach((party, i) => {
    features[i]![OTHER_PARTY] = party ? 1 : 0;
  });
  return candidates
    .map((candidate, i) => ({
      candidate,
      features: features[i]!,
      score: spanScore(analysis.expected, features[i]!, model),
      shared: shared[i]!,
    }))
    .sort((a, b) => b.score - a.score || a.candidate.start - b.candidate.start);
}

/**
 * Picks the candidate that answers the question: the one the span model (answerModel.json, fitted on
 * SQuAD's train articles) scores highest, with its share of the sentence's probability (a softmax over the
 * candidates) and its lead over the runner-up.
 */
export function chooseSpan(scored: readonly ScoredCandidate[], analysis: QuestionAnalysis): ChosenSpan | null {
  // A question that names the other party by its role ("Portugal's minister") rules out whom its words introduce.
  const left = namesOtherParty(analysis) ? scored.filter((c) => c.features[OTHER_PARTY] !== 1) : scored;
  const best = titleHolder(left, analysis) ?? left[0] ?? scored[0];
  if (!best) return null;
  // The probability and margin are among the candidates left in the running.
  const rivals = (left.length > 0 ? left : scored).filter((c) => c !== best);
  let total = 1;
  for (const { score } of rivals) total += Math.exp(score - best.score);
  return {
    candidate: best.candidate,
    probability: 1 / total,
    margin: rivals[0] ? Math.max(0, best.score - rivals[0].score) : 5,
    kind: best.candidate.kind,
    fit: typeFit(analysis.expected, best.candidate.type),
  };
}

const OTHER_PARTY = SPAN_FEATURES.indexOf('otherParty');

/** "Who met Portugal's minister?": besides its head noun, the question names someone of the type it asks for. */
function namesOtherParty(analysis: QuestionAnalysis): boolean {
  return analysis.keywords.some((word) => {
    const lower = word.toLowerCase();
    if (lower === analysis.headNoun) return false;
    return (typeOfNoun(lower) ?? typeOfNoun(lower.replace(/s$/, ''))) === analysis.expected;
  });
}

/**
 * For "who met Portugal's minister?" the person the sentence introduces in the question's own words
 * ("the Minister … of Portugal Paulo Portas") is the party the question names, more likely than its
 * answer: when the answer type says so and the question's verb is not "be", the names of the expected type
 * that share the most question words with their introduction are marked (the `otherParty` feature, whose
 * weight the span model learns).
 */
function otherParties(candidates: readonly AnswerCandidate[], shared: readonly number[], analysis: QuestionAnalysis): boolean[] {
  const none = candidates.map(() => false);
  if (!ANSWER_TYPES[analysis.expected].describedIsOtherParty || analysis.copular) return none;
  const typed = candidates.flatMap((c, i) => (c.type === analysis.expected && c.kind === 'name' ? [i] : []));
  const most = Math.max(0, ...typed.map((i) => shared[i]!));
  if (most === 0 || typed.every((i) => shared[i] === most)) return none;
  return candidates.map((_, i) => typed.includes(i) && shared[i] === most);
}

/**
 * "Who is Iran's ICT minister?" over "Iran's Minister of … (ICT) asked Turkish Minister … Turhan": the
 * sentence gives the title asked about without its holder, whose name the sentences around give (a title
 * referent); for a "who is" question whose words the title holds, that referent answers.
 */
function titleHolder(scored: readonly ScoredCandidate[], analysis: QuestionAnalysis): ScoredCandidate | undefined {
  if (!analysis.copular) return undefined;
  return scored.find((c) => c.candidate.referent === 'title' && titleShare(c) >= 0.5);
}

const TITLE_REFERENT = SPAN_FEATURES.indexOf('titleReferent');

function titleShare(scored: ScoredCandidate): number {
  return scored.features[TITLE_REFERENT] ?? 0;
}
