import trained from './answerModel.json' with { type: 'json' };
import type { AnswerType } from './candidate.ts';
import { ANSWER_FEATURES, QUOTE_FEATURES } from './confidenceFeatures.ts';
import { disagreement, type FeatureTable, type RecordedFeature } from './featureTable.ts';
import { SPAN_FEATURES } from './spanFeatures.ts';

/** A logistic regression: one weight per feature, in the order the file records them. */
export interface LogisticModel {
  features: RecordedFeature[];
  weights: number[];
}

/**
 * The learned parts of answering, fitted by `npm run train` on the SQuAD train articles and committed as
 * answerModel.json: the span model (shared weights plus a correction per expected answer type) scores each
 * candidate; the quote and answer models turn evidence into the two confidences; the answerable model, from
 * the quote's evidence, tells whether the corpus answers the question at all (the engine abstains when it
 * does not). Each records the names and scales of the features its weights were fitted to
 * (`SPAN_FEATURES`, `QUOTE_FEATURES` for the quote and answerable models, `ANSWER_FEATURES`).
 */
export interface AnswerModel {
  /** How it was fitted (data, seed, sizes), for the record. */
  trainedOn: string;
  span: { features: RecordedFeature[]; shared: number[]; byType: Partial<Record<AnswerType, number[]>> };
  quote: LogisticModel;
  /** P(the corpus holds the answer), from the same evidence as the quote model: a quote can miss an answer the corpus has. */
  answerable: LogisticModel;
  answer: LogisticModel;
}

/**
 * A model read from a file (`file` names it in errors), checked against the engine's feature tables. Throws
 * one line naming the model and its first feature that disagrees (added, removed, moved or rescaled since
 * the file was fitted), with what to do.
 */
export function loadAnswerModel(json: unknown, file: string): AnswerModel {
  const model = json as AnswerModel;
  const byType = Object.entries(model.span?.byType ?? {}).map(([type, weights]) => [`byType.${type}`, weights]);
  check(file, SPAN_FEATURES, model.span, { shared: model.span?.shared, ...Object.fromEntries(byType) });
  check(file, QUOTE_FEATURES, model.quote, { weights: model.quote?.weights });
  check(file, QUOTE_FEATURES, model.answerable, { weights: model.answerable?.weights }, 'answerable');
  check(file, ANSWER_FEATURES, model.answer, { weights: model.answer?.weights });
  return model;
}

function check(
  file: string,
  table: Pick<FeatureTable<never, string>, 'model' | 'recorded'>,
  part: { features?: unknown } | undefined,
  weights: Record<string, unknown>,
  name: string = table.model,
): void {
  const problem = (() => {
    if (!Array.isArray(part?.features)) return 'records no features';
    const recorded: RecordedFeature[] = [];
    for (const [i, feature] of part.features.entries()) {
      if (typeof feature?.name !== 'string' || typeof feature?.scale !== 'string') {
        return `feature ${i + 1} records no name and scale (${JSON.stringify(feature)})`;
      }
      recorded.push(feature);
    }
    const differs = disagreement(table.recorded, recorded);
    if (differs) return differs;
    for (const [name, values] of Object.entries(weights)) {
      if (!Array.isArray(values) || values.length !== recorded.length || values.some((w) => typeof w !== 'number')) {
        return `the ${name} weights are not ${recorded.length} numbers, one per feature`;
      }
    }
    return null;
  })();
  if (problem) throw new Error(`corpus-qa: ${file} ${name} model: ${problem}; run npm run train`);
}

let committed: AnswerModel | undefined;

/** The committed model (answerModel.json), checked against the engine's features on first use. */
export function committedAnswerModel(): AnswerModel {
  committed ??= loadAnswerModel(trained, 'answerModel.json');
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
