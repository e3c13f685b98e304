import { defineCommand } from '../../src/cli/commandLine.ts';

/**
 * `npm run eval`: its flags and help. Each set reads the flags it names (scripts/eval/*.ts); this definition
 * is the union, so an unknown flag is caught before any data is read.
 */
export const evalCommand = defineCommand({
  run: 'npm run eval --',
  usage: [
    'seed <questions.jsonl> [--corpus DIR] [--quiet]',
    'wikiqa <split.filtered.jsonl>',
    'squad <squad folder> [--split test|train|all] [--every K] [--limit N] [--dump FILE.jsonl] [--holdout 1]',
    'docs <project folder> [--dump FILE.jsonl] [--quiet]',
    'followups <pairs.jsonl> [--corpus DIR] [--repeat N]',
    'report <eval folder>',
  ],
  summary: [
    'Evaluates answers on a data set kept outside the repository (pass its path): seed (answers, short answers',
    'and abstention over the example corpus), wikiqa (answer-sentence selection: MAP, MRR), squad (open-corpus QA:',
    'quote, cited paragraph, short answer EM/F1, calibration, latency), docs (help-channel questions over a',
    "project's documentation, scored as the set's own scorer: quote right, top-3, right page, abstention, ECE),",
    'followups (follow-up questions with and without their conversation), report (all of them as docs/quality.md',
    'reports them). Every set takes --options.',
  ].join('\n'),
  options: {
    options: { type: 'string', value: 'JSON', description: 'engine option overrides, as JSON: \'{"abstainBelow":0.3}\'' },
    corpus: { type: 'string', value: 'DIR', description: 'seed: the corpus (default: corpus); followups: the BBC articles added to it' },
    quiet: { type: 'boolean', description: 'seed, docs: print the summary alone' },
    split: { type: 'string', value: 'SPLIT', description: 'squad: test, train or all', defaultText: 'test' },
    every: { type: 'string', value: 'K', description: 'squad: every K-th question', defaultText: '1' },
    limit: { type: 'string', value: 'N', description: 'squad: at most N questions' },
    dump: { type: 'string', value: 'FILE.jsonl', description: "squad, docs: write each question's result as a JSON line" },
    holdout: { type: 'string', value: '1', description: 'squad: index half of the articles and measure abstention on the other half' },
    repeat: { type: 'string', value: 'N', description: 'followups: also time each question over N rounds' },
  },
  examples: [
    'npm run eval -- seed scripts/eval/data/shipped-dev.jsonl',
    'npm run eval -- squad ../shared/eval/squad --split test --every 3',
    'npm run eval -- docs ../shared/eval/docs/fastify',
  ],
  docs: 'docs/quality.md',
});
