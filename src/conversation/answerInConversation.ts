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
  if (turns.length === 0) return { ...answerQuestion(context, asked, withFeedbackFor(options, null)), interpreted: null, references: [] };
  const reading = readFollowUp(asked, turns);
  // Names spelled out can make a question longer than the limit; then it is answered as asked.
  const interpreted = reading.text.length <= maxQuestionChars && reading.text !== asked ? reading.text : null;
  // A reading holds words of earlier turns as their caller kept them, so it is normalised as a question is.
  const answered = interpreted === null ? asked : normalizeQuestion(interpreted, maxQuestionChars);
  const answer = answerQuestion(context, answered, { ...withFeedbackFor(options, interpreted), prefer: options.prefer ?? reading.prefer });
  return { ...answer, question: asked, interpreted, references: interpreted === null ? [] : reading.references };
}

/** The options with the feedback `feedbackFor` gives for the question as read, unless `feedback` is given. */
function withFeedbackFor(options: AnswerOptions, interpreted: string | null): AnswerOptions {
  if (options.feedback !== undefined || options.feedbackFor === undefined) return options;
  const feedback = options.feedbackFor(interpreted);
  return feedback ? { ...options, feedback } : options;
}

function turnsOf(after: AnswerOptions['after']): readonly Turn[] {
  if (after === undefined) return [];
  return isTurnList(after) ? after : [after];
}

function isTurnList(after: Turn | readonly Turn[]): after is readonly Turn[] {
  return Array.isArray(after);
}
