import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CorpusDocument } from '../../src/corpus/corpusDocument.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { defaultOptions } from '../../src/options.ts';
import { miniSearchRetrievers } from '../../src/search/miniSearchRetriever.ts';
import type { PassageRetriever } from '../../src/search/retriever.ts';
import { normalizeTerm, termsOf, tokenize } from '../../src/text/terms.ts';

const QUERIES = [
  "who met Portugal's minister?",
  'satellite satellites launch 2030',
  'Azerbaijan Portugal cooperation in ICT and space',
  'the minister met the minister',
  'Iran Turkey digital economy',
  'AzerTelecom',
];

/** minisearch as its documentation configures it, over the same passages, fields and parameters. */
function plainMiniSearch(documents: readonly CorpusDocument[]) {
  const search = new MiniSearch<{ id: string; title: string; text: string }>({
    fields: ['title', 'text'],
    tokenize,
    processTerm: normalizeTerm,
    searchOptions: { bm25: defaultOptions.bm25, boost: { title: defaultOptions.titleBoost } },
  });
  for (const document of documents) {
    for (const passage of document.passages)
      search.add({ id: passage.id, title: document.titleFromLead ? '' : document.title, text: passage.text });
  }
  return search;
}

const retrieve = (retriever: PassageRetriever, question: string, doc?: string) =>
  retriever.retrieve(question, { limit: 1000, ...(doc !== undefined && { doc }) });
const ranking = (retriever: PassageRetriever, question: string, doc?: string) =>
  retrieve(retriever, question, doc).hits.map((hit) => [hit.passage.id, hit.score]);

describe('passage retrieval on minisearch', () => {
  let documents: CorpusDocument[];
  let retriever: PassageRetriever;
  beforeAll(async () => {
    ({ documents } = await loadCorpus('corpus', defaultOptions));
    retriever = miniSearchRetrievers.create(defaultOptions);
    for (const document of documents) retriever.add(document);
  });

  it('ranks and scores passages exactly as plain minisearch does with the same fields and parameters', () => {
    const plain = plainMiniSearch(documents);
    for (const question of QUERIES) {
      expect(ranking(retriever, question), question).toEqual(plain.search(question).map((result) => [result.id, result.score]));
    }
  });

  it('keeps the golden rankings of the shipped corpus', () => {
    const top = (question: string) =>
      retrieve(retriever, question)
        .hits.slice(0, 6)
        .map((hit) => [hit.passage.id, Number(hit.score.toFixed(4))]);
    expect(top("who met Portugal's minister?")).toEqual([
      ['001_84108df0aac265aa#0', 31.2339],
      ['001_84108df0aac265aa#1', 13.708],
      ['002_b4e39bc22c88a020#1', 13.5211],
      ['001_84108df0aac265aa#5', 13.3827],
      ['002_b4e39bc22c88a020#2', 13.0705],
      ['001_84108df0aac265aa#2', 8.8517],
    ]);
    expect(top('the minister met the minister')).toEqual([
      ['002_b4e39bc22c88a020#1', 17.5149],
      ['002_b4e39bc22c88a020#2', 16.4141],
      ['001_84108df0aac265aa#0', 13.5757],
      ['000_f68f3fbda75e491a#1', 11.3046],
      ['000_f68f3fbda75e491a#2', 11.0574],
      ['000_f68f3fbda75e491a#0', 5.4741],
    ]);
  });

  it('retrieves nothing for no terms, stop words only, or words the corpus lacks', () => {
    expect(retrieve(retriever, '').hits).toEqual([]);
    expect(retrieve(retriever, 'the of and').hits).toEqual([]);
    expect(retrieve(retriever, 'xyzzy qwv').hits).toEqual([]);
  });

  it('searches one document when asked, with the same scores', () => {
    const doc = '003_31b3e27154ee3997';
    const within = ranking(retriever, 'Azerbaijan Internet cable', doc);
    expect(within.length).toBeGreaterThan(1);
    expect(within).toEqual(ranking(retriever, 'Azerbaijan Internet cable').filter(([id]) => (id as string).startsWith(`${doc}#`)));
    expect(retrieve(retriever, 'Azerbaijan', 'no-such-document').hits).toEqual([]);
  });

  it('gives the IDF of a term over passage texts, highest for a term no passage holds', () => {
    const n = retriever.passageCount;
    const holding = documents.flatMap((d) => d.passages).filter((p) => termsOf(p.text).includes('portug')).length;
    expect(holding).toBeGreaterThan(1);
    expect(retriever.idf('portug')).toBeCloseTo(Math.log(1 + (n - holding + 0.5) / (holding + 0.5)), 12);
    expect(retriever.idf('xyzzy')).toBeGreaterThan(retriever.idf('portug'));
  });

  it('answers as a fresh index after a document is removed and added again', () => {
    const changed = miniSearchRetrievers.create(defaultOptions);
    for (const document of documents) changed.add(document);
    changed.remove(documents[1]!.id);
    expect(ranking(changed, 'Portugal minister').some(([id]) => (id as string).startsWith(documents[1]!.id))).toBe(false);
    changed.add(documents[1]!);
    for (const question of QUERIES) {
      const fresh = ranking(retriever, question).map(([id, score]) => [id, Number((score as number).toFixed(9))]);
      const again = ranking(changed, question).map(([id, score]) => [id, Number((score as number).toFixed(9))]);
      expect(new Set(again.map(String)), question).toEqual(new Set(fresh.map(String)));
    }
    changed.remove('no-such-document');
    expect(changed.passageCount).toBe(retriever.passageCount);
  });
});
