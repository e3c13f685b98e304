import type { AnalyzedSentence } from '../text/tokens.ts';
import { type AnswerModel, spanScore } from './answerModel.ts';
import { typeFit, typeOfNoun } from './answerTypes.ts';
import type { AnswerCandidate } from './candidate.ts';
import { SPAN_MARGIN_CAP, type SpanChoice } from './confidenceFeatures.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';
import { SPAN_FEATURES, sentenceMatches, spanFeatures } from './spanFeatures.ts';

/** A candidate with its span-model score (log-odds). */
export interface ScoredCandidate {
  candidate: AnswerCandidate;
  features: number[];
  score: number;
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
  const features = spanFeatures(sentenceMatches(sentence, analysis), candidates);
  return candidates
    .map((candidate, i) => ({ candidate, features: features[i]!, score: spanScore(analysis.expected, features[i]!, model) }))
    .sort((a, b) => b.score - a.score || a.candidate.start - b.candidate.start);
}

/**
 * Picks the candidate that answers the question: the one the span model (answerModel.json, fitted on
 * SQuAD's train articles) scores highest, with its share of the sentence's probability (a softmax over the
 * candidates) and its lead over the runner-up.
 */
export function chooseSpan(scored: readonly ScoredCandidate[], analysis: QuestionAnalysis): ChosenSpan | null {
  // A question that names the other party by its role ("Portugal's minister") rules out whom its words introduce.
  const left = namesOtherParty(analysis) ? scored.filter((c) => SPAN_FEATURES.value(c.features, 'otherParty') !== 1) : scored;
  const best = titleHolder(left, analysis) ?? left[0] ?? scored[0];
  if (!best) return null;
  // The probability and margin are among the candidates left in the running.
  const rivals = (left.length > 0 ? left : scored).filter((c) => c !== best);
  let total = 1;
  for (const { score } of rivals) total += Math.exp(score - best.score);
  return {
    candidate: best.candidate,
    probability: 1 / total,
    // With no rival the lead is as large as the answer model reads one.
    margin: rivals[0] ? Math.max(0, best.score - rivals[0].score) : SPAN_MARGIN_CAP,
    kind: best.candidate.kind,
    fit: typeFit(analysis.expected, best.candidate.type),
  };
}

/** "Who met Portugal's minister?": besides its head noun, the question names someone of the type it asks for. */
function namesOtherParty(analysis: QuestionAnalysis): boolean {
  return analysis.keywords.some((word) => {
    const lower = word.toLowerCase();
    if (lower === analysis.headNoun) return false;
    return (typeOfNoun(lower) ?? typeOfNoun(lower.replace(/s$/, ''))) === analysis.expected;
  });
}

/**
 * "Who is Iran's ICT minister?" over "Iran's Minister of … (ICT) asked Turkish Minister … Turhan": the
 * sentence gives the title asked about without its holder, whose name the sentences around give (a title
 * referent); for a "who is" question whose words the title holds, that referent answers.
 */
function titleHolder(scored: readonly ScoredCandidate[], analysis: QuestionAnalysis): ScoredCandidate | undefined {
  if (!analysis.copular) return undefined;
  return scored.find((c) => c.candidate.referent === 'title' && SPAN_FEATURES.value(c.features, 'titleReferent') >= 0.5);
}
