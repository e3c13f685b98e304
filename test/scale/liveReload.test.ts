import { appendFile, mkdir, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import type { Engine } from '../../src/engine.ts';
import { loadOrBuildEngine, type SnapshotEvent } from '../../src/snapshot/cachedEngine.ts';
import { LiveEngine, type ReloadReport } from '../../src/watch/liveEngine.ts';
import { useTempCorpus } from './tempCorpus.ts';

const SKYWARD = 'The zeppelin company Skyward Lines was founded by Mira Okonkwo in 1931.\n';

const temp = useTempCorpus('corpus-qa-live-');

// Runs before the temporary corpus is removed (hooks run in reverse): no save may still be writing into it.
const opened: LiveEngine[] = [];
afterEach(async () => {
  for (const live of opened.splice(0)) {
    live.close();
    await live.settled();
  }
});

async function open(options: Parameters<typeof LiveEngine.open>[1]): Promise<LiveEngine> {
  const live = await LiveEngine.open(temp.corpus, options);
  opened.push(live);
  return live;
}

/** The next reload the live engine reports (or its error). */
function nextReload(options: { debounceMs?: number; maxDebounceMs?: number } = {}) {
  let resolve!: (report: ReloadReport) => void;
  let reject!: (error: Error) => void;
  const reloaded = new Promise<ReloadReport>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { reloaded, options: { cacheDir: temp.cache, ...options, onReload: resolve, onReloadError: reject } };
}

/** An answer is whole when its quote is the cited document's text at the cited offsets. */
function expectWhole(engine: Engine, answer: Answer): void {
  if (!answer.source) return;
  expect(engine.document(answer.source.doc)?.text.slice(answer.source.start, answer.source.end)).toBe(answer.quote);
}

describe('live reload', () => {
  it('applies a changed file to the index in place, without rebuilding it, and serves it', async () => {
    const events: SnapshotEvent[] = [];
    const live = await open({ cacheDir: temp.cache, onSnapshot: (event) => events.push(event) });
    const engine = live.engine;
    expect(engine.answer('Who founded Skyward Lines?').answered).toBe(false);
    await writeFile(join(temp.corpus, 'skyward.txt'), SKYWARD);
    const report = await live.reload();
    expect(report).toMatchObject({ added: ['skyward'], changed: [], removed: [], documents: 5, fromSnapshot: false });
    expect(live.engine).toBe(engine);
    expect(engine.answer('Who founded Skyward Lines?').quote).toContain('Mira Okonkwo');
    expect(engine.answer("who met Portugal's minister?").answer).toBe('Ali Abbasov');
    // Only the start built the index; the reload applied one file and saved the snapshot again.
    await live.settled();
    expect(events.map((event) => event.kind)).toEqual(['rebuilding', 'saved', 'saved']);
    const restarted = await loadOrBuildEngine(temp.corpus, { cacheDir: temp.cache });
    expect(restarted.fromSnapshot).toBe(true);
    expect(restarted.engine.answer('Who founded Skyward Lines?').quote).toContain('Mira Okonkwo');
  });

  it('lets every question during a reload see whole documents, old or new', async () => {
    const live = await open({ cacheDir: temp.cache, entities: true, sliceMs: 0 });
    const engine = live.engine;
    const [first] = await readdir(temp.corpus);
    await writeFile(join(temp.corpus, first!), `Skyward Lines in brief\n\n${SKYWARD}`);
    await writeFile(join(temp.corpus, 'skyward.txt'), SKYWARD);
    let reloading = true;
    const reload = live.reload().finally(() => {
      reloading = false;
    });
    let asked = 0;
    while (reloading && asked < 60) {
      for (const question of ['Who founded Skyward Lines?', "who met Portugal's minister?", 'Who is Ali Abbasov?']) {
        expectWhole(engine, engine.answer(question));
        asked += 1;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(asked).toBeGreaterThan(3);
    expect((await reload).changed).toEqual([first!.replace(/\.txt$/, '')]);
    expect(engine.answer('Who founded Skyward Lines?').quote).toContain('Mira Okonkwo');
  });

  it('reports changed and removed documents', async () => {
    const live = await open({ cacheDir: temp.cache });
    const [first, second] = await readdir(temp.corpus);
    await writeFile(join(temp.corpus, first!), SKYWARD);
    await unlink(join(temp.corpus, second!));
    const report = await live.reload();
    expect(report.changed).toEqual([first!.replace('.txt', '')]);
    expect(report.removed).toEqual([second!.replace('.txt', '')]);
    expect(report.documents).toBe(3);
    expect(live.engine.document(second!.replace('.txt', ''))).toBeUndefined();
  });

  it('analyzes only the files whose text changed, and recognises names in those alone', async () => {
    const live = await open({ cacheDir: temp.cache, entities: true });
    const engine = live.engine;
    const before = new Map(engine.documents.map((document) => [document.id, document]));
    const mentionsBefore = engine.toSnapshot().mentions!;
    const [edited] = await readdir(temp.corpus);
    const editedId = edited!.replace('.txt', '');
    await writeFile(join(temp.corpus, edited!), SKYWARD);
    const report = await live.reload();
    expect(report.changed).toEqual([editedId]);
    for (const document of engine.documents) {
      if (document.id === editedId) expect(document).not.toBe(before.get(editedId));
      else expect(document).toBe(before.get(document.id));
    }
    expect(engine.entities.card('Mira Okonkwo')?.type).toBe('person');
    const kept = engine.toSnapshot().mentions!.filter((mention) => mention.doc.id !== editedId);
    const keptBefore = mentionsBefore.filter((mention) => mention.doc.id !== editedId);
    expect(kept.length).toBeGreaterThan(10);
    for (const [i, mention] of kept.entries()) expect(mention).toBe(keptBefore[i]);
    expect(engine.findDocuments('skyward').map((document) => document.id)).toEqual([editedId]);
  });

  it('rebuilds a new engine when forced, and swaps it in when complete', async () => {
    const live = await open({ cacheDir: temp.cache });
    const before = live.engine;
    await writeFile(join(temp.corpus, 'skyward.txt'), SKYWARD);
    const reloading = live.reload({ force: true });
    expect(live.engine).toBe(before);
    expect((await reloading).added).toEqual(['skyward']);
    expect(live.engine).not.toBe(before);
    expect(live.engine.answer('Who founded Skyward Lines?').quote).toContain('Mira Okonkwo');
    expect(before.document('skyward')).toBeUndefined();
  });

  it('runs one reload at a time and one more for calls made meanwhile', async () => {
    const live = await open({ cacheDir: temp.cache });
    const first = live.reload({ force: true });
    await writeFile(join(temp.corpus, 'skyward.txt'), SKYWARD);
    const second = live.reload();
    const third = live.reload();
    expect(third).toBe(second);
    await first;
    expect((await second).documents).toBe(5);
    expect(live.engine.document('skyward')?.title).toBe(SKYWARD.trim());
  });

  it('keeps answering as it was when a reload fails', async () => {
    const errors: string[] = [];
    const live = await open({ cacheDir: temp.cache, onReloadError: (error) => errors.push(error.message) });
    const documents = live.engine.documents;
    await rm(temp.corpus, { recursive: true });
    await expect(live.reload()).rejects.toThrow(`corpus folder not found: ${temp.corpus}`);
    expect(live.engine.documents).toBe(documents);
    expect(live.engine.answer("who met Portugal's minister?").answer).toBe('Ali Abbasov');
    expect(errors).toEqual([`corpus folder not found: ${temp.corpus}`]);
  });
});

describe('watching the corpus folder', () => {
  it('reloads by itself when a corpus file is written', async () => {
    const { reloaded, options } = nextReload({ debounceMs: 50 });
    const live = await open(options);
    live.watch();
    try {
      await writeFile(join(temp.corpus, 'skyward.txt'), SKYWARD);
      expect((await reloaded).added).toEqual(['skyward']);
    } finally {
      live.close();
    }
  });

  it('leaves a change seen while the watch is held to the holder, and reloads what is left once released', async () => {
    const reports: ReloadReport[] = [];
    const live = await open({ cacheDir: temp.cache, debounceMs: 20, onReload: (report) => reports.push(report) });
    live.watch();
    const release = live.holdWatch();
    await writeFile(join(temp.corpus, 'skyward.txt'), SKYWARD);
    // Many quiet periods pass: a watch that was not held would have reloaded by now.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(reports).toEqual([]);
    expect((await live.reload({ force: true })).added).toEqual(['skyward']);
    await writeFile(join(temp.corpus, 'later.txt'), 'A later note about the harbour.\n');
    release();
    await vi.waitFor(() => expect(reports.at(-1)?.added).toEqual(['later']), { timeout: 10_000, interval: 20 });
  });

  it('notices a folder moved out of the corpus, and stops serving its files', async () => {
    await mkdir(join(temp.corpus, 'airships'));
    await writeFile(join(temp.corpus, 'airships', 'skyward.txt'), SKYWARD);
    const { reloaded, options } = nextReload({ debounceMs: 50 });
    const live = await open(options);
    expect(live.engine.document('airships/skyward')).toBeDefined();
    live.watch();
    try {
      await rename(join(temp.corpus, 'airships'), join(temp.cache, '..', 'airships-moved'));
      expect((await reloaded).removed).toEqual(['airships/skyward']);
      expect(live.engine.answer('Who founded Skyward Lines?').answered).toBe(false);
    } finally {
      live.close();
    }
  });

  it('reloads a file that is written without pause, at the latest maxDebounceMs after the first write', async () => {
    const log = join(temp.corpus, 'log.txt');
    await writeFile(log, 'Harbour log\n\nThe ferry left at dawn.\n');
    const { reloaded, options } = nextReload({ debounceMs: 300, maxDebounceMs: 1_000 });
    const live = await open(options);
    live.watch();
    let writing = true;
    const writer = (async () => {
      for (let line = 0; writing; line += 1) {
        await appendFile(log, `\nThe ferry ${line} came back at noon.\n`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      // Each write restarts the 300 ms quiet period; without the cap no reload would ever start.
      expect((await reloaded).changed).toEqual(['log']);
    } finally {
      writing = false;
      await writer;
    }
  });
});
