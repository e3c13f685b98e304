import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BuildProgress } from '../../src/corpus/loadCorpus.ts';
import { Engine } from '../../src/engine.ts';
import type { Mention } from '../../src/entities/entityMentions.ts';
import { MIN_FILES_PER_WORKER } from '../../src/parallel/loadCorpusInWorkers.ts';
import { WorkerPool } from '../../src/parallel/workerPool.ts';

/** The shipped corpus and the test documents (news, docs pages, Word, HTML, damaged files), copied this often. */
const COPIES = 15;
const SOURCES = ['corpus', 'test/fixtures/docs', 'test/fixtures/documents', 'test/fixtures/odd'];

const QUESTIONS = [
  "Who met Portugal's minister?",
  'Who is the chairman of AzerTelecom?',
  'How do I create a slash command?',
  'When does the ferry leave?',
  'What is the capital of Mongolia?',
];

/** A mention as data: its document and sentence by id and position, not the objects themselves. */
const asData = ({ doc, sentence, ...rest }: Mention) => ({ ...rest, doc: doc.id, sentence: sentence.index });

interface Build {
  engine: Engine;
  warnings: string[];
  progress: BuildProgress[];
}

async function build(corpus: string, jobs: number): Promise<Build> {
  const warnings: string[] = [];
  const progress: BuildProgress[] = [];
  const engine = await Engine.fromFolder(corpus, {
    jobs,
    onWarning: (warning) => warnings.push(`${warning.path}: ${warning.reason}`),
    onBuildProgress: (report) => progress.push(report),
  });
  await engine.prepareEntities();
  return { engine, warnings, progress };
}

describe('a build on worker threads', () => {
  let work = '';
  let files = 0;
  let single: Build;
  let parallel: Build;
  let tasks = 0;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'parallel-build-'));
    for (let copy = 0; copy < COPIES; copy += 1) {
      for (const source of SOURCES) await cp(source, join(work, `c${copy}`, source), { recursive: true });
    }
    files = (await readdir(work, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length;
    single = await build(work, 1);
    const run = vi.spyOn(WorkerPool.prototype, 'run');
    parallel = await build(work, 2);
    tasks = run.mock.calls.length;
    run.mockRestore();
  }, 120_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('reads every corpus file on the workers', () => {
    expect(files).toBeGreaterThanOrEqual(2 * MIN_FILES_PER_WORKER);
    const corpusFiles = parallel.engine.documents.length + parallel.warnings.filter((line) => !line.includes('glossary')).length;
    expect(tasks).toBe(corpusFiles);
  });

  it('gives the documents, passages, sentences and offsets of a single-threaded build', () => {
    expect(parallel.engine.documents.length).toBe(single.engine.documents.length);
    expect(parallel.engine.documents).toEqual(single.engine.documents);
    // The same stamps and hashes, each taken when its file was read.
    const stamps = (build: Build) => [...build.engine.toSnapshot().sources!].map(([path, { takenMs: _, ...stamp }]) => [path, stamp]);
    expect(stamps(parallel)).toEqual(stamps(single));
  });

  it('warns about the same damaged and empty files, in the same order', () => {
    expect(parallel.warnings.length).toBeGreaterThanOrEqual(4 * COPIES);
    expect(parallel.warnings).toEqual(single.warnings);
    expect(parallel.engine.warnings).toEqual(single.engine.warnings);
  });

  it('recognises the same names, each pointing at its own document and sentence', () => {
    const names = parallel.engine.toSnapshot().mentions!;
    expect(names.map(asData)).toEqual(single.engine.toSnapshot().mentions!.map(asData));
    for (const mention of names) {
      const document = parallel.engine.document(mention.doc.id);
      expect(mention.doc).toBe(document);
      expect(document!.passages.some((passage) => passage.sentences.includes(mention.sentence))).toBe(true);
    }
    for (const type of ['person', 'organization', 'place'] as const) {
      expect(parallel.engine.entities.list(type)).toEqual(single.engine.entities.list(type));
    }
    expect(parallel.engine.entities.card('Fuad Allahverdiyev')).toEqual(single.engine.entities.card('Fuad Allahverdiyev'));
  });

  it('answers as a single-threaded build does', () => {
    for (const question of QUESTIONS) expect(parallel.engine.answer(question)).toEqual(single.engine.answer(question));
    expect(parallel.engine.answer("Who met Portugal's minister?").answer).toBe('Ali Abbasov');
  });

  it('counts the files every worker has done as it goes, up to all of them', () => {
    const reading = parallel.progress.filter((report) => report.phase === 'reading');
    expect(reading.at(-1)).toMatchObject({ files: tasks, totalFiles: tasks });
    const counts = reading.map((report) => report.files);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });
});
