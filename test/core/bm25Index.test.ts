import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { CorpusDocument } from '../../src/corpus/types.ts';
import { defaultOptions } from '../../src/options.ts';
import { Bm25Index, type FieldTerms } from '../../src/search/bm25Index.ts';
import { normalizeTerm, termsOf, tokenize } from '../../src/text/terms.ts';

const QUERIES = [
  "who met Portugal's minister?",
  'satellite satellites launch 2030',
  'Azerbaijan Portugal cooperation in ICT and space',
  'the minister met the minister',
  'Iran Turkey digital economy',
  'AzerTelecom',
  'no such words here xyzzy',
];

const search = { boosts: [defaultOptions.titleBoost, 1], bm25: defaultOptions.bm25 };

function fieldTerms(text: string): FieldTerms {
  return { distinctTokens: new Set(tokenize(text)).size, terms: termsOf(text) };
}

function passageEntries(documents: readonly CorpusDocument[]) {
  return documents.flatMap((document) => document.passages.map((passage) => ({ title: document.title, text: passage.text })));
}

describe('the compact BM25 index', () => {
  let documents: CorpusDocument[];
  let index: Bm25Index;
  let reference: MiniSearch<{ id: number; title: string; text: string }>;
  beforeAll(async () => {
    ({ documents } = await loadCorpus('corpus', defaultOptions));
    index = new Bm25Index(2);
    reference = new MiniSearch({
      fields: ['title', 'text'],
      tokenize,
      processTerm: normalizeTerm,
      searchOptions: { bm25: defaultOptions.bm25, boost: { title: defaultOptions.titleBoost } },
    });
    passageEntries(documents).forEach(({ title, text }, id) => {
      index.add([fieldTerms(title), fieldTerms(text)]);
      reference.add({ id, title, text });
    });
  });

  it('ranks and scores every passage exactly as minisearch does with the same fields and parameters', () => {
    for (const query of QUERIES) {
      const expected = reference.search(query).map((result) => ({ id: result.id as number, score: result.score }));
      const actual = index.search(termsOf(query), search);
      expect(
        actual.map((hit) => hit.id),
        query,
      ).toEqual(expected.map((hit) => hit.id));
      for (const [rank, hit] of actual.entries()) expect(hit.score).toBeCloseTo(expected[rank]!.score, 9);
    }
    expect(index.search(termsOf("who met Portugal's minister?"), search).length).toBeGreaterThan(3);
    expect(index.search(termsOf('xyzzy'), search)).toEqual([]);
  });

  it('searches only the given range of entries', () => {
    const all = index.search(termsOf('Portugal minister'), search);
    const within = index.search(termsOf('Portugal minister'), { ...search, range: { from: 5, to: 12 } });
    expect(within.length).toBeGreaterThan(0);
    expect(within).toEqual(all.filter((hit) => hit.id >= 5 && hit.id < 12));
  });

  it('counts the passages that hold a term in each field', () => {
    const portugal = normalizeTerm('Portugal')!;
    const inText = passageEntries(documents).filter(({ text }) => termsOf(text).includes(portugal)).length;
    expect(inText).toBeGreaterThan(1);
    expect(index.entryFrequency(portugal, 1)).toBe(inText);
    expect(index.entryFrequency('xyzzy', 1)).toBe(0);
  });

  it('gives the same results when restored from its state, and when entries are added after a search', () => {
    const query = termsOf('Azerbaijan Portugal cooperation');
    const restored = Bm25Index.fromState(index.toState());
    expect(restored.search(query, search)).toEqual(index.search(query, search));

    const entries = passageEntries(documents);
    const grown = new Bm25Index(2);
    for (const { title, text } of entries.slice(0, 10)) grown.add([fieldTerms(title), fieldTerms(text)]);
    expect(grown.search(query, search).length).toBeGreaterThan(0);
    for (const { title, text } of entries.slice(10)) grown.add([fieldTerms(title), fieldTerms(text)]);
    expect(grown.search(query, search)).toEqual(index.search(query, search));
  });

  it('refuses a state whose arrays do not fit together', () => {
    const { terms, fields } = index.toState();
    const [title, text] = fields;
    expect(() => Bm25Index.fromState({ terms: terms.slice(1), fields: [title!, text!] })).toThrow(/index arrays do not fit/);
  });
});
