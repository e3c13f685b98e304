/**
 * Measures build, snapshot and answer speed on a real corpus (a script, not a timed test: figures vary by
 * machine). See README, "Scale".
 *
 *   npm run bench -- --corpus DIR [--questions FILE.jsonl] [--scale N] [--limit Q] [--skip-names] [--json]
 *
 * `--scale N` copies every corpus file N times into a temporary folder, copy k under `xk/`, so ids stay
 * distinct and the build goes through the same file pipeline as a real corpus. Questions come from a JSON-lines
 * file (`{"question": ...}` per line); without one, the document titles are asked. Loading, heap, latency and
 * the live reload of one edited file are measured in a fresh process, as a restarted bot sees them; the
 * baseline, plain minisearch over the same passages (heap with the passage texts, and search latency with all
 * question words), in another. Run under `node --expose-gc` (`NODE_OPTIONS=--expose-gc npm run bench ...`)
 * for exact heap figures. `--skip-names` leaves out name recognition and the entity and title indexes (for
 * runs at a million passages, where recognising names alone takes most of an hour on a busy 2-core machine).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { commandLineOrExit, usageLine } from '../src/cli/commandLine.ts';
import { statCorpusFiles } from '../src/corpus/listCorpusFiles.ts';
import { Engine } from '../src/engine.ts';
import { InvalidQuestionError } from '../src/errors.ts';
import { EventLoopDelayMonitor } from '../src/eventLoopDelay.ts';
import { resolveOptions } from '../src/options.ts';
import { describeSnapshotEvent, type SnapshotEvent, snapshotDirFor } from '../src/snapshot/cachedEngine.ts';
import { currentSources, fingerprintOfSources } from '../src/snapshot/fingerprint.ts';
import { saveSnapshot } from '../src/snapshot/store.ts';
import { normalizeTerm, tokenize } from '../src/text/terms.ts';
import { LiveEngine, type ReloadReport } from '../src/watch/liveEngine.ts';
import { benchCommand } from './args/bench.ts';
import { copyScaled } from './eval/common.ts';

const { values } = commandLineOrExit(benchCommand, process.argv.slice(2));
const scale = Number(values.scale);
const limit = Number(values.limit);
if (values.corpus === undefined || !Number.isInteger(scale) || scale < 1 || !Number.isInteger(limit) || limit < 1) {
  process.stderr.write(
    `error: --corpus DIR is required; --scale and --limit take whole numbers of at least 1. ${usageLine(benchCommand)}\n`,
  );
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
  entitiesDelayMs: number;
  entitiesHeapBytes: number;
  servingHeapBytes: number;
  questions: number;
  answerMs: number[];
  reload: EditedFileReload;
}

/** One corpus file edited while the live engine watches the folder: when its new text was answered from. */
interface EditedFileReload {
  /** From the write to an answer quoting the new text (the watcher's 500 ms debounce included). */
  servedMs: number;
  reloadMs: number;
  /** Worst event-loop delay from the write until the snapshot was saved again in the background. */
  delayMs: number;
  /**
   * The same, less the time the bench's own questions (asked every 100 ms to see when the new text is
   * served) took within each delay: what the reload itself held the event loop for.
   */
  reloadDelayMs: number;
  saveMs: number;
}

/** What the plain-minisearch process measures: its heap with the passage texts, and its search latency. */
interface PlainBaseline {
  heapBytes: number;
  passages: number;
  rawMs: number[];
}

/** Files the build process leaves in the work folder for the measuring processes. */
const QUESTIONS_FILE = 'questions.json';
const PASSAGES_FILE = 'passages.jsonl';
const CACHE_DIR = 'cache';

/** The sentence appended to one corpus file, and a question only it answers. */
const EDIT = 'The new lighthouse at Port Ellery was designed by the architect Mirela Vondracek.';
const EDIT_QUESTION = 'who designed the lighthouse at Port Ellery?';
const EDIT_ANSWER = 'Vondracek';

