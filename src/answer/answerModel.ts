import trained from './answerModel.json' with { type: 'json' };
import type { AnswerType } from './candidate.ts';
import { ANSWER_FEATURES, QUOTE_FEATURES } from './confidenceFeatures.ts';
import { SPAN_FEATURES } from './spanFeatures.ts';

/** A logistic regression: one weight per named feature. */
export interface LogisticModel {
  features: string[];
  weights: number[];
}

/**
 * The learned parts of answering, fitted by `npm run train` on the SQuAD train articles and committed as
 * answerModel.json: the span model (shared weights plus a correction per expected answer type) scores each
 * candidate; the quote and answer models turn evidence into the two confidences.
 */
export interface AnswerModel {
  /** How it was fitted (data, seed, sizes), for the record. */
  trainedOn: string;
  span: { features: string[]; shared: number[]; byType: Partial<Record<AnswerType, number[]>> };
  quote: LogisticModel;
  answer: LogisticModel;
}

function checked(model: AnswerModel): AnswerModel {
  const expect = (name: string, actual: readonly string[], wanted: readonly string[], weights: readonly number[][]) => {
    if (actual.join() !== wanted.join() || weights.some((w) => w.length !== wanted.length)) {
      throw new Error(`corpus-qa: answerModel.json ${name} model does not match the engine's features; run npm run train`);
    }
  };
  expect('span', model.span.features, SPAN_FEATURES, [model.span.shared, ...Object.values(model.span.byType)]);
  expect('quote', model.quote.features, QUOTE_FEATURES, [model.quote.weights]);
  expect('answer', model.answer.features, ANSWER_FEATURES, [model.answer.weights]);
  return model;
}

let committed: AnswerModel | undefined;

/** The committed model (answerModel.json), checked against the engine's features on first use. */
export function committedAnswerModel(): AnswerModel {
  committed ??= checked(trained as AnswerModel);
  return committed;
}

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function dot(weights: readonly number[], features: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < features.length; i += 1) sum += (weights[i] ?? 0) * features[i]!;
  return sum;
}

/** The span model's score (log-odds that the candidate is the answer) for a question expecting `type`. */
export function spanScore(type: AnswerType, features: readonly number[], model: AnswerModel): number {
  const byType = model.span.byType[type];
  return dot(model.span.shared, features) + (byType ? dot(byType, features) : 0);
}
