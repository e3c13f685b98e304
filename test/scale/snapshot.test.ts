import { appendFile, readdir, readFile, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import { loadOrBuildEngine, type SnapshotEvent, snapshotDirFor } from '../../src/snapshot/cachedEngine.ts';
import { useTempCorpus } from './tempCorpus.ts';

const QUESTIONS = [
  "who met Portugal's minister?",
  'How many satellites does Azerbaijan plan to launch in 2030 with Portugal?',
  'Which company is a subsidiary?',
  'AzerTelecom',
  'the',
  'Кто встретился с министром?',
];

const temp = useTempCorpus('corpus-qa-snapshot-');

async function load(options: { force?: boolean } = {}) {
  const events: SnapshotEvent[] = [];
  const result = await loadOrBuildEngine(temp.corpus, { cacheDir: temp.cache, ...options, onSnapshot: (event) => events.push(event) });
  return {
    ...result,
    events: events.map((event) => event.kind),
    reasons: events.flatMap((event) => ('reason' in event ? [event.reason] : [])),
  };
}

describe('snapshots', () => {
  it('answers every question identically after a round trip through the snapshot', async () => {
    const built = await Engine.fromFolder(temp.corpus);
    const first = await load();
    const second = await load();
    expect(first.fromSnapshot).toBe(false);
    expect(first.events).toEqual(['rebuilding', 'saved']);
    expect(second.fromSnapshot).toBe(true);
    expect(second.events).toEqual(['loaded']);
    expect(second.engine.documents).toEqual(built.documents);
    for (const question of QUESTIONS) {
      expect(second.engine.answer(question)).toEqual(built.answer(question));
    }
    expect(second.engine.answer("who met Portugal's minister?").answer).toBe('Ali Abbasov');
  });

  it('restores the recognised names, so the entity index needs no recognition and gives the same cards', async () => {
    const built = await Engine.fromFolder(temp.corpus);
    await load();
    const restored = (await load()).engine;
    expect(restored.toSnapshot().mentions?.length).toBeGreaterThan(30);
    expect(restored.entities.list()).toEqual(built.entities.list());
    expect(restored.entities.card('Abbasov')).toEqual(built.entities.card('Abbasov'));
    expect(restored.entities.card('Abbasov')?.name).toBe('Ali Abbasov');
  });

  it('rebuilds, and says so in one line, when a part of the snapshot is truncated', async () => {
    await load();
    const dir = snapshotDirFor(temp.corpus, temp.cache);
    const postings = join(dir, 'index-postings.bin');
    const size = (await readFile(postings)).length;
    await truncate(postings, Math.floor(size / 2));
    const reloaded = await load();
    expect(reloaded.fromSnapshot).toBe(false);
    expect(reloaded.events).toEqual(['rebuilding', 'saved']);
    expect(reloaded.reasons[0]).toMatch(/index-postings\.bin is \d+ bytes, manifest says \d+ \(truncated\?\)$/);
    expect(reloaded.reasons[0]).not.toContain('\n');
    expect(reloaded.engine.answer("who met Portugal's minister?").answer).toBe('Ali Abbasov');
    expect((await load()).fromSnapshot).toBe(true);
  });

  it('rebuilds when a byte of the snapshot is corrupted but its length is unchanged', async () => {
    await load();
    const documents = join(snapshotDirFor(temp.corpus, temp.cache), 'documents.jsonl');
    const bytes = await readFile(documents);
    const at = bytes.indexOf('Abbasov');
    bytes[at] = 'X'.charCodeAt(0);
    await writeFile(documents, bytes);
    const reloaded = await load();
    expect(reloaded.fromSnapshot).toBe(false);
    expect(reloaded.reasons).toEqual([`${documents} checksum mismatch (corrupt)`]);
    expect(reloaded.engine.answer("who met Portugal's minister?").answer).toBe('Ali Abbasov');
  });

  it('rebuilds when the manifest is missing or not JSON', async () => {
    await load();
    const manifest = join(snapshotDirFor(temp.corpus, temp.cache), 'manifest.json');
    await writeFile(manifest, '{"format":1,');
    expect((await load()).reasons).toEqual(['manifest is not valid JSON (corrupt)']);
    await rm(manifest);
    expect((await load()).reasons).toEqual(['no snapshot yet']);
  });

  it('rebuilds when a corpus file changes, and the new text is served', async () => {
    await load();
    const [name] = await readdir(temp.corpus);
    const file = join(temp.corpus, name!);
    await appendFile(file, '\n\nThe zeppelin company Skyward Lines was founded by Mira Okonkwo in 1931.\n');
    const reloaded = await load();
    expect(reloaded.fromSnapshot).toBe(false);
    expect(reloaded.reasons).toEqual(['corpus, engine version or options changed since the snapshot']);
    expect(reloaded.engine.answer('Who founded Skyward Lines?').quote).toContain('Mira Okonkwo');
  });

  it('rebuilds when only a modification time changes, and when a file is added', async () => {
    await load();
    const [name] = await readdir(temp.corpus);
    await utimes(join(temp.corpus, name!), new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect((await load()).fromSnapshot).toBe(false);
    await writeFile(join(temp.corpus, 'new.txt'), 'A new article about lighthouses on the coast of Maine.\n');
    const reloaded = await load();
    expect(reloaded.fromSnapshot).toBe(false);
    expect(reloaded.engine.document('new')?.title).toBe('A new article about lighthouses on the coast of Maine.');
  });

  it('rebuilds when forced even though the snapshot is valid', async () => {
    await load();
    const forced = await load({ force: true });
    expect(forced.fromSnapshot).toBe(false);
    expect(forced.reasons).toEqual(['rebuild forced']);
  });
});
