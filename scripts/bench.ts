/**
 * Measures build, snapshot and answer speed on a real corpus (a script, not a timed test: figures vary by
 * machine). See README, "Scale".
 *
 *   npm run bench -- --corpus DIR [--questions FILE.jsonl] [--scale N] [--limit Q] [--json]
 *
 * `--scale N` copies every corpus file N times into a temporary folder, copy k under `xk/`, so ids stay
 * distinct and the build goes through the same file pipeline as a real corpus. Questions come from a JSON-lines
 * file (`{"question": ...}` per line); without one, the document titles are asked. Loading, heap and latency
 * are measured in a fresh process, as a restarted bot sees them. Run under `node --expose-gc`
 * (`NODE_OPTIONS=--expose-gc npm run bench ...`) for exact heap figures.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { Engine } from '../src/engine.ts';
import { InvalidQuestionError } from '../src/errors.ts';
import { EventLoopDelayMonitor } from '../src/eventLoopDelay.ts';
import { resolveOptions } from '../src/options.ts';
import { corpusFingerprint } from '../src/snapshot/fingerprint.ts';
import { loadSnapshot, saveSnapshot } from '../src/snapshot/store.ts';
import { normalizeTerm, tokenize } from '../src/text/terms.ts';

const USAGE = 'usage: npm run bench -- --corpus DIR [--questions FILE.jsonl] [--scale N] [--limit Q] [--json]';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    corpus: { type: 'string' },
    questions: { type: 'string' },
    scale: { type: 'string', default: '1' },
    limit: { type: 'string', default: '2000' },
    json: { type: 'boolean', default: false },
    // Internal: the fresh process that loads the snapshot and answers (see `measureFreshStart`).
    'fresh-start': { type: 'string' },
  },
});
const scale = Number(values.scale);
const limit = Number(values.limit);
if (values.corpus === undefined || !Number.isInteger(scale) || scale < 1 || !Number.isInteger(limit) || limit < 1) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const log = (line: string): void => {
  if (!values.json) process.stdout.write(`${line}\n`);
};
const gc = (globalThis as { gc?: () => void }).gc;
const heapUsed = (): number => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

/** What the fresh process measures and sends back as one JSON line. */
interface FreshStart {
  loadMs: number;
  loadDelayMs: number;
  baselineBytes: number;
  heapBytes: number;
  entitiesMs: number;
  entitiesHeapBytes: number;
  servingHeapBytes: number;
  questions: number;
  answerMs: number[];
  rawMs: number[];
}