if (values['fresh-start'] !== undefined) {
  process.stdout.write(`${JSON.stringify(await freshStart(values.corpus, values['fresh-start']))}\n`);
} else if (values['plain-baseline'] !== undefined) {
  process.stdout.write(`${JSON.stringify(await plainBaseline(values['plain-baseline']))}\n`);
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
  // Always a copy, even at scale 1: the live-reload measure edits a file.
  const corpus = join(work, 'corpus');
  await copyScaled(source, corpus, scale);
  log(`corpus: ${source} copied ${scale} times into ${corpus}/x0..x${scale - 1}`);
  // What the machine alone costs: on a shared machine an idle process's timer is late too.
  const idle = new EventLoopDelayMonitor();
  idle.start();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const idleDelayMs = idle.finish()?.maxMs ?? 0;
  log(`worst event-loop delay of this process idling for 3 s (the machine's share): ${ms(idleDelayMs)} ms`);
  // The built engine is dropped before the measuring processes start, so they do not share the machine's
  // memory with it.
  const build = await buildAndSave(corpus, work);
  const { passages, corpusBytes, buildMs, namesMs } = build;

  const plain = await measureInChild<PlainBaseline>('--plain-baseline', corpus, work);
  const fresh = await measureInChild<FreshStart>('--fresh-start', corpus, work);
  const { loadMs, baselineBytes } = fresh;
  // The snapshot stands for both the index build and name recognition, so loading is compared to both.
  const speedup = (buildMs + namesMs) / loadMs;
  log(
    `fresh process: load ${ms(loadMs)} ms (${speedup.toFixed(1)}x faster than build + names), worst event-loop delay ${ms(fresh.loadDelayMs)} ms`,
  );
  log(`heap after load: ${describeHeap(fresh.heapBytes, baselineBytes, corpusBytes)}`);
  const engineBytes = fresh.heapBytes - baselineBytes;
  log(
    `plain minisearch + passage texts (${plain.passages} passages, a process of its own): ${mb(plain.heapBytes)} MB; engine after load / plain: ${(engineBytes / plain.heapBytes).toFixed(2)}`,
  );
  log(
    `entity and title indexes from the stored names: ${ms(fresh.entitiesMs)} ms, worst event-loop delay ${ms(fresh.entitiesDelayMs)} ms; heap with them: ${describeHeap(fresh.entitiesHeapBytes, baselineBytes, corpusBytes)}`,
  );
  log(`heap after answering ${fresh.questions} questions: ${describeHeap(fresh.servingHeapBytes, baselineBytes, corpusBytes)}`);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(fresh.answerMs, p)) as [number, number, number];
  const [rawP50, rawP95, rawP99] = [50, 95, 99].map((p) => percentile(plain.rawMs, p)) as [number, number, number];
  log(`answer latency: p50 ${ms(p50, 2)} ms, p95 ${ms(p95, 2)} ms, p99 ${ms(p99, 2)} ms`);
  log(`plain minisearch search, all question words: p50 ${ms(rawP50, 2)} ms, p95 ${ms(rawP95, 2)} ms, p99 ${ms(rawP99, 2)} ms`);
  log(`ratio answer/plain: p50 ${(p50 / rawP50).toFixed(2)}, p99 ${(p99 / rawP99).toFixed(2)}`);
  const { reload } = fresh;
  log(
    `one edited file: answered from ${ms(reload.servedMs)} ms after the write (reload ${ms(reload.reloadMs)} ms, snapshot saved again in ${ms(reload.saveMs)} ms), worst event-loop delay ${ms(reload.delayMs)} ms (${ms(reload.reloadDelayMs)} ms less the questions asked meanwhile)`,
  );
  if (values.json) {
    const result = {
      passages,
      corpus_bytes: corpusBytes,
      build_ms: round(buildMs),
      load_ms: round(loadMs),
      snapshot_bytes: build.snapshotBytes,
      save_ms: round(build.saveMs),
      heap_bytes: fresh.heapBytes,
      plain_heap_bytes: plain.heapBytes,
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
      idle_max_event_loop_delay_ms: round(idleDelayMs),
      build_max_event_loop_delay_ms: round(build.buildDelayMs),
      names_max_event_loop_delay_ms: round(build.namesDelayMs),
      fingerprint_max_event_loop_delay_ms: round(build.fingerprintDelayMs),
      save_max_event_loop_delay_ms: round(build.saveDelayMs),
      load_max_event_loop_delay_ms: round(fresh.loadDelayMs),
      entities_max_event_loop_delay_ms: round(fresh.entitiesDelayMs),
      edit_served_ms: round(reload.servedMs),
      reload_ms: round(reload.reloadMs),
      reload_save_ms: round(reload.saveMs),
      reload_max_event_loop_delay_ms: round(reload.delayMs),
      reload_max_event_loop_delay_less_questions_ms: round(reload.reloadDelayMs),
      questions: fresh.questions,
      scale,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

/**
 * Builds the engine (index, then names), saves its snapshot where the live engine looks for it, and writes
 * the questions and the passages for the measuring processes; logs and returns the figures.
 */
async function buildAndSave(corpus: string, work: string) {
  const monitor = new EventLoopDelayMonitor();
  monitor.start();
  let started = performance.now();
  const built = await Engine.fromFolder(corpus);
  const buildMs = performance.now() - started;
  const buildDelayMs = monitor.finish()?.maxMs ?? 0;
  const passages = built.documents.reduce((sum, document) => sum + document.passages.length, 0);
  const corpusBytes = built.documents.reduce((sum, document) => sum + Buffer.byteLength(document.text), 0);
  log(`${built.documents.length} documents, ${passages} passages, ${mb(corpusBytes)} MB`);
  log(
    `build (sliced): ${ms(buildMs)} ms, ${(corpusBytes / 1e6 / (buildMs / 1000)).toFixed(2)} MB/s, worst event-loop delay ${ms(buildDelayMs)} ms; heap ${mb(heapUsed())} MB`,
  );
  monitor.start();
  started = performance.now();
  if (!values['skip-names']) await built.prepareEntities();
  const namesMs = performance.now() - started;
  const namesDelayMs = monitor.finish()?.maxMs ?? 0;
  const sentences = built.documents.reduce(
    (sum, document) => sum + document.passages.reduce((n, passage) => n + passage.sentences.length, 0),
    0,
  );
  log(
    `entity names recognised (sliced): ${ms(namesMs)} ms, ${((namesMs * 1000) / sentences).toFixed(0)} µs a sentence, worst event-loop delay ${ms(namesDelayMs)} ms`,
  );

  monitor.start();
  started = performance.now();
  const listing = await statCorpusFiles(corpus, built.options);
  const fingerprintMs = performance.now() - started;
  const fingerprintDelayMs = monitor.finish()?.maxMs ?? 0;
  log(
    `fingerprint (listing and stat of ${listing.files.length} files): ${ms(fingerprintMs)} ms, worst event-loop delay ${ms(fingerprintDelayMs)} ms`,
  );
  // What a start costs when no stamp matches the snapshot's (the folder copied or restored elsewhere).
  monitor.start();
  started = performance.now();
  const rehashed = await fingerprintOfSources(await currentSources(listing, new Map(), built.options), built.options);
  const rehashMs = performance.now() - started;
  log(
    `content hashes of every file read again (${rehashed.files} files, ${mb(rehashed.bytes)} MB): ${ms(rehashMs)} ms, worst event-loop delay ${ms(monitor.finish()?.maxMs ?? 0)} ms`,
  );
  monitor.start();
  started = performance.now();
  const saved = await saveSnapshot(snapshotDirFor(corpus, join(work, CACHE_DIR)), built);
  const saveMs = performance.now() - started;
  const saveDelayMs = monitor.finish()?.maxMs ?? 0;
  log(`snapshot: ${mb(saved.bytes)} MB written in ${ms(saveMs)} ms, worst event-loop delay ${ms(saveDelayMs)} ms`);

  await writeFile(join(work, QUESTIONS_FILE), JSON.stringify(await loadQuestions(built)));
  const lines: string[] = [];
  for (const document of built.documents) {
    for (const passage of document.passages) lines.push(JSON.stringify({ title: document.title, text: passage.text }));
    if (lines.length >= 10_000) await appendFile(join(work, PASSAGES_FILE), `${lines.splice(0).join('\n')}\n`);
  }
  await appendFile(join(work, PASSAGES_FILE), lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return {
    passages,
    corpusBytes,
    buildMs,
    buildDelayMs,
    namesMs,
    namesDelayMs,
    fingerprintDelayMs,
    saveMs,
    saveDelayMs,
    snapshotBytes: saved.bytes,
  };
}

/**
 * Runs this script again in a new process (`role`: `--fresh-start` or `--plain-baseline`) and returns the
 * JSON line it prints: a restarted bot holds only what loading creates, while this process still holds the
 * build's leftovers (the sentence splitter, caches).
 */
async function measureInChild<T>(role: string, corpus: string, work: string): Promise<T> {
  const args = [...process.argv.slice(2).filter((arg) => arg !== '--json'), '--corpus', corpus, role, work];
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`the ${role.slice(2)} process exited with ${code}`);
  return JSON.parse(output.trim().split('\n').at(-1)!) as T;
}

async function freshStart(corpus: string, work: string): Promise<FreshStart> {
  const baselineBytes = heapUsed();
  const monitor = new EventLoopDelayMonitor();
  monitor.start();
  let started = performance.now();
  let reloaded: (report: ReloadReport) => void = () => {};
  let saved: (event: SnapshotEvent) => void = () => {};
  const live = await LiveEngine.open(corpus, {
    cacheDir: join(work, CACHE_DIR),
    onSnapshot: (event) => {
      if (event.kind === 'rebuilding') throw new Error(`the snapshot was not used: ${event.reason}`);
      saved(event);
    },
    onReload: (report) => reloaded(report),
  });
  const loadMs = performance.now() - started;
  const loadDelayMs = monitor.finish()?.maxMs ?? 0;
  const heapBytes = heapUsed();
  monitor.start();
  started = performance.now();
  if (!values['skip-names']) {
    await live.engine.prepareEntities();
    await live.engine.prepareTitles();
  }
  const entitiesMs = performance.now() - started;
  const entitiesDelayMs = monitor.finish()?.maxMs ?? 0;
  const entitiesHeapBytes = heapUsed();
  const questions = JSON.parse(await readFile(join(work, QUESTIONS_FILE), 'utf8')) as string[];
  const answerMs = time(questions, (question) => {
    try {
      live.engine.answer(question);
    } catch (error) {
      if (!(error instanceof InvalidQuestionError)) throw error;
    }
  });
  const servingHeapBytes = heapUsed();

  // One file edited while the folder is watched, as a user saving it.
  const file = await firstCorpusFile(corpus);
  const report = new Promise<ReloadReport>((resolve) => (reloaded = resolve));
  const resaved = new Promise<number>((resolve, reject) => {
    saved = (event) =>
      event.kind === 'saved' ? resolve(event.ms) : reject(new Error(`the snapshot was not saved again: ${describeSnapshotEvent(event)}`));
  });
  live.watch();
  monitor.start();
  const finishGaps = timerGaps();
  const asks: { start: number; end: number }[] = [];
  started = performance.now();
  await appendFile(file, `\n\n${EDIT}\n`);
  // Asked every 100 ms, as users would meanwhile: served from the first answer that quotes the new text.
  const served = new Promise<number>((resolve) => {
    const ask = setInterval(() => {
      const start = performance.now();
      const quoted = JSON.stringify(live.engine.answer(EDIT_QUESTION)).includes(EDIT_ANSWER);
      asks.push({ start, end: performance.now() });
      if (!quoted) return;
      clearInterval(ask);
      resolve(performance.now() - started);
    }, 100);
  });
  const { ms: reloadMs } = await report;
  const servedMs = await Promise.race([
    served,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the edited file was not answered from within 5 s of its reload')), 5_000),
    ),
  ]);
  const saveMs = await resaved;
  await live.settled();
  const delayMs = monitor.finish()?.maxMs ?? 0;
  const reloadDelayMs = finishGaps(asks);
  live.close();
  return {
    loadMs,
    loadDelayMs,
    baselineBytes,
    heapBytes,
    entitiesMs,
    entitiesDelayMs,
    entitiesHeapBytes,
    servingHeapBytes,
    questions: questions.length,
    answerMs,
    reload: { servedMs, reloadMs, delayMs, reloadDelayMs, saveMs },
  };
}

/**
 * Starts recording the stretches a 10 ms timer comes late; the returned function stops and gives the worst
 * lateness in ms less the time of the `excluded` stretches within it (a function, not a class: this runs
 * before the module's classes would be initialized).
 */
function timerGaps(): (excluded: readonly { start: number; end: number }[]) => number {
  const gaps: { start: number; end: number }[] = [];
  let lastTick = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - lastTick > 20) gaps.push({ start: lastTick + 10, end: now });
    lastTick = now;
  }, 10).unref();
  return (excluded) => {
    clearInterval(timer);
    let worst = 0;
    for (const gap of gaps) {
      const overlap = excluded.reduce((sum, { start, end }) => sum + Math.max(0, Math.min(end, gap.end) - Math.max(start, gap.start)), 0);
      worst = Math.max(worst, gap.end - gap.start - overlap);
    }
    return worst;
  };
}

