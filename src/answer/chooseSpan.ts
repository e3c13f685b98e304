import type { TextSpan } from '../corpus/types.ts';
import { termsOf } from '../text/terms.ts';
import type { AnalyzedSentence } from '../text/tokens.ts';
import type { QuestionAnalysis } from './analyzeQuestion.ts';
import type { AnswerCandidate } from './answerCandidates.ts';

/** Words read on each side of a candidate to see what the sentence says of it. */
const CONTEXT_TOKENS = 8;

/**
 * Picks the candidate that answers the question. Candidates made only of question words are out (the question
 * already holds them). The words around a candidate tell who it is: for "who met Portugal's minister?" the
 * person introduced as "Minister … of Portugal" is the one asked about, not the answer, so for non-copular
 * questions shared context counts against a candidate; for "who is the Deputy Minister…?" it counts for it.
 * Nearness to the question's words breaks the remaining ties, then position.
 */
export function chooseSpan(
  sentence: AnalyzedSentence,
  candidates: readonly AnswerCandidate[],
  analysis: QuestionAnalysis,
): AnswerCandidate | null {
  const questionTerms = new Set(analysis.terms);
  const fresh = candidates.filter((candidate) => termsOf(candidate.text).some((term) => !questionTerms.has(term)));
  let best: { candidate: AnswerCandidate; score: number } | null = null;
  for (const candidate of fresh) {
    const shared = sharedContext(sentence, candidate, questionTerms);
    const distance = distanceToQuestionWords(sentence, candidate, questionTerms);
    const score = (analysis.copular ? shared : -shared) - distance / 100;
    if (best === null || score > best.score) best = { candidate, score };
  }
  return best?.candidate ?? null;
}

function sharedContext(sentence: AnalyzedSentence, span: TextSpan, questionTerms: Set<string>): number {
  const { tokens } = sentence;
  const first = tokens.findIndex((token) => token.end > span.start);
  const last = tokens.findLastIndex((token) => token.start < span.end);
  const context = new Set<string>();
  for (let i = first - 1; i >= 0 && i >= first - CONTEXT_TOKENS; i -= 1) {
    const token = tokens[i]!;
    if (token.pos === 'VERB' || token.pos === 'AUX' || (token.pos === 'PUNCT' && token.value !== '-')) break;
    if (token.term !== null) context.add(token.term);
  }
  if (tokens[last + 1]?.value === ',') {
    for (let i = last + 2; i < tokens.length && i <= last + 1 + CONTEXT_TOKENS; i += 1) {
      const token = tokens[i]!;
      if (token.pos === 'VERB' || token.pos === 'AUX' || token.pos === 'PUNCT') break;
      if (token.term !== null) context.add(token.term);
    }
  }
  let shared = 0;
  for (const term of context) if (questionTerms.has(term)) shared += 1;
  return shared;
}

function distanceToQuestionWords(sentence: AnalyzedSentence, span: TextSpan, questionTerms: Set<string>): number {
  let best = sentence.tokens.length;
  sentence.tokens.forEach((token, i) => {
    if (token.term === null || !questionTerms.has(token.term)) return;
    if (token.start >= span.start && token.end <= span.end) return;
    const spanIndex = sentence.tokens.findIndex((t) => t.end > span.start);
    best = Math.min(best, Math.abs(i - spanIndex));
  });
  return best;
}
