/**
 * Measures search on PostgreSQL (a script, not a timed test: figures vary by machine). See docs/scale.md.
 *
 *   DATABASE_URL=… npm run bench:postgres -- [--squad DIR] [--every K] [--corpus DIR] [--scale N] [--limit Q] [--skip-names]
 *
 * With `--squad`: the SQuAD test articles' questions (every K-th) answered by minisearch and by PostgreSQL over
 * the same paragraphs, in this run: top-1 (the quote holds a gold answer; an abstention is wrong), short answer
 * F1, and how often the two quote the same text. With `--corpus`: the folder copied `--scale` times (copy k
 * under `xk/`), indexed to PostgreSQL (time, passages, database size), then, in a fresh process as a restarted
 * bot sees it, the start time, RSS, the entity index's reading time and RSS (unless `--skip-names`), and answer latency (p50, p99) with 1 and then 8 askers at once, the
 * documents' first lines as questions.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { commandLineOrExit } from '../src/cli/commandLine.ts';
import { readEnvironment, readSearchEnvironment } from '../src/doors/environment.ts';
import { Engine } from '../src/engine.ts';
import { InvalidQuestionError } from '../src/errors.ts';
import { indexFolderToPostgres } from '../src/postgresSearch/indexFolder.ts';
import { openPostgresEngine } from '../src/postgresSearch/openEngine.ts';
import { createProgressReporter } from '../src/progress.ts';
import { benchPostgresCommand } from './args/bench.ts';
import { copyScaled, fixed, percentile } from './eval/common.ts';
import { bestF1, holdsGold, loadSquadQuestions } from './eval/squadData.ts';

const { values } = commandLineOrExit(benchPostgresCommand, process.argv.slice(2));
const { settings, problems } = readSearchEnvironment(readEnvironment());
const url = settings.databaseUrl;
if (url === null || problems.length > 0) stop(problems[0]?.message ?? 'set DATABASE_URL to a database of its own for the bench');
const limit = Number(values.limit);

if (values.serve !== undefined) {
  await serve(values.serve);
} else {
  if (values.squad === undefined && values.corpus === undefined) stop('give --squad DIR, --corpus DIR, or both');
  if (values.squad !== undefined) await benchSquad(values.squad, Number(values.every));
  if (values.corpus !== undefined) await benchScale(values.corpus, Number(values.scale));
}

function stop(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

/** SQuAD test articles: minisearch and PostgreSQL over the same paragraphs, question by question. */
async function benchSquad(dir: string, every: number): Promise<void> {
  const corpus = join(dir, 'corpus');
  if (!existsSync(corpus) || !existsSync(join(dir, 'questions.jsonl'))) stop(`no SQuAD eval data in ${dir} (corpus/ and questions.jsonl)`);
  const questions = loadSquadQuestions(dir, { split: 'test', every });
  let started = performance.now();
  const embedded = await Engine.fromFolder(corpus);
  const buildMs = performance.now() - started;
  started = performance.now();
  const indexed = await indexFolderToPostgres(url!, corpus);
  const indexMs = performance.now() - started;
  const stored = await openPostgresEngine(url!, corpus);
  const score = { minisearch: { top1: 0, f1: 0, ms: [] as number[] }, postgres: { top1: 0, f1: 0, ms: [] as number[] } };
  let sameQuote = 0;
  for (const question of questions) {
    const t0 = performance.now();
    const inMemory = embedded.answer(question.question, { top: 1 });
    const t1 = performance.now();
    const fromDatabase = await stored.engine.ask(question.question, { top: 1 });
    const t2 = performance.now();
    for (const [name, answer, ms] of [
      ['minisearch', inMemory, t1 - t0],
      ['postgres', fromDatabase, t2 - t1],
    ] as const) {
      score[name].top1 += answer.answered && holdsGold(answer.quote ?? '', question.answers) ? 1 : 0;
      score[name].f1 += answer.answer === null ? 0 : bestF1(answer.answer, question.answers);
      score[name].ms.push(ms);
    }
    if (inMemory.quote === fromDatabase.quote) sameQuote += 1;
  }
  await stored.close();
  const n = questions.length || 1;
  console.log(
    `SQuAD test, every ${every}: ${questions.length} questions over ${indexed.passages} passages (minisearch built in ${fixed(buildMs / 1000, 1)} s, PostgreSQL indexed in ${fixed(indexMs / 1000, 1)} s)`,
  );
  for (const [name, figures] of Object.entries(score)) {
    console.log(
      `  ${name.padEnd(10)} top-1 ${fixed(figures.top1 / n)}  F1 ${fixed((100 * figures.f1) / n, 1)}  answer p50 ${fixed(percentile(figures.ms, 50), 1)} ms, p99 ${fixed(percentile(figures.ms, 99), 1)} ms`,
    );
  }
  console.log(`  same quote from both: ${fixed(sameQuote / n)}`);
}

