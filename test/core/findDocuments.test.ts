import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
});

const found = (typed: string, limit?: number) => engine.findDocuments(typed, limit).map((document) => document.id);

describe('finding documents by title as it is typed', () => {
  it('matches the start of title words, every word typed, and forgives a typo', () => {
    expect(found('azerbaijani ict')).toEqual(['001_84108df0aac265aa']);
    expect(found('Portgal')).toEqual(['001_84108df0aac265aa']);
    expect(found('ict')).toEqual(['001_84108df0aac265aa', '000_f68f3fbda75e491a']);
    expect(engine.document(found('ict')[1]!)?.title).toMatch(/\bICT\b/);
  });

  it('matches a document id too', () => {
    expect(found('003_31b3')).toEqual(['003_31b3e27154ee3997']);
  });

  it('lists the documents in order for an empty query, at most as many as asked', () => {
    expect(found('')).toEqual(engine.documents.map((document) => document.id));
    expect(found('', 2)).toEqual(engine.documents.slice(0, 2).map((document) => document.id));
    expect(found('ict', 1)).toEqual(['001_84108df0aac265aa']);
    expect(found('ict', 0)).toEqual([]);
  });

  it('finds nothing for words no title holds, emoji or punctuation', () => {
    expect(found('lighthouse')).toEqual([]);
    expect(found('🎉')).toEqual([]);
    expect(found('...')).toEqual([]);
  });

  it('finds the same after the title index is built in slices', async () => {
    const fresh = await Engine.fromFolder('corpus');
    await fresh.prepareTitles({ sliceMs: 0 });
    expect(fresh.findDocuments('ict').map((document) => document.id)).toEqual(found('ict'));
  });
});
