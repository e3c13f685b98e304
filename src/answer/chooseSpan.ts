import type { AnalyzedSentence } from '../text/tokens.ts';
import { type AnswerModel, spanScore } from './answerModel.ts';
import { ANSWER_TYPES, typeFit } from './answerTypes.ts';
import type { AnswerCandidate } from './candidate.ts';
import type { SpanChoice } from './confidenceFeatures.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';
import { SPAN_FEATURES, sentenceMatches, sharedContext, spanFeatures } from './spanFeatures.ts';

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
  return candidates
    .map((candidate) => {
      const features = spanFeatures(matches, candidate);
      return { candidate, features, score: spanScore(analysis.expected, features, model), shared: sharedContext(matches, candidate) };
    })
    .sort((a, b) => b.score - a.score || a.candidate.start - b.candidate.start);
}

/**
 * Picks the candidate that answers the question: the one the span model (answerModel.json, fitted on
 * SQuAD's train articles) scores highest, with its share of the sentence's probability (a softmax over the
 * candidates) and its lead over the runner-up.
 */
export function chooseSpan(scored: readonly ScoredCandidate[], analysis: QuestionAnalysis): ChosenSpan | null {
  const ruledOut = otherParties(scored, analysis);
  const left = scored.filter((c) => !ruledOut.has(c));
  const best = titleHolder(left, analysis) ?? left[0] ?? scored[0];
  if (!best) return null;
  // The probability and margin are among the candidates the rules leave in the running.
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

/**
 * For "who met Portugal's minister?" the person the sentence introduces in the question's own words
 * ("the Minister … of Portugal Paulo Portas") is the party the question names, not its answer: when the
 * answer type says so and the question's verb is not "be", the names of the expected type that share the
 * most question words with their introduction are ruled out.
 */
function otherParties(scored: readonly ScoredCandidate[], analysis: QuestionAnalysis): ReadonlySet<ScoredCandidate> {
  if (!ANSWER_TYPES[analysis.expected].describedIsOtherParty || analysis.copular) return new Set();
  const typed = scored.filter((c) => c.candidate.type === analysis.expected && c.candidate.kind === 'name');
  const most = Math.max(0, ...typed.map((c) => c.shared));
  if (most === 0 || typed.every((c) => c.shared === most)) return new Set();
  return new Set(typed.filter((c) => c.shared === most));
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