async function firstCorpusFile(corpus: string): Promise<string> {
  const entries = await readdir(corpus, { recursive: true, withFileTypes: true });
  const file = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.txt')).sort((a, b) => a.name.localeCompare(b.name))[0];
  if (file === undefined) throw new Error(`no .txt file to edit in ${corpus}`);
  return join(file.parentPath, file.name);
}

/**
 * The baseline: minisearch over the same passages, fields, term pipeline and BM25+ parameters as the engine's
 * index (which scores identically: test/core/retrieval.test.ts), holding the passage texts as a retriever
 * must, and searched with all question words.
 */
async function plainBaseline(work: string): Promise<PlainBaseline> {
  const options = resolveOptions({});
  const baselineBytes = heapUsed();
  const passages = (await readFile(join(work, PASSAGES_FILE), 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line, id) => ({ id, ...(JSON.parse(line) as { title: string; text: string }) }));
  const raw = new MiniSearch<{ id: number; title: string; text: string }>({
    fields: ['title', 'text'],
    tokenize,
    processTerm: normalizeTerm,
    searchOptions: { bm25: options.bm25, boost: { title: options.titleBoost } },
  });
  raw.addAll(passages);
  const heapBytes = heapUsed() - baselineBytes;
  const questions = JSON.parse(await readFile(join(work, QUESTIONS_FILE), 'utf8')) as string[];
  return { heapBytes, passages: passages.length, rawMs: time(questions, (question) => raw.search(question)) };
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
