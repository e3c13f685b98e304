import MiniSearch, { type AsPlainObject } from 'minisearch';
import { yieldToEventLoop } from '../corpus/loadCorpus.ts';
import type { CorpusDocument, Passage } from '../corpus/types.ts';
import type { EngineOptions } from '../options.ts';
import { normalizeTerm, termsOf, tokenize } from '../text/terms.ts';

/** A retrieved passage and its BM25+ score. */
export interface PassageHit {
  passage: Passage;
  score: number;
}

/** What a snapshot stores of the index; passages and title terms are re-derived from the documents. */
export interface PassageIndexSnapshot {
  search: AsPlainObject;
  passageFrequency: [string, number][];
}

/** How many passages the rare words' search passes on to be reordered by the common words left out. */
const RESCORED_CANDIDATES = 200;

/** The engine options the index reads. */
export type IndexOptions = Pick<EngineOptions, 'bm25' | 'titleBoost' | 'maxQueryPostings'>;

interface IndexedPassage {
  id: number;
  title: string;
  text: string;
}

/**
 * BM25 retrieval over passages (minisearch), with the project's term pipeline on both sides and the
 * passage frequency of every term, which sentence ranking needs for IDF weights.
 */
export class PassageIndex {
  readonly passages: Passage[] = [];
  private readonly titleTermsByDoc = new Map<string, ReadonlySet<string>>();
  private readonly search: MiniSearch<IndexedPassage>;
  private readonly passageFrequency = new Map<string, number>();

  constructor(private readonly options: IndexOptions, restored?: AsPlainObject) {
    // loadJS needs the same tokenizer, term pipeline and search options the index was built with.
    const searchOptions = {
      fields: ['title', 'text'],
      tokenize,
      processTerm: normalizeTerm,
      searchOptions: { bm25: options.bm25, boost: { title: options.titleBoost } },
    };
    this.search = restored ? MiniSearch.loadJS<IndexedPassage>(restored, searchOptions) : new MiniSearch<IndexedPassage>(searchOptions);
  }

  /**
   * Restores an index saved by `toSnapshot` over the same documents, in the same order, without re-analysing
   * any text (passage ids are positions in that order).
   */
  static fromSnapshot(
    options: IndexOptions,
    documents: readonly CorpusDocument[],
    snapshot: PassageIndexSnapshot,
  ): PassageIndex {
    const index = new PassageIndex(options, snapshot.search);
    for (const document of documents) {
      index.titleTermsByDoc.set(document.id, new Set(termsOf(document.title)));
      for (const passage of document.passages) index.passages.push(passage);
    }
    if (index.passages.length !== index.search.documentCount) {
      throw new Error(`corpus-qa: snapshot index has ${index.search.documentCount} passages, documents have ${index.passages.length}`);
    }
    for (const [term, count] of snapshot.passageFrequency) index.passageFrequency.set(term, count);
    return index;
  }

  /** The index state needed by `fromSnapshot`. */
  toSnapshot(): PassageIndexSnapshot {
    return { search: this.search.toJSON(), passageFrequency: [...this.passageFrequency] };
  }

  /** Adds every passage of `documents`. */
  addDocuments(documents: readonly CorpusDocument[]): void {
    const batch: IndexedPassage[] = [];
    for (const document of documents) {
      this.titleTermsByDoc.set(document.id, new Set(termsOf(document.title)));
      for (const passage of document.passages) {
        const id = this.passages.length;
        this.passages.push(passage);
        batch.push({ id, title: document.title, text: passage.text });
        for (const term of new Set(termsOf(passage.text))) {
          this.passageFrequency.set(term, (this.passageFrequency.get(term) ?? 0) + 1);
        }
      }
    }
    this.search.addAll(batch);
  }

  /**
   * Adds documents one at a time, yielding to the event loop whenever `sliceMs` has passed: the result equals
   * one `addDocuments` call, and no slice runs much longer than `sliceMs` (fixed-size batches ran 150-350 ms).
   */
  async addDocumentsInSlices(documents: readonly CorpusDocument[], sliceMs: number, onIndexed?: (documents: number) => void): Promise<void> {
    let sliceStart = performance.now();
    for (const [position, document] of documents.entries()) {
      this.addDocuments([document]);
      if (performance.now() - sliceStart > sliceMs) {
        onIndexed?.(position + 1);
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    onIndexed?.(documents.length);
  }

  /**
   * Best passages for a query, optionally within one document, best first. When common words were left out
   * of the search (see `splitQuery`), more candidates are fetched and each gets the BM25 weight of the
   * left-out words it holds back, so those words still order the passages the rare ones found.
   */
  retrieve(query: string, limit: number, doc?: string): PassageHit[] {
    const filter = doc === undefined ? undefined : (result: { id: number }) => this.passages[result.id]?.doc === doc;
    const { searched, leftOut } = this.splitQuery(query);
    const results = this.search.search(searched, { filter });
    if (leftOut.length === 0) {
      return results.slice(0, limit).map((result) => ({ passage: this.passages[result.id as number]!, score: result.score }));
    }
    const rescored = results.slice(0, Math.max(limit, RESCORED_CANDIDATES)).map((result) => {
      const passage = this.passages[result.id as number]!;
      return { passage, score: result.score + this.leftOutWeight(passage, leftOut) };
    });
    return rescored.sort((a, b) => b.score - a.score || a.passage.start - b.passage.start).slice(0, limit);
  }

  /**
   * Splits the query into the words worth searching for and the common ones left out. minisearch scores
   * every passage that holds any query word, so on a large corpus a common word ("said", "year") costs more
   * time than all the rare ones together. Words are taken rarest first until they match `maxQueryPostings`
   * passages in all; the rarest is always kept, and below that size of corpus nothing is left out.
   */
  private splitQuery(query: string): { searched: string; leftOut: string[] } {
    const words = tokenize(query).flatMap((word) => {
      const term = normalizeTerm(word);
      return term === null ? [] : [{ word, term, postings: this.passageFrequency.get(term) ?? 0 }];
    });
    let total = words.reduce((sum, { postings }) => sum + postings, 0);
    if (total <= this.options.maxQueryPostings) return { searched: query, leftOut: [] };
    const kept: string[] = [];
    const leftOut: string[] = [];
    total = 0;
    for (const { word, term, postings } of [...words].sort((a, b) => a.postings - b.postings)) {
      if (leftOut.length > 0 || (kept.length > 0 && total + postings > this.options.maxQueryPostings)) {
        if (!leftOut.includes(term)) leftOut.push(term);
        continue;
      }
      kept.push(word);
      total += postings;
    }
    return { searched: kept.join(' '), leftOut };
  }

  /** BM25 weight (term-frequency saturation, no length normalisation) of the given terms in a passage. */
  private leftOutWeight(passage: Passage, terms: readonly string[]): number {
    const { k } = this.options.bm25;
    const counts = new Map<string, number>();
    for (const term of termsOf(passage.text)) if (terms.includes(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
    let weight = 0;
    for (const [term, tf] of counts) weight += (this.idf(term) * tf * (k + 1)) / (tf + k);
    return weight;
  }

  /** Index terms of a document's title. */
  titleTerms(doc: string): ReadonlySet<string> {
    return this.titleTermsByDoc.get(doc) ?? new Set();
  }

  /** Inverse passage frequency of an index term (BM25's IDF), high for rare terms. */
  idf(term: string): number {
    const n = this.passages.length;
    const df = this.passageFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}
