import { type AnswerContext, answerQuestion } from '../answer/answerQuestion.ts';
import { normalizeQuestion } from '../answer/normalizeQuestion.ts';
import type { Answer, AnswerOptions } from '../answer/types.ts';
import { readFollowUp } from './readFollowUp.ts';
import type { Turn } from './types.ts';

/**
 * Answers a question in its conversation (`options.after`): the follow-up is read against the earlier turns
 * (see `readFollowUp`) and the reading answered. Without earlier turns the question is answered exactly as
 * on its own. Throws InvalidQuestionError for an empty or oversized question.
 */
export function answerInConversation(context: AnswerContext, question: string, options: AnswerOptions = {}): Answer {
  const turns = turnsOf(options.after);
  if (turns.length === 0) return { ...answerQuestion(context, question, options), interpreted: null, references: [] };
  const asked = normalizeQuestion(question, context.options.maxQuestionChars);
  const reading = readFollowUp(asked, turns);
  // Names spelled out can make a question longer than the limit; then it is answered as asked.
  const fits = reading.text.length <= context.options.maxQuestionChars;
  const answer = answerQuestion(context, fits ? reading.text : asked, { ...options, prefer: options.prefer ?? reading.prefer });
  const interpreted = fits && reading.text !== asked ? reading.text : null;
  return { ...answer, question: asked, interpreted, references: interpreted === null ? [] : reading.references };
}

function turnsOf(after: AnswerOptions['after']): readonly Turn[] {
  if (after === undefined) return [];
  return isTurnList(after) ? after : [after];
}

function isTurnList(after: Turn | readonly Turn[]): after is readonly Turn[] {
  return Array.isArray(after);
}
