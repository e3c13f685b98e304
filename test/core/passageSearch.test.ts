import { beforeAll, describe, expect, it } from 'vitest';
import type { CorpusDocument } from '../../src/corpus/corpusDocument.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { defaultOptions } from '../../src/options.ts';
import { IndexChangedError, type IndexedPassage, PassageSearch } from '../../src/search/passageSearch.ts';
import { runSteps } from '../../src/slices.ts';

function concat(chunks: Iterable<Uint8Array>): Uint8Array {
  return new Uint8Array(Buffer.concat([...chunks]));
}

/** toJSON with the terms keyed by term: the radix tree lists terms in an order its insertion history shapes. */
function state(search: PassageSearch) {
  const json = search.toJSON();
  return { ...json, index: Object.fromEntries(json.index) };
}

function roundTrip(search: PassageSearch): PassageSearch {
  const { meta, parts } = search.saveParts();
  const bytes = { terms: concat(parts.terms()), postings: concat(parts.postings()), passages: concat(parts.passages()) };
  // Parsed back from JSON, as a snapshot's manifest hands it over.
  return runSteps(PassageSearch.restoreSteps(defaultOptions, JSON.parse(JSON.stringify(meta)), bytes));
}

describe('minisearch state in parts', () => {
  let entries: IndexedPassage[];
  beforeAll(async () => {
    const { documents } = await loadCorpus('corpus', defaultOptions);
    entries = documents
      .flatMap((document: CorpusDocument) =>
        document.passages.map((p) => ({ title: document.title, text: p.text, headings: p.headings.join(' '), code: '' })),
      )
      .map((entry, id) => ({ id, ...entry }));
  });

  it("restores exactly the index minisearch's own toJSON describes, and searches the same", () => {
    const search = new PassageSearch(defaultOptions);
    for (const entry of entries) search.add(entry);
    const restored = roundTrip(search);
    expect(state(restored)).toEqual(state(search));
    expect(restored.search('Portugal minister')).toEqual(search.search('Portugal minister'));
    expect(restored.documentFrequency('portug', 1)).toBe(search.documentFrequency('portug', 1));
  });

  it('restores an index that had passages removed, and keeps numbering after them', () => {
    const search = new PassageSearch(defaultOptions);
    for (const entry of entries) search.add(entry);
    for (const entry of entries.slice(3, 9)) search.remove(entry);
    const restored = roundTrip(search);
    expect(state(restored)).toEqual(state(search));
    expect(restored.nextPassageNumber).toBe(entries.length);
  });

  it('stops reading the parts once the index changes, so no snapshot mixes two states', () => {
    const search = new PassageSearch(defaultOptions);
    for (const entry of entries) search.add(entry);
    const { parts } = search.saveParts();
    expect(concat(parts.terms()).length).toBeGreaterThan(100);
    search.remove(entries[0]!);
    expect(() => concat(parts.postings())).toThrow(IndexChangedError);
    expect(() => concat(parts.terms())).toThrow('the index changed while it was being saved');
  });

  it('refuses parts that do not fit together', () => {
    const search = new PassageSearch(defaultOptions);
    for (const entry of entries) search.add(entry);
    const { meta, parts } = search.saveParts();
    const bytes = { terms: concat(parts.terms()), postings: concat(parts.postings()), passages: concat(parts.passages()) };
    const restore = (changed: Partial<typeof bytes>, changedMeta = {}) =>
      runSteps(PassageSearch.restoreSteps(defaultOptions, { ...meta, ...changedMeta }, { ...bytes, ...changed }));
    expect(() => restore({ postings: bytes.postings.slice(0, -4) })).toThrow(/index postings part holds \d+ ints, meta says \d+/);
    expect(() => restore({ passages: bytes.passages.slice(0, -24) })).toThrow(/index passages part holds \d+ passages, meta says \d+/);
    expect(() => restore({ terms: bytes.terms.slice(0, -1) })).toThrow('index terms part does not end with a line break');
    expect(() => restore({}, { terms: meta.terms + 1 })).toThrow(/^index has \d+ terms/);
    expect(() => restore({}, { byteOrder: meta.byteOrder === 'LE' ? 'BE' : 'LE' })).toThrow(/index written on a (LE|BE) machine/);
  });
});
