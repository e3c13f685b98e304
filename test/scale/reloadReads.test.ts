import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import { LiveEngine } from '../../src/watch/liveEngine.ts';
import { useTempCorpus } from './tempCorpus.ts';

const SKYWARD = 'The zeppelin company Skyward Lines was founded by Mira Okonkwo in 1931.\n';

const temp = useTempCorpus('corpus-qa-reads-');
/** The corpus files read from disk, by path, since the last `filesRead()`. */
let read: string[] = [];
const onFileRead = (path: string) => read.push(path);
function filesRead(): string[] {
  return read.splice(0);
}

// The corpus files were saved an hour ago: a file written within the last moments is read again on every
// reload until it has settled (its stamp could miss a second write in the same tick of the clock).
beforeEach(async () => {
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const name of await fs.readdir(temp.corpus)) await fs.utimes(join(temp.corpus, name), anHourAgo, anHourAgo);
  read = [];
});

const opened: LiveEngine[] = [];
afterEach(async () => {
  for (const live of opened.splice(0)) {
    live.close();
    await live.settled();
  }
});

describe('reloading reads only the files that changed', () => {
  it('reads the one edited file again, not the others, and serves its new text', async () => {
    const engine = await Engine.fromFolder(temp.corpus, { onFileRead });
    expect(filesRead()).toHaveLength(4);
    const [edited] = (await fs.readdir(temp.corpus)).sort();
    const before = new Map(engine.documents.map((document) => [document.id, document]));
    await fs.appendFile(join(temp.corpus, edited!), `\n${SKYWARD}`);
    const changes = await engine.refresh(temp.corpus, { onFileRead });
    expect(changes).toEqual({ added: [], removed: [], changed: [edited!.replace('.txt', '')] });
    expect(filesRead()).toEqual([edited]);
    expect(engine.answer('Who founded Skyward Lines?').quote).toContain('Mira Okonkwo');
    for (const document of engine.documents) if (document.path !== edited) expect(document).toBe(before.get(document.id));
  });

  it('trusts the stamps of a snapshot it was loaded from', async () => {
    const first = await LiveEngine.open(temp.corpus, { cacheDir: temp.cache, onFileRead });
    opened.push(first);
    await first.settled();
    expect(filesRead()).toHaveLength(4);
    const events: string[] = [];
    const live = await LiveEngine.open(temp.corpus, { cacheDir: temp.cache, onFileRead, onSnapshot: (event) => events.push(event.kind) });
    opened.push(live);
    expect(events).toEqual(['loaded']);
    expect(filesRead()).toEqual([]);
    await fs.writeFile(join(temp.corpus, 'skyward.txt'), SKYWARD);
    expect((await live.reload()).added).toEqual(['skyward']);
    expect(filesRead()).toEqual(['skyward.txt']);
    expect(live.engine.answer('Who founded Skyward Lines?').quote).toContain('Mira Okonkwo');
  });

  it('reads a file just written again on the next reload, until it has settled', async () => {
    const engine = await Engine.fromFolder(temp.corpus, { onFileRead });
    await fs.writeFile(join(temp.corpus, 'skyward.txt'), SKYWARD);
    await engine.refresh(temp.corpus, { onFileRead });
    filesRead();
    expect(await engine.refresh(temp.corpus, { onFileRead })).toEqual({ added: [], removed: [], changed: [] });
    expect(filesRead()).toEqual(['skyward.txt']);
  });

  it('reads a file rewritten with its old size and modification time', async () => {
    const engine = await Engine.fromFolder(temp.corpus, { onFileRead });
    const [edited] = (await fs.readdir(temp.corpus)).sort();
    const path = join(temp.corpus, edited!);
    const { size, mtime } = await fs.stat(path);
    filesRead();
    const rewritten = `${SKYWARD.trim()} `.padEnd(size, 'x').slice(0, size);
    await fs.writeFile(path, rewritten);
    await fs.utimes(path, mtime, mtime);
    expect((await fs.stat(path)).size).toBe(size);
    expect((await engine.refresh(temp.corpus, { onFileRead })).changed).toEqual([edited!.replace('.txt', '')]);
    expect(filesRead()).toEqual([edited]);
    expect(engine.document(edited!.replace('.txt', ''))?.text).toBe(rewritten);
  });

  it('drops a renamed file under its old name and serves it under its new one', async () => {
    const engine = await Engine.fromFolder(temp.corpus, { onFileRead });
    await fs.writeFile(join(temp.corpus, 'skyward.txt'), SKYWARD);
    await engine.refresh(temp.corpus, { onFileRead });
    await fs.rename(join(temp.corpus, 'skyward.txt'), join(temp.corpus, 'airships.txt'));
    expect(await engine.refresh(temp.corpus, { onFileRead })).toEqual({ added: ['airships'], removed: ['skyward'], changed: [] });
    expect(engine.document('skyward')).toBeUndefined();
    expect(engine.documents.map((document) => document.id)).not.toContain('skyward');
    expect(engine.answer('Who founded Skyward Lines?').source?.doc).toBe('airships');
  });

  it('drops a deleted file without reading the others', async () => {
    const engine = await Engine.fromFolder(temp.corpus, { onFileRead });
    const [deleted] = (await fs.readdir(temp.corpus)).sort();
    const id = deleted!.replace('.txt', '');
    filesRead();
    await fs.unlink(join(temp.corpus, deleted!));
    expect(await engine.refresh(temp.corpus, { onFileRead })).toEqual({ added: [], removed: [id], changed: [] });
    expect(filesRead()).toEqual([]);
    expect(engine.document(id)).toBeUndefined();
    expect(engine.documents).toHaveLength(3);
  });
});
