import { defineCommand } from '../../src/cli/commandLine.ts';

/** `npm run train`: its flags and help (scripts/train.ts says what it fits). */
export const trainCommand = defineCommand({
  run: 'npm run train --',
  usage: ['<squad folder> [--every K] [--seed N] [--out FILE]'],
  summary: [
    'Fits the answer model (the span ranker and the quote and answer confidences) on the SQuAD train articles',
    'only, seeded and reproducible; the test articles are never read.',
  ].join('\n'),
  options: {
    every: { type: 'string', value: 'K', default: '1', description: 'learn from every K-th train question' },
    seed: { type: 'string', value: 'N', default: '7', description: 'the random seed' },
    out: { type: 'string', value: 'FILE', description: 'where the model is written', defaultText: 'src/answer/answerModel.json' },
  },
  examples: ['npm run train -- ../shared/eval/squad'],
  docs: 'docs/quality.md',
});
