import { readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveEngine, type ReloadReport } from '../../src/watch/liveEngine.ts';
import { useTempCorpus } from './tempCorpus.ts';

const SKYWARD = 'The zeppelin company Skyward Lines was founded by Mira Okonkwo in 1931.\n';

const temp = useTempCorpus('corpus-qa-live-');

describe('live reload', () => {
  it('swaps atomically: the old engine answers until the new one is complete, and keeps its answers', async () => {
    const live = await LiveEngine.open(temp.corpus, { cacheDir: temp.cache });
    const before = live.engine;
    await writeFile(join(temp.corpus, 'skyward.txt'), SKYWARD);
    const reloading = live.reload();
    expect(live.engine).toBe(before);
    const report = await reloading;
    expect(live.engine).not.toBe(before);
    expect(report).toMatchObject({ added: ['skyward'], changed: [], removed: [], documents: 5, fromSnapshot: false });
    expect(live.engine.answer('Who founded Skyward Lines?').quote).toContain('Mira Okonkwo');
    expect(before.document('skyward')).toBeUndefined();
    expect(before.answer("who met Portugal's minister?").answer).toBe('Ali Abbasov');
  });

  it('reports changed and removed documents', async () => {
    const live = await LiveEngine.open(temp.corpus, { cacheDir: temp.cache });
    const [first, second] = await readdir(temp.corpus);
    await writeFile(join(temp.corpus, first!), SKYWARD);
    await unlink(join(temp.corpus, second!));
    const report = await live.reload();
    expect(report.changed).toEqual([first!.replace('.txt', '')]);
    expect(report.removed).toEqual([second!.replace('.txt', '')]);
    expect(report.documents).toBe(3);
  });

  it('analyzes only the files whose text changed, and recognises names in those alone', async () => {
    const live = await LiveEngine.open(temp.corpus, { cacheDir: temp.cache, entities: true });
    const before = live.engine;
    const [edited] = await readdir(temp.corpus);
    const editedId = edited!.replace('.txt', '');
    await writeFile(join(temp.corpus, edited!), SKYWARD);
    const report = await live.reload({ force: true });
    expect(report.changed).toEqual([editedId]);
    const after = live.engine;
    for (const document of after.documents) {
      if (document.id === editedId) expect(document).not.toBe(before.document(editedId));
      else expect(document).toBe(before.document(document.id));
    }
    expect(after.entities.card('Mira Okonkwo')?.type).toBe('person');
    expect(before.entities.card('Mira Okonkwo')).toBeUndefined();
    const kept = after.toSnapshot().mentions!.filter((mention) => mention.doc.id !== editedId);
    const keptBefore = before.toSnapshot().mentions!.filter((mention) => mention.doc.id !== editedId);
    expect(kept.length).toBeGreaterThan(10);
    for (const [i, mention] of kept.entries()) expect(mention).toBe(keptBefore[i]);
    expect(after.answer('Who founded Skyward Lines?').quote).toContain('Mira Okonkwo');
  });

  it('runs one reload at a time and one more for calls made meanwhile', async () => {
    const live = await LiveEngine.open(temp.corpus, { cacheDir: temp.cache });
    const reports: ReloadReport[] = [];
    const first = live.reload({ force: true });
    await writeFile(join(temp.corpus, 'skyward.txt'), SKYWARD);
    const second = live.reload();
    const third = live.reload();
    expect(third).toBe(second);
    reports.push(await first, await second);
    expect(reports[1]!.documents).toBe(5);
    expect(live.engine.document('skyward')?.title).toBe(SKYWARD.trim());
  });

  it('keeps answering with the old engine when a reload fails', async () => {
    const errors: string[] = [];
    const live = await LiveEngine.open(temp.corpus, { cacheDir: temp.cache, onReloadError: (error) => errors.push(error.message) });
    const before = live.engine;
    await rm(temp.corpus, { recursive: true });
    await expect(live.reload()).rejects.toThrow(`corpus folder not found: ${temp.corpus}`);
    expect(live.engine).toBe(before);
    expect(errors).toEqual([`corpus folder not found: ${temp.corpus}`]);
  });

  it('reloads by itself when a corpus file is written while watching', async () => {
    const reloaded = new Promise<ReloadReport>((resolve) => {
      void LiveEngine.open(temp.corpus, { cacheDir: temp.cache, debounceMs: 50, onReload: resolve }).then(async (live) => {
        live.watch();
        await writeFile(join(temp.corpus, 'skyward.txt'), SKYWARD);
        void reloaded.finally(() => live.close());
      });
    });
    expect((await reloaded).added).toEqual(['skyward']);
  });
});
