import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { statCorpusFiles } from '../../src/corpus/listCorpusFiles.ts';
import type { Engine } from '../../src/engine.ts';
import { resolveOptions } from '../../src/options.ts';
import { loadOrBuildEngine, type SnapshotEvent, snapshotDirFor } from '../../src/snapshot/cachedEngine.ts';
import { decodeManifest, encodeManifest, type Manifest } from '../../src/snapshot/manifest.ts';
import { SnapshotError } from '../../src/snapshot/parts.ts';
import { loadSnapshot } from '../../src/snapshot/store.ts';
import { useTempCorpus } from './tempCorpus.ts';

const QUESTIONS = ["who met Portugal's minister?", 'Which company is a subsidiary?', 'AzerTelecom', 'who is the chairmen of azertelcom'];

const temp = useTempCorpus('corpus-qa-integrity-');
let dir: string;
let built: Engine;

beforeEach(async () => {
  built = (await loadOrBuildEngine(temp.corpus, { cacheDir: temp.cache })).engine;
  dir = snapshotDirFor(temp.corpus, temp.cache);
});

async function reload(options = {}) {
  const events: SnapshotEvent[] = [];
  const { engine, fromSnapshot } = await loadOrBuildEngine(temp.corpus, {
    cacheDir: temp.cache,
    ...options,
    onSnapshot: (e) => events.push(e),
  });
  return { engine, fromSnapshot, reasons: events.flatMap((event) => (event.kind === 'rebuilding' ? [event.reason] : [])) };
}

const manifestPath = () => join(dir, 'manifest.json');
const readManifest = async () => decodeManifest(await readFile(manifestPath(), 'utf8'));
/** Rewrites the manifest as a writer with other ideas would: the checksum made to match what it wrote. */
async function rewriteManifest(change: (manifest: Record<string, unknown>) => void): Promise<void> {
  const manifest = (await readManifest()) as unknown as Record<string, unknown>;
  change(manifest);
  await writeFile(manifestPath(), encodeManifest(manifest as unknown as Manifest));
}

function expectSameAnswers(engine: Engine): void {
  expect(engine.documents).toEqual(built.documents);
  for (const question of QUESTIONS) expect(engine.answer(question), question).toEqual(built.answer(question));
}

describe('a damaged snapshot manifest', () => {
  it('is rejected in one line when any byte differs from what was written, and rebuilt', async () => {
    const text = await readFile(manifestPath(), 'utf8');
    await writeFile(manifestPath(), text.replace('"fingerprint"', '"bingerprint"'));
    const reloaded = await reload();
    expect(reloaded.fromSnapshot).toBe(false);
    expect(reloaded.reasons).toEqual(['manifest checksum mismatch (corrupt)']);
    expect(reloaded.engine.answer("who met Portugal's minister?").answer).toBe('Ali Abbasov');
    expect((await reload()).fromSnapshot).toBe(true);
  });

  it('is rejected by its shape even when its checksum matches: a renamed key, wrong types', async () => {
    await rewriteManifest((m) => {
      m.bingerprint = m.fingerprint;
      delete m.fingerprint;
    });
    expect((await reload()).reasons).toEqual(['manifest has the wrong shape (fingerprint)']);
    await rewriteManifest((m) => {
      m.documents = '4';
    });
    expect((await reload()).reasons).toEqual(['manifest has the wrong shape (counts)']);
    await rewriteManifest((m) => {
      m.parts = { '../../etc/passwd': { bytes: 1, sha256: '0'.repeat(64) } };
    });
    expect((await reload()).reasons).toEqual(['manifest has the wrong shape (part ../../etc/passwd)']);
    await rewriteManifest((m) => {
      (m.index as Record<string, unknown>).terms = -1;
    });
    expect((await reload()).reasons).toEqual(['unreadable snapshot: index meta has the wrong shape']);
  });

  it("never brings other engine options with it: the options are the loading process's own", async () => {
    const stricter = { abstainBelow: 0.99 };
    const reloaded = await reload(stricter);
    expect(reloaded.fromSnapshot).toBe(false);
    expect(reloaded.reasons).toEqual(['corpus, engine version or options changed since the snapshot']);
    expect(reloaded.engine.options.abstainBelow).toBe(0.99);
    const again = await reload(stricter);
    expect(again.fromSnapshot).toBe(true);
    expect(again.engine.options.abstainBelow).toBe(0.99);
    expect((await reload()).engine.options.abstainBelow).toBe(resolveOptions().abstainBelow);
  });

  it('is rejected, not waited on, when manifest.json or a part is a FIFO', async () => {
    await rm(manifestPath());
    execFileSync('mkfifo', [manifestPath()]);
    expect((await reload()).reasons).toEqual([`${manifestPath()} is not a regular file`]);
    const postings = join(dir, 'index-postings.bin');
    await rm(postings);
    execFileSync('mkfifo', [postings]);
    expect((await reload()).reasons).toEqual([`${postings} is not a regular file`]);
  });
});

describe('leftover temporary folders', () => {
  it('are removed on start when the process that wrote them is gone, and kept while it runs', async () => {
    const parent = dirname(dir);
    const dead = `${basename(dir)}.tmp-999999999-1`;
    // Process 1 always runs: a save by it could be in progress.
    const running = `${basename(dir)}.tmp-1-${Date.now()}`;
    await mkdir(join(parent, dead));
    await mkdir(join(parent, running));
    await reload();
    const left = await readdir(parent);
    expect(left).not.toContain(dead);
    expect(left).toContain(running);
  });
});

describe('fuzzing the snapshot reader', () => {
  it('rejects every single-bit flip of the manifest with a SnapshotError', async () => {
    const bytes = await readFile(manifestPath());
    let rejected = 0;
    for (let bit = 0; bit < bytes.length * 8; bit += 1) {
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      try {
        decodeManifest(flipped.toString('utf8'));
      } catch (error) {
        expect(error).toBeInstanceOf(SnapshotError);
        rejected += 1;
        continue;
      }
      // A flip that decodes to the very same manifest could only load the same engine; none does today.
      expect(decodeManifest(flipped.toString('utf8'))).toEqual(decodeManifest(bytes.toString('utf8')));
    }
    expect(rejected).toBe(bytes.length * 8);
  });

  it('loads the identical engine or rejects with a SnapshotError for sampled flips in every file', async () => {
    const options = resolveOptions();
    const listing = await statCorpusFiles(temp.corpus, options);
    expectSameAnswers(await loadSnapshot(dir, listing, options));
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (const file of await readdir(dir)) {
      const path = join(dir, file);
      const original = await readFile(path);
      for (let sample = 0; sample < 12; sample += 1) {
        const flipped = Buffer.from(original);
        const bit = random(original.length * 8);
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        await writeFile(path, flipped);
        const outcome = await loadSnapshot(dir, listing, options).then(
          (engine) => engine,
          (error: unknown) => error,
        );
        if (outcome instanceof Error) expect(outcome, `${file} bit ${bit}`).toBeInstanceOf(SnapshotError);
        else expectSameAnswers(outcome as Engine);
      }
      await writeFile(path, original);
    }
  });
});
