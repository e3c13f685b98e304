import { defineCommand } from '../../src/cli/commandLine.ts';

/** `--scale N` (scripts/eval/common.ts, `copyScaled`), copying before `step`. */
function scaleOption(step: string) {
  return {
    type: 'string',
    value: 'N',
    default: '1',
    description: `copy every corpus file N times (copy k under xk/) before ${step}`,
  } as const;
}

/** `npm run bench`: its flags and help (scripts/bench.ts says what it measures). */
export const benchCommand = defineCommand({
  run: 'npm run bench --',
  usage: ['--corpus DIR [--questions FILE.jsonl] [--scale N] [--limit Q] [--skip-names] [--json]'],
  summary: [
    'Measures build, snapshot, load, answer latency, heap and live reload on a real corpus, against plain minisearch',
    'over the same passages. Run under NODE_OPTIONS=--expose-gc for exact heap figures. docs/scale.md has the results.',
  ].join('\n'),
  options: {
    corpus: { type: 'string', value: 'DIR', description: 'the folder of documents to measure (required)' },
    questions: {
      type: 'string',
      value: 'FILE.jsonl',
      description: 'questions to answer, one {"question": …} per line',
      defaultText: 'the document titles',
    },
    scale: scaleOption('building'),
    limit: { type: 'string', value: 'Q', default: '2000', description: 'ask at most Q questions' },
    'skip-names': { type: 'boolean', description: 'leave out name recognition and the entity and title indexes (for runs at 1M passages)' },
    json: { type: 'boolean', description: 'print one JSON object of figures instead of the report' },
    // The fresh processes that load the snapshot and answer, and that build the plain baseline (`measureInChild`
    // in scripts/bench.ts); the value is the bench's work folder.
    'fresh-start': { type: 'string', value: 'WORK', description: 'internal: measure a fresh start', hidden: true },
    'plain-baseline': { type: 'string', value: 'WORK', description: 'internal: measure plain minisearch', hidden: true },
  },
  examples: ['NODE_OPTIONS=--expose-gc npm run bench -- --corpus ../shared/eval/news/corpus --scale 4'],
  docs: 'docs/scale.md',
});

/** `npm run bench:documents`: its flags and help (scripts/benchDocuments.ts says what it measures). */
export const benchDocumentsCommand = defineCommand({
  run: 'npm run bench:documents --',
  usage: ['[--corpus DIR] [--limit N] [--rounds R] [--pages P]'],
  summary: [
    'Measures reading documents: indexing the same articles as plain text, Markdown and HTML, and how long a',
    '200-page PDF holds the event loop while it is built and its names recognised.',
  ].join('\n'),
  options: {
    corpus: { type: 'string', value: 'DIR', default: 'corpus', description: 'a folder of .txt articles, headline on the first line' },
    limit: { type: 'string', value: 'N', default: '600', description: 'read at most N articles' },
    rounds: { type: 'string', value: 'R', default: '3', description: 'build each folder R times (after a warm-up) and report the median' },
    pages: { type: 'string', value: 'P', default: '200', description: 'pages of the generated PDF' },
  },
  examples: ['npm run bench:documents -- --corpus ../shared/eval/news/corpus --rounds 1'],
  docs: 'docs/scale.md',
});

/** `npm run bench:sync`: its flags and help (scripts/benchSync.ts says what it measures). */
export const benchSyncCommand = defineCommand({
  run: 'npm run bench:sync --',
  usage: ['[--pages N] [--rate R] [--json]'],
  summary: [
    'Measures the sync of a documentation site served on 127.0.0.1: the first sync, a re-sync of the unchanged',
    'site (every page a 304), and how soon after a sync a changed page is answered from its new text.',
  ].join('\n'),
  options: {
    pages: { type: 'string', value: 'N', default: '300', description: 'pages of the generated site' },
    rate: { type: 'string', value: 'R', description: 'requests a second', defaultText: "the sync's default, 2" },
    json: { type: 'boolean', description: 'print one JSON object of figures instead of the report' },
  },
  examples: ['npm run bench:sync -- --pages 300'],
  docs: 'docs/sync.md',
});

/** `npm run bench:jobs`: its flags and help (scripts/benchJobs.ts says what it measures). */
export const benchJobsCommand = defineCommand({
  run: 'npm run bench:jobs --',
  usage: ['--corpus DIR [--scale N] [--rounds R] [--jobs N]'],
  summary: [
    'Measures a cold build (index, then names) on one thread and on worker threads, alternately, each build in a',
    'fresh process: the time to the searchable index, the time to the entity index, and the total.',
  ].join('\n'),
  options: {
    corpus: { type: 'string', value: 'DIR', description: 'the folder of documents to build (required)' },
    scale: scaleOption('building'),
    rounds: { type: 'string', value: 'R', default: '2', description: 'build R times with each setting, alternately' },
    jobs: { type: 'string', value: 'N', description: 'worker threads of the parallel builds', defaultText: 'one per core' },
    // The fresh process of one build (`buildInChild` in scripts/benchJobs.ts); the value is the folder to build.
    build: { type: 'string', value: 'DIR', description: 'internal: time one build', hidden: true },
  },
  examples: ['npm run bench:jobs -- --corpus ../shared/eval/news/corpus --scale 5'],
  docs: 'docs/scale.md',
});

/** `npm run bench:postgres`: its flags and help (scripts/benchPostgres.ts says what it measures). */
export const benchPostgresCommand = defineCommand({
  run: 'npm run bench:postgres --',
  usage: ['[--squad DIR] [--every K] [--corpus DIR] [--scale N] [--limit Q] [--skip-names]'],
  summary: [
    'Measures search on PostgreSQL (DATABASE_URL, a database of its own: the bench writes its tables): SQuAD',
    'test-article top-1 and F1 against minisearch in the same run, then at scale the index time, database size,',
    'start time, RSS and answer latency for 1 and 8 concurrent askers. docs/scale.md has the results.',
  ].join('\n'),
  options: {
    squad: { type: 'string', value: 'DIR', description: 'the SQuAD eval folder (corpus/, questions.jsonl, split.json)' },
    every: { type: 'string', value: 'K', default: '3', description: 'ask every K-th SQuAD test question' },
    corpus: { type: 'string', value: 'DIR', description: 'the folder of documents for the scale figures' },
    scale: scaleOption('indexing'),
    limit: { type: 'string', value: 'Q', default: '400', description: 'answer Q questions (the documents’ first lines) per concurrency' },
    'skip-names': { type: 'boolean', description: 'answer without reading the entity index (at 1M passages it takes minutes and GBs)' },
    serve: { type: 'string', value: 'DIR', description: 'internal: open the index of DIR in a fresh process and answer', hidden: true },
  },
  examples: [
    'DATABASE_URL=postgres://localhost/bench npm run bench:postgres -- --squad ../shared/eval/squad --corpus ../shared/eval/news/corpus --scale 5',
  ],
  docs: 'docs/scale.md',
});
