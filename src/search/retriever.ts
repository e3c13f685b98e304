import type { CorpusDocument, Passage } from '../corpus/corpusDocument.ts';
import type { EngineOptions } from '../options.ts';
import type { Steps } from '../slices.ts';

/** A retrieved passage and its BM25+ score. */
export interface PassageHit {
  passage: Passage;
  score: number;
}

export interface RetrieveOptions {
  /** How many passages to return, best first. */
  limit: number;
  /** Only passages of this document (an unknown id retrieves nothing). */
  doc?: string;
  /**
   * Index terms searched besides the question's words, each at its weight (below 1, the weight of a
   * question word): words that may stand for the question's in the corpus (synonyms, a glossary's).
   * Terms the index does not hold are ignored.
   */
  related?: readonly { term: string; weight: number }[];
}

/** What a retrieval found, and how it read the question's terms. */
export interface Retrieval {
  hits: PassageHit[];
  /**
   * Each question term the index does not hold ("azertelcom", "goverance"), mapped to the index terms it was
   * read as (a close spelling, or a word it starts), which were searched at a lower weight than exact terms.
   * Sentence ranking matches index terms, so it reads the question through these too.
   */
  corrections: ReadonlyMap<string, readonly string[]>;
}

/**
 * The index's state as named parts, for a snapshot: small facts in `meta` (kept in the manifest), bulk data
 * in `parts`, each written chunk by chunk, never as one string. An iterator throws when the index changes
 * while it is read; the saved state is then abandoned.
 */
export interface SavedIndex {
  meta: Record<string, unknown>;
  parts: Record<string, () => Iterable<Uint8Array>>;
}

/** A saved index handed back for restoring: its meta, and each part's bytes (checked before this is called). */
export interface StoredIndex {
  meta: unknown;
  part(name: string): Uint8Array;
}

/** The engine options retrieval reads. */
export type RetrievalOptions = Pick<EngineOptions, 'bm25' | 'titleBoost' | 'headingBoost' | 'codeBoost' | 'maxQueryPostings'>;

/**
 * The retrieval seam: what answering needs from a passage index. Passages and questions are read with the
 * project's term pipeline (`src/text/terms.ts`) on both sides, so document frequencies and matching agree
 * with sentence ranking.
 * The embedded implementation is minisearch (`miniSearchRetriever.ts`); an external engine fits behind the
 * same interface (see docs/architecture.md).
 */
export interface PassageRetriever {
  /** Number of passages searchable. */
  readonly passageCount: number;
  /**
   * The best passages for a question, best first: its words read with the project's term pipeline
   * (`src/text/terms.ts`, a word given twice counting twice), a word the index lacks read as its closest
   * spellings in the index, at a lower weight.
   */
  retrieve(question: string, options: RetrieveOptions): Retrieval;
  /** BM25's inverse document frequency of an index term over the passage texts: high for rare terms. */
  idf(term: string): number;
  /** Indexes a document's passages; a document with the same id must be removed first. */
  add(document: CorpusDocument): void;
  /**
   * `add` in steps of one passage, so that one long document (a 200-page PDF is one) can be indexed in
   * event-loop slices; the document is searchable once the steps have run.
   */
  addSteps(document: CorpusDocument): Steps<void>;
  /** Takes a document's passages out of the index; an unknown id is ignored. */
  remove(documentId: string): void;
  /** The index as parts for a snapshot (see `SavedIndex`). */
  save(): SavedIndex;
  /** `save` as steps that may pause, for an index whose saving walks all of it; `save` is used without. */
  saveSteps?(): Steps<SavedIndex>;
}

/** How an engine gets its retriever: empty, or restored from a snapshot over the same documents. */
export interface RetrieverFactory {
  create(options: RetrievalOptions): PassageRetriever;
  /**
   * Restores a retriever saved with `save()` over the same documents, in steps of at most `sliceMs` of
   * synchronous work. Throws an Error naming what does not fit when the saved state is inconsistent.
   */
  restore(stored: StoredIndex, documents: readonly CorpusDocument[], options: RetrievalOptions, sliceMs: number): Promise<PassageRetriever>;
}

/** A document as autocomplete lists it. */
export type DocumentTitle = Pick<CorpusDocument, 'id' | 'title' | 'date'>;

/** What answering read that a retriever over an external store had not fetched yet (see `StoredRetriever`). */
export interface MissingData {
  /** A question about to be answered: the frequencies of its terms, fetched ahead. */
  question?: string;
  /** Index terms whose passage frequency is not known here yet. */
  terms?: readonly string[];
  /** A retrieval not run yet: the question and its options as `retrieve` got them. */
  retrieval?: { question: string; options: RetrieveOptions };
  /** Documents by id not loaded yet. */
  documents?: readonly string[];
}

/**
 * Thrown by a `StoredRetriever`'s synchronous calls when answering needs data it has not fetched: the
 * engine (`Engine.ask`) fetches it and answers again. Never reaches a caller of `ask`.
 */
export class NotFetchedError extends Error {
  override readonly name = 'NotFetchedError';

  constructor(readonly missing: MissingData) {
    super('corpus-qa: this engine reads its index from a database: answer with `await engine.ask(question)`, not `engine.answer`');
  }
}

/**
 * A retriever over an index kept outside the process (PostgreSQL): it holds no corpus, only what recent
 * questions read. Its synchronous calls (`retrieve`, `idf`, `document`) answer from what it has fetched,
 * and throw NotFetchedError naming what they lack; `fetch` gets that, so the synchronous answer path runs
 * unchanged over the fetched data, once more.
 */
export interface StoredRetriever extends PassageRetriever {
  /** The document with this id, undefined when the index has none. */
  document(id: string): CorpusDocument | undefined;
  /**
   * Documents by title as it is typed (autocomplete), from the store: every typed word starting a word of
   * the title or id, best first, at most `limit`; an empty text lists them in the folder's order.
   */
  findTitles(typed: string, limit: number): Promise<DocumentTitle[]>;
  /** Fetches what a NotFetchedError named. */
  fetch(missing: MissingData): Promise<void>;
  /** Calls `listener` after documents changed in the store (what was fetched of them is dropped first). */
  onChange(listener: () => void): void;
}

/** Whether a retriever reads from an external store (and so answers through `Engine.ask`). */
export function isStoredRetriever(retriever: PassageRetriever): retriever is StoredRetriever {
  return 'fetch' in retriever && typeof retriever.fetch === 'function';
}
