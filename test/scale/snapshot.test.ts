import { execFileSync } from 'node:child_process';
import { appendFile, readdir, readFile, rename, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
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

  it('keeps the snapshot when only a modification time changes (the content is the same), and rebuilds when a file is added', async () => {
    await load();
    const [name] = await readdir(temp.corpus);
    await utimes(join(temp.corpus, name!), new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect((await load()).fromSnapshot).toBe(true);
    await writeFile(join(temp.corpus, 'new.txt'), 'A new article about lighthouses on the coast of Maine.\n');
    const reloaded = await load();
    expect(reloaded.fromSnapshot).toBe(false);
    expect(reloaded.engine.document('new')?.title).toBe('A new article about lighthouses on the coast of Maine.');
  });

  it('rebuilds when a file is rewritten with its old size and modification time (cp -p, tar), and serves the new text', async () => {
    expect((await load()).engine.answer("who met Portugal's minister?").answer).toBe('Ali Abbasov');
    const file = join(temp.corpus, (await readdir(temp.corpus)).find((name) => name.startsWith('001_'))!);
    const before = await stat(file, { bigint: true });
    // What `cp -p` of an edited copy over the file does: same size, the very same modification time.
    await writeFile(`${file}.edited`, (await readFile(file, 'utf8')).replaceAll('Abbasov', 'Okonkwo'));
    execFileSync('touch', ['-r', file, `${file}.edited`]);
    execFileSync('cp', ['-p', `${file}.edited`, file]);
    await rm(`${file}.edited`);
    const after = await stat(file, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    const reloaded = await load();
    expect(reloaded.fromSnapshot).toBe(false);
    expect(reloaded.reasons).toEqual(['corpus, engine version or options changed since the snapshot']);
    expect(reloaded.engine.answer("who met Portugal's minister?").answer).toBe('Ali Okonkwo');
  });

  it('keeps the snapshot when every file is written again with the same content (new inodes, as a restore gives)', async () => {
    await load();
    for (const name of await readdir(temp.corpus)) {
      const file = join(temp.corpus, name);
      await writeFile(`${file}.new`, await readFile(file));
      await rename(`${file}.new`, file);
    }
    const reloaded = await load();
    expect(reloaded.fromSnapshot).toBe(true);
    expect(reloaded.engine.answer("who met Portugal's minister?").answer).toBe('Ali Abbasov');
  });

  it('rebuilds when forced even though the snapshot is valid', async () => {
    await load();
    const forced = await load({ force: true });
    expect(forced.fromSnapshot).toBe(false);
    expect(forced.reasons).toEqual(['rebuild forced']);
  });
});