/** The corpus ×`scale` indexed to PostgreSQL, then served from a fresh process. */
async function benchScale(source: string, scale: number): Promise<void> {
  if (!existsSync(source)) stop(`corpus folder not found: ${source}`);
  const corpus = await mkdtemp(join(tmpdir(), 'corpus-qa-bench-postgres-'));
  try {
    await copyScaled(source, corpus, scale);
    const started = performance.now();
    const progress = createProgressReporter(process.stderr);
    const indexed = await indexFolderToPostgres(url!, corpus, { jobs: 2, onBuildProgress: progress.update });
    progress.finish();
    const indexMs = performance.now() - started;
    const size = await databaseSize();
    console.log(
      `${source} ×${scale}: ${indexed.documents} documents, ${indexed.passages} passages indexed to PostgreSQL in ${fixed(indexMs / 1000, 1)} s; database ${fixed(size / 1e6, 0)} MB`,
    );
    const again = performance.now();
    const unchanged = await indexFolderToPostgres(url!, corpus, { jobs: 2 });
    console.log(
      `  again, nothing changed: ${unchanged.unchanged} unchanged, ${unchanged.analyzed} analyzed, ${unchanged.written} written, in ${fixed((performance.now() - again) / 1000, 1)} s`,
    );
    const serving = ['--serve', corpus, '--limit', String(limit), ...(values['skip-names'] ? ['--skip-names'] : [])];
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...serving], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await new Promise((resolve) => child.once('exit', resolve));
  } finally {
    await rm(corpus, { recursive: true, force: true });
  }
}

/** In a fresh process: opens the index of `corpus`, then answers its documents' first lines with 1 and 8 askers. */
async function serve(corpus: string): Promise<void> {
  const started = performance.now();
  const { engine, retriever, close } = await openPostgresEngine(url!, corpus);
  const startMs = performance.now() - started;
  const questions = await firstLines(corpus, limit);
  console.log(`  start: ${fixed(startMs, 0)} ms, RSS ${fixed(process.memoryUsage().rss / 1e6, 0)} MB`);
  const names = !values['skip-names'];
  if (names) {
    const reading = performance.now();
    const entities = await engine.prepareEntities();
    console.log(
      `  entity index: ${entities.list().length} entities read from the database in ${fixed(performance.now() - reading, 0)} ms, RSS ${fixed(process.memoryUsage().rss / 1e6, 0)} MB`,
    );
  }
  for (const askers of [1, 8]) {
    // Each round from cold: no retrieval or document kept from the round before. Forgetting reads the
    // entity index again, as after a change: the round waits for it, as a bot answers with one.
    retriever.forget(null);
    if (names) await engine.prepareEntities();
    const ms: number[] = [];
    let next = 0;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: askers }, async () => {
        while (next < questions.length) {
          const question = questions[next++]!;
          const t0 = performance.now();
          await engine.ask(question).catch((error: unknown) => {
            if (!(error instanceof InvalidQuestionError)) throw error;
          });
          ms.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    console.log(
      `  ${askers} asker${askers > 1 ? 's' : ''}: ${ms.length} answers, p50 ${fixed(percentile(ms, 50), 1)} ms, p99 ${fixed(percentile(ms, 99), 1)} ms, ${fixed(ms.length / seconds, 1)} answers/s, RSS ${fixed(process.memoryUsage().rss / 1e6, 0)} MB`,
    );
  }
  await close();
}

/** The first line of each document (a BBC article's headline), up to `count`, from every copy in turn. */
async function firstLines(corpus: string, count: number): Promise<string[]> {
  const lines: string[] = [];
  for (const copy of (await readdir(corpus)).sort()) {
    for (const file of (await readdir(join(corpus, copy), { recursive: true })).sort()) {
      if (!file.endsWith('.txt')) continue;
      const line = (await readFile(join(corpus, copy, file), 'utf8')).split('\n')[0]!.trim();
      if (line !== '') lines.push(line);
      if (lines.length >= count) return lines;
    }
  }
  return lines;
}

async function databaseSize(): Promise<number> {
  const client = new pg.Client({ connectionString: url! });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    return Number(rows[0]!.bytes);
  } finally {
    await client.end();
  }
}