if (values['fresh-start'] !== undefined) {
  process.stdout.write(`${JSON.stringify(await freshStart(values.corpus, values['fresh-start']))}\n`);
} else {
  const work = await mkdtemp(join(tmpdir(), 'corpus-qa-bench-'));
  try {
    await run(values.corpus, work);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 2;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function run(source: string, work: string): Promise<void> {
  let corpus = source;
  if (scale > 1) {
    corpus = join(work, 'corpus');
    for (let copy = 0; copy < scale; copy += 1) await cp(source, join(corpus, `x${copy}`), { recursive: true });
    log(`corpus: ${source} copied ${scale} times into ${corpus}/x0..x${scale - 1}`);
  }

  const buildDelay = new EventLoopDelayMonitor();
  buildDelay.start();
  let started = performance.now();
  const built = await Engine.fromFolder(corpus);
  const buildMs = performance.now() - started;
  const buildDelayMs = buildDelay.finish()?.maxMs ?? 0;
  const passages = built.documents.reduce((sum, document) => sum + document.passages.length, 0);
  const corpusBytes = built.documents.reduce((sum, document) => sum + Buffer.byteLength(document.text), 0);
  log(`${built.documents.length} documents, ${passages} passages, ${mb(corpusBytes)} MB`);
  log(
    `build (sliced): ${ms(buildMs)} ms, ${(corpusBytes / 1e6 / (buildMs / 1000)).toFixed(2)} MB/s, worst event-loop delay ${ms(buildDelayMs)} ms`,
  );
  started = performance.now();
  await built.prepareEntities();
  const namesMs = performance.now() - started;
  const sentences = built.documents.reduce(
    (sum, document) => sum + document.passages.reduce((n, passage) => n + passage.sentences.length, 0),
    0,
  );
  log(`entity names recognised (sliced): ${ms(namesMs)} ms, ${((namesMs * 1000) / sentences).toFixed(0)} µs a sentence`);

  const snapshotDir = join(work, 'snapshot');
  started = performance.now();
  const saved = await saveSnapshot(snapshotDir, built, await corpusFingerprint(corpus, built.options));
  log(`snapshot: ${mb(saved.bytes)} MB written in ${ms(performance.now() - started)} ms`);

  const fresh = await measureFreshStart(corpus, snapshotDir);
  const { loadMs, baselineBytes } = fresh;
  // The snapshot stands for both the index build and name recognition, so loading is compared to both.
  const speedup = (buildMs + namesMs) / loadMs;
  log(
    `fresh process: load ${ms(loadMs)} ms (${speedup.toFixed(1)}x faster than build + names), worst event-loop delay ${ms(fresh.loadDelayMs)} ms`,
  );
  log(`heap after load: ${describeHeap(fresh.heapBytes, baselineBytes, corpusBytes)}`);
  log(
    `entity index from the stored names: ${ms(fresh.entitiesMs)} ms; heap with it: ${describeHeap(fresh.entitiesHeapBytes, baselineBytes, corpusBytes)}`,
  );
  log(`heap after answering ${fresh.questions} questions: ${describeHeap(fresh.servingHeapBytes, baselineBytes, corpusBytes)}`);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(fresh.answerMs, p)) as [number, number, number];
  const [rawP50, rawP95, rawP99] = [50, 95, 99].map((p) => percentile(fresh.rawMs, p)) as [number, number, number];
  log(`answer latency: p50 ${ms(p50, 2)} ms, p95 ${ms(p95, 2)} ms, p99 ${ms(p99, 2)} ms`);
  log(`raw minisearch search: p50 ${ms(rawP50, 2)} ms, p95 ${ms(rawP95, 2)} ms, p99 ${ms(rawP99, 2)} ms`);
  log(`ratio answer/raw: p50 ${(p50 / rawP50).toFixed(2)}, p99 ${(p99 / rawP99).toFixed(2)}`);
  if (values.json) {
    const result = {
      passages,
      corpus_bytes: corpusBytes,
      build_ms: round(buildMs),
      load_ms: round(loadMs),
      snapshot_bytes: saved.bytes,
      heap_bytes: fresh.heapBytes,
      p50_ms: round(p50, 3),
      p95_ms: round(p95, 3),
      p99_ms: round(p99, 3),
      raw_p50_ms: round(rawP50, 3),
      raw_p99_ms: round(rawP99, 3),
      names_ms: round(namesMs),
      entities_from_snapshot_ms: round(fresh.entitiesMs),
      heap_with_entities_bytes: fresh.entitiesHeapBytes,
      heap_serving_bytes: fresh.servingHeapBytes,
      heap_baseline_bytes: baselineBytes,
      build_max_event_loop_delay_ms: round(buildDelayMs),
      load_max_event_loop_delay_ms: round(fresh.loadDelayMs),
      questions: fresh.questions,
      scale,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

/**
 * Runs this script again in a new process to load the snapshot and answer: a restarted bot holds only what
 * loading creates, while this process still holds the build's leftovers (the sentence splitter, caches).
 */
async function measureFreshStart(corpus: string, snapshotDir: string): Promise<FreshStart> {
  const args = [...process.argv.slice(2).filter((arg) => arg !== '--json'), '--corpus', corpus, '--fresh-start', snapshotDir];
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`the fresh-start process exited with ${code}`);
  return JSON.parse(output.trim().split('\n').at(-1)!) as FreshStart;
}

async function freshStart(corpus: string, snapshotDir: string): Promise<FreshStart> {
  const baselineBytes = heapUsed();
  const loadDelay = new EventLoopDelayMonitor();
  loadDelay.start();
  let started = performance.now();
  const engine = await loadSnapshot(snapshotDir, await corpusFingerprint(corpus, resolveOptions({})), resolveOptions({}));
  const loadMs = performance.now() - started;
  const loadDelayMs = loadDelay.finish()?.maxMs ?? 0;
  const heapBytes = heapUsed();
  started = performance.now();
  await engine.prepareEntities();
  const entitiesMs = performance.now() - started;
  const entitiesHeapBytes = heapUsed();
  const questions = await loadQuestions(engine);
  const answerMs = time(questions, (question) => {
    try {
      engine.answer(question);
    } catch (error) {
      if (!(error instanceof InvalidQuestionError)) throw error;
    }
  });
  const servingHeapBytes = heapUsed();
  const raw = rawMiniSearch(engine);
  const rawMs = time(questions, (question) => raw.search(question));
  return {
    loadMs,
    loadDelayMs,
    baselineBytes,
    heapBytes,
    entitiesMs,
    entitiesHeapBytes,
    servingHeapBytes,
    questions: questions.length,
    answerMs,
    rawMs,
  };
}

/**
 * minisearch over the same passages, fields, term pipeline and BM25+ parameters as the engine's index, which
 * scores identically (test/core/bm25Index.test.ts): the library baseline that answer latency is compared to.
 */
function rawMiniSearch(engine: Engine): MiniSearch<{ id: number; title: string; text: string }> {
  const raw = new MiniSearch<{ id: number; title: string; text: string }>({
    fields: ['title', 'text'],
    tokenize,
    processTerm: normalizeTerm,
    searchOptions: { bm25: engine.options.bm25, boost: { title: engine.options.titleBoost } },
  });
  let id = 0;
  for (const document of engine.documents) {
    raw.addAll(document.passages.map((passage) => ({ id: id++, title: document.title, text: passage.text })));
  }
  return raw;
}

async function loadQuestions(engine: Engine): Promise<string[]> {
  if (values.questions === undefined) {
    log('no --questions file: asking the document titles instead');
    return engine.documents.slice(0, limit).map((document) => document.title);
  }
  const text = await readFile(values.questions, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`questions file not found or unreadable: ${values.questions} (${error.code ?? error.message})`);
  });
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { question: string }).question)
    .slice(0, limit);
}

/** Per-call times in ms, after a warm-up pass over the first 50 so JIT compilation is not measured. */
function time(questions: readonly string[], call: (question: string) => unknown): number[] {
  for (const question of questions.slice(0, 50)) call(question);
  return questions.map((question) => {
    const started = performance.now();
    call(question);
    return performance.now() - started;
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function describeHeap(heapBytes: number, baseline: number, corpusBytes: number): string {
  const engineBytes = heapBytes - baseline;
  const exact = gc ? '' : ' [no --expose-gc: approximate]';
  return `${mb(heapBytes)} MB (${(heapBytes / corpusBytes).toFixed(1)} B per corpus byte; engine alone ${mb(engineBytes)} MB, ${(engineBytes / corpusBytes).toFixed(1)} B/B)${exact}`;
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

function ms(value: number, digits = 0): string {
  return value.toFixed(digits);
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
