import MiniSearch from 'minisearch';
import type { CorpusDocument, Passage } from '../corpus/types.ts';
import type { EngineOptions } from '../options.ts';
import { normalizeTerm, termsOf, tokenize } from '../text/terms.ts';

/** A retrieved passage and its BM25+ score. */
export interface PassageHit {
  passage: Passage;
  score: number;
}

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

  constructor(private readonly options: Pick<EngineOptions, 'bm25' | 'titleBoost'>) {
    this.search = new MiniSearch<IndexedPassage>({
      fields: ['title', 'text'],
      tokenize,
      processTerm: normalizeTerm,
      searchOptions: { bm25: options.bm25, boost: { title: options.titleBoost } },
    });
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

  /** Best passages for a query, optionally within one document, best first. */
  retrieve(query: string, limit: number, doc?: string): PassageHit[] {
    const filter = doc === undefined ? undefined : (result: { id: number }) => this.passages[result.id]?.doc === doc;
    const results = this.search.search(query, { filter });
    return results.slice(0, limit).map((result) => ({ passage: this.passages[result.id as number]!, score: result.score }));
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
