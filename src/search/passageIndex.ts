import type { CorpusDocument, Passage } from '../corpus/types.ts';
import type { EngineOptions } from '../options.ts';
import { runStepsInSlices, type Steps } from '../slices.ts';
import { normalizeTerm, termsOf, tokenize } from '../text/terms.ts';
import { Bm25Index, type Bm25IndexState, type FieldTerms } from './bm25Index.ts';

/** A retrieved passage and its BM25+ score. */
export interface PassageHit {
  passage: Passage;
  score: number;
}

/** What a snapshot stores of the index; passages and title terms are re-derived from the documents. */
export type PassageIndexSnapshot = Bm25IndexState;

/** How many passages the rare words' search passes on to be reordered by the common words left out. */
const RESCORED_CANDIDATES = 200;

/** Index fields: 0 is the document title (boosted), 1 the passage text. */
const TEXT = 1;

/** The engine options the index reads. */
export type IndexOptions = Pick<EngineOptions, 'bm25' | 'titleBoost' | 'maxQueryPostings'>;

/** What the index keeps per document: its title terms and its passages' ids, `from <= id < to`. */
interface IndexedDocument {
  titleTerms: ReadonlySet<string>;
  from: number;
  to: number;
}

/**
 * BM25+ retrieval over passages, with the document title as a second, boosted field, the project's term
 * pipeline on both sides, and the passage frequency of every term, which sentence ranking needs for IDF.
 */
export class PassageIndex {
  readonly passages: Passage[] = [];
  private readonly documents = new Map<string, IndexedDocument>();

  private constructor(
    private readonly options: IndexOptions,
    private readonly index: Bm25Index,
  ) {}

  /** An empty index. */
  static empty(options: IndexOptions): PassageIndex {
    return new PassageIndex(options, new Bm25Index(2));
  }

  /**
   * Restores an index saved by `toSnapshot` over the same documents, in the same order, without re-analyzing
   * any text (passage ids are positions in that order).
   */
  static fromSnapshot(options: IndexOptions, documents: readonly CorpusDocument[], snapshot: PassageIndexSnapshot): PassageIndex {
    const index = new PassageIndex(options, Bm25Index.fromState(snapshot));
    for (const document of documents) index.addPassages(document);
    if (index.passages.length !== index.index.size) {
      throw new Error(`corpus-qa: snapshot index has ${index.index.size} passages, documents have ${index.passages.length}`);
    }
    return index;
  }

  /** The index state needed by `fromSnapshot`. */
  toSnapshot(): PassageIndexSnapshot {
    return this.index.toState();
  }

  /** Adds every passage of `documents`. */
  addDocuments(documents: readonly CorpusDocument[]): void {
    for (const document of documents) this.addDocument(document);
    this.index.freeze();
  }

  private addDocument(document: CorpusDocument): void {
    const title = fieldTerms(document.title);
    for (const passage of document.passages) this.index.add([title, fieldTerms(passage.text)]);
    this.addPassages(document, title.terms);
  }

  /** Records a document's passages and title terms; their index entries are added by the caller. */
  private addPassages(document: CorpusDocument, titleTerms: readonly string[] = termsOf(document.title)): void {
    const from = this.passages.length;
    this.passages.push(...document.passages);
    this.documents.set(document.id, { titleTerms: new Set(titleTerms), from, to: this.passages.length });
  }

  /**
   * Adds documents one at a time, yielding to the event loop whenever `sliceMs` has passed: the result equals
   * one `addDocuments` call, and no slice runs much longer than `sliceMs` (fixed-size batches ran 150-350 ms).
   */
  async addDocumentsInSlices(
    documents: readonly CorpusDocument[],
    sliceMs: number,
    onIndexed?: (documents: number) => void,
  ): Promise<void> {
    await runStepsInSlices(this.addDocumentSteps(documents), sliceMs, onIndexed);
    this.index.freeze();
    onIndexed?.(documents.length);
  }

  /** Adds one document per step; each step yields how many are done. */
  private *addDocumentSteps(documents: readonly CorpusDocument[]): Steps<void, number> {
    for (const [position, document] of documents.entries()) {
      this.addDocument(document);
      yield position + 1;
    }
  }

  /**
   * Best passages for a query, optionally within one document, best first. When common words were left out
   * of the search (see `splitQuery`), more candidates are fetched and each gets the BM25 weight of the
   * left-out words it holds back, so those words still order the passages the rare ones found.
   */
  retrieve(query: string, limit: number, doc?: string): PassageHit[] {
    const range = doc === undefined ? undefined : this.documents.get(doc);
    if (doc !== undefined && range === undefined) return [];
    const { searched, leftOut } = this.splitQuery(query);
    const hits = this.index.search(searched, { boosts: [this.options.titleBoost, 1], bm25: this.options.bm25, range });
    if (leftOut.length === 0) {
      return hits.slice(0, limit).map((hit) => ({ passage: this.passages[hit.id]!, score: hit.score }));
    }
    const rescored = hits.slice(0, Math.max(limit, RESCORED_CANDIDATES)).map((hit) => {
      const passage = this.passages[hit.id]!;
      return { passage, score: hit.score + this.leftOutWeight(passage, leftOut) };
    });
    return rescored.sort((a, b) => b.score - a.score || a.passage.start - b.passage.start).slice(0, limit);
  }

  /**
   * Splits the query into the words worth searching for and the common ones left out. The index scores
   * every passage that holds any query word, so on a large corpus a common word ("said", "year") costs more
   * time than all the rare ones together. Words are taken rarest first until they match `maxQueryPostings`
   * passages in all; the rarest is always kept, and below that size of corpus nothing is left out.
   */
  private splitQuery(query: string): { searched: string[]; leftOut: string[] } {
    const words = termsOf(query).map((term) => ({ term, postings: this.passageFrequency(term) }));
    let total = words.reduce((sum, { postings }) => sum + postings, 0);
    if (total <= this.options.maxQueryPostings) return { searched: words.map(({ term }) => term), leftOut: [] };
    const kept: string[] = [];
    const leftOut: string[] = [];
    total = 0;
    for (const { term, postings } of [...words].sort((a, b) => a.postings - b.postings)) {
      if (leftOut.length > 0 || (kept.length > 0 && total + postings > this.options.maxQueryPostings)) {
        if (!leftOut.includes(term)) leftOut.push(term);
        continue;
      }
      kept.push(term);
      total += postings;
    }
    return { searched: kept, leftOut };
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
    return this.documents.get(doc)?.titleTerms ?? new Set();
  }

  /** Inverse passage frequency of an index term (BM25's IDF), high for rare terms. */
  idf(term: string): number {
    const n = this.passages.length;
    const df = this.passageFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Number of passages whose text holds the term. */
  private passageFrequency(term: string): number {
    return this.index.entryFrequency(term, TEXT);
  }
}

/** A field as minisearch measures it: length in distinct raw tokens, and its index terms. */
function fieldTerms(text: string): FieldTerms {
  const tokens = tokenize(text);
  const terms: string[] = [];
  for (const token of tokens) {
    const term = normalizeTerm(token);
    if (term !== null) terms.push(term);
  }
  return { distinctTokens: new Set(tokens).size, terms };
}
