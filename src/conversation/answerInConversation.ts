import type { Answer, AnswerOptions } from '../answer/answer.ts';
import { type AnswerContext, answerQuestion } from '../answer/answerQuestion.ts';
import { normalizeQuestion } from '../answer/normalizeQuestion.ts';
import { readFollowUp } from './readFollowUp.ts';
import type { Turn } from './turn.ts';

/**
 * Answers a question in its conversation (`options.after`): the follow-up is read against the earlier turns
 * (see `readFollowUp`) and the reading answered. Without earlier turns the question is answered exactly as
 * on its own. Throws InvalidQuestionError for an empty or oversized question.
 */
export function answerInConversation(context: AnswerContext, question: string, options: AnswerOptions = {}): Answer {
  const { maxQuestionChars } = context.options;
  const asked = normalizeQuestion(question, maxQuestionChars);
  const turns = turnsOf(options.after);
  if (turns.length === 0) return { ...answerQuestion(context, asked, options), interpreted: null, references: [] };
  const reading = readingOf(asked, turns, maxQuestionChars);
  // A reading holds words of earlier turns as their caller kept them, so it is normalised as a question is.
  const answered = reading.interpreted === null ? asked : normalizeQuestion(reading.interpreted, maxQuestionChars);
  const answer = answerQuestion(context, answered, { ...options, prefer: options.prefer ?? reading.prefer });
  return {
    ...answer,
    question: asked,
    interpreted: reading.interpreted,
    references: reading.interpreted === null ? [] : reading.references,
  };
}

/**
 * How a follow-up is read against its conversation (`after`), without answering it: the question as read,
 * or null when it is answered as asked. A caller looks up what depends on the reading (a server's feedback
 * for that question) before it asks for the answer. Throws InvalidQuestionError as `answerInConversation` does.
 */
export function interpretFollowUp(question: string, after: AnswerOptions['after'], maxQuestionChars: number): string | null {
  const turns = turnsOf(after);
  return turns.length === 0 ? null : readingOf(normalizeQuestion(question, maxQuestionChars), turns, maxQuestionChars).interpreted;
}

function readingOf(asked: string, turns: readonly Turn[], maxQuestionChars: number) {
  const reading = readFollowUp(asked, turns);
  // Names spelled out can make a question longer than the limit; then it is answered as asked.
  const interpreted = reading.text.length <= maxQuestionChars && reading.text !== asked ? reading.text : null;
  return { ...reading, interpreted };
}

function turnsOf(after: AnswerOptions['after']): readonly Turn[] {
  if (after === undefined) return [];
  return isTurnList(after) ? after : [after];
}

function isTurnList(after: Turn | readonly Turn[]): after is readonly Turn[] {
  return Array.isArray(after);
}
