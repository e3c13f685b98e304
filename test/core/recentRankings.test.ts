import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import { MiniSearchRetriever, miniSearchRetrievers } from '../../src/search/miniSearchRetriever.ts';
import type { RetrievalOptions, RetrieveOptions } from '../../src/search/retriever.ts';

/** The real retriever, counting how often it is asked. */
class CountingRetriever extends MiniSearchRetriever {
  retrievals = 0;
  override retrieve(question: string, options: RetrieveOptions) {
    this.retrievals += 1;
    return super.retrieve(question, options);
  }
}

const question = "who met Portugal's minister?";
const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-rankings-'));
const corpus = join(scratch, 'corpus');
let engine: Engine;
let counting: CountingRetriever;

beforeAll(async () => {
  cpSync('corpus', corpus, { recursive: true });
  engine = await Engine.fromFolder(corpus, {
    retrievers: { ...miniSearchRetrievers, create: (options: RetrievalOptions) => (counting = new CountingRetriever(options)) },
  });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a question asked again for more sources', () => {
  it('reuses its ranking: the same sentences, one retrieval', () => {
    const first = engine.answer(question);
    const before = counting.retrievals;
    const more = engine.answer(question, { top: 8 });
    expect(counting.retrievals).toBe(before);
    expect(more.answer).toBe('Ali Abbasov');
    expect(more.sentences.slice(0, first.sentences.length)).toEqual(first.sentences);
    expect(more.sentences.length).toBeGreaterThan(first.sentences.length);
  });

  it('is ranked again with other feedback, and after the corpus changes', async () => {
    const first = engine.answer(question);
    let before = counting.retrievals;
    engine.answer(question, { feedback: { demote: [first.sentences[0]!] } });
    expect(counting.retrievals).toBeGreaterThan(before);
    writeFileSync(join(corpus, 'ferry.txt'), 'Ferry news\n\nThe island ferry now sails twice a day.\n');
    await engine.refresh(corpus);
    before = counting.retrievals;
    expect(engine.answer(question).answer).toBe('Ali Abbasov');
    expect(counting.retrievals).toBeGreaterThan(before);
  });
});
