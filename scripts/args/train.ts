import { defineCommand } from '../../src/cli/commandLine.ts';

/** `npm run train`: its flags and help (scripts/train.ts says what it fits). */
export const trainCommand = defineCommand({
  run: 'npm run train --',
  usage: ['<squad folder> [--every K] [--seed N] [--out FILE] [--docs <project folder>]'],
  summary: [
    'Fits the answer model (the span ranker, the quote and answer confidences and the answerable model) on the',
    "SQuAD train articles only, and with --docs on one documentation project's help-channel questions too;",
    'seeded and reproducible; the test articles are never read. Report on the other project (npm run eval -- docs).',
  ].join('\n'),
  options: {
    every: { type: 'string', value: 'K', default: '1', description: 'learn from every K-th train question' },
    seed: { type: 'string', value: 'N', default: '7', description: 'the random seed' },
    out: { type: 'string', value: 'FILE', description: 'where the model is written', defaultText: 'src/answer/answerModel.json' },
    docs: {
      type: 'string',
      value: 'DIR',
      description: 'a documentation project (corpus/, questions.jsonl) the quote and answerable models learn from too',
    },
  },
  examples: ['npm run train -- ../shared/eval/squad --docs ../shared/eval/docs/vitest'],
  docs: 'docs/quality.md',
});
