import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AnswerModel, loadAnswerModel } from '../../src/answer/answerModel.ts';
import { ANSWER_FEATURES, QUOTE_FEATURES } from '../../src/answer/confidenceFeatures.ts';
import { SPAN_FEATURES } from '../../src/answer/spanFeatures.ts';

/** A fresh copy of the committed model file, to spoil one way or another. */
const committed = (): AnswerModel => JSON.parse(readFileSync('src/answer/answerModel.json', 'utf8'));

/** The one line loading a spoilt copy fails with. */
function loadError(model: unknown): string {
  try {
    loadAnswerModel(model, 'answerModel.json');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the model loaded');
}

describe('loading the answer model', () => {
  it('loads the committed model, whose features are the tables’ names and scales in order', () => {
    const model = loadAnswerModel(committed(), 'answerModel.json');
    expect(model.span.features).toEqual(SPAN_FEATURES.recorded);
    expect(model.quote.features).toEqual(QUOTE_FEATURES.recorded);
    expect(model.answer.features).toEqual(ANSWER_FEATURES.recorded);
    expect(model.quote.features.find((f) => f.name === 'questionTerms')?.scale).toBe('min(x, 10) / 10');
    expect(model.answer.features.find((f) => f.name === 'spanMargin')?.scale).toBe('min(x, 5) / 5');
  });

  it('refuses a model whose two span features (with their weights) were swapped, naming the first one out of place', () => {
    const model = committed();
    const near = SPAN_FEATURES.column('near');
    const swap = <T>(values: T[]) => {
      [values[near], values[near + 1]] = [values[near + 1]!, values[near]!];
    };
    swap(model.span.features);
    swap(model.span.shared);
    for (const weights of Object.values(model.span.byType)) swap(weights);
    expect(loadError(model)).toBe(
      'corpus-qa: answerModel.json span model: feature 6 is "leftMatches" in the file but "near" in the engine; run npm run train',
    );
  });

  it('refuses a model fitted with another scale, naming the feature and both scales', () => {
    const model = committed();
    model.quote.features[QUOTE_FEATURES.column('questionTerms')]!.scale = 'min(x, 12) / 12';
    expect(loadError(model)).toBe(
      'corpus-qa: answerModel.json quote model: feature 9 "questionTerms" is scaled "min(x, 12) / 12" in the file but "min(x, 10) / 10" in the engine; run npm run train',
    );
  });

  it('refuses a model that lacks a feature of the engine, or has one the engine lacks', () => {
    const fewer = committed();
    fewer.answer.features.pop();
    fewer.answer.weights.pop();
    expect(loadError(fewer)).toBe(
      'corpus-qa: answerModel.json answer model: the engine\'s feature 10 "kindNoun" is not in the file; run npm run train',
    );
    const more = committed();
    more.answer.features.push({ name: 'codeBlock', scale: '1 or 0' });
    more.answer.weights.push(0.5);
    expect(loadError(more)).toBe(
      'corpus-qa: answerModel.json answer model: the file\'s feature 11 "codeBlock" is not in the engine; run npm run train',
    );
  });

  it('refuses a model file that records names without scales, as models fitted before scales were recorded do', () => {
    const model = committed() as unknown as { quote: { features: unknown[] } };
    model.quote.features = QUOTE_FEATURES.names.slice();
    expect(loadError(model)).toBe(
      'corpus-qa: answerModel.json quote model: feature 1 records no name and scale ("bias"); run npm run train',
    );
  });

  it('refuses a model with a weight missing for one answer type', () => {
    const model = committed();
    model.span.byType.date!.pop();
    expect(loadError(model)).toBe(
      `corpus-qa: answerModel.json span model: the byType.date weights are not ${SPAN_FEATURES.names.length} numbers, one per feature; run npm run train`,
    );
  });

  it('says what is wrong on one line, even when a name in the file holds a line break', () => {
    const model = committed();
    model.span.features[0]!.name = 'bias\nmore';
    const message = loadError(model);
    expect(message).toBe(
      'corpus-qa: answerModel.json span model: feature 1 is "bias\\nmore" in the file but "bias" in the engine; run npm run train',
    );
    expect(message).not.toContain('\n');
  });
});
