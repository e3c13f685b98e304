import type pg from 'pg';
import type { CorpusDocument } from '../corpus/corpusDocument.ts';
import {
  type MissingData,
  NotFetchedError,
  type PassageHit,
  type Retrieval,
  type RetrievalOptions,
  type RetrieveOptions,
  type SavedIndex,
  type StoredRetriever,
} from '../search/retriever.ts';
import type { Steps } from '../slices.ts';
import { normalizeTerm, termsOf, tokenizeNames } from '../text/terms.ts';
import { FIELDS, type FieldName, lexeme, termFrequencies } from './passageRows.ts';

/** How many passages the rarest words' search passes on to be reordered by all of the question's words (as minisearch's retriever). */
const RESCORED_CANDIDATES = 200;
/** Documents kept after a question read them: the next questions often read the same ones. */
const KEPT_DOCUMENTS = 256;
const KEPT_RETRIEVALS = 256;
const KEPT_TERMS = 100_000;

/** How many passages hold a term, per field (BM25's document frequencies). */
type TermFrequency = Record<FieldName, number>;

/** What BM25 reads of the whole corpus: its passages, and each field's average length. */
interface CorpusSize {
  passages: number;
  averageLengths: number[];
}

/** A passage the full-text search found: its index terms as PostgreSQL prints them, and its fields' lengths. */
interface FoundPassage {
  doc: string;
  passage: number;
  vector: string;
  lengths: number[];
}

/** A retrieval as the database returned it: passages by document and number, best first. */
interface StoredHit {
  doc: string;
  passage: number;
  score: number;
}

/** One term of a query and its weight. */
interface QueryTerm {
  term: string;
  weight: number;
}

const NO_FREQUENCY: TermFrequency = { title: 0, text: 0, headings: 0, code: 0 };

/**
 * The passage index of one corpus folder in PostgreSQL (written by `writeSearchIndex`), behind the retrieval
 * seam. A question's passages are found by full-text search over the passages' weighted terms (title A,
 * headings B, prose C, code D, weighed by the engine's boosts), each question term counted at its BM25 IDF
 * (`search_terms`) times its weight, the rarest words first on a large corpus as minisearch's retriever
 * does; the passages come back with their whole documents, and the engine's own sentence ranking, short
 * answers and confidence read them. Holds only what recent questions read (`StoredRetriever`); `forget`
 * drops what changed in the database.
 *
 * Not yet read: a misspelt question word (no spelling correction: a word the index lacks is left out).
 */
export class PostgresRetriever implements StoredRetriever {
  private size: CorpusSize | undefined;
  private readonly frequencies = new Map<string, TermFrequency>();
  private readonly documents = new Map<string, CorpusDocument | null>();
  private readonly retrievals = new Map<string, StoredHit[]>();
  private readonly listeners: (() => void)[] = [];
  /** Counts `forget` calls: what a fetch begun before one got is not kept. */
  private generation = 0;

  constructor(
    private readonly pool: pg.Pool,
    /** The corpus folder the index is of, as `writeSearchIndex` keyed it. */
    readonly corpus: string,
    private readonly options: RetrievalOptions,
  ) {}

  get passageCount(): number {
    return this.corpusSize().passages;
  }

  idf(term: string): number {
    return inverseFrequency(this.passageFrequency(term), this.passageCount);
  }

  document(id: string): CorpusDocument | undefined {
    const document = this.documents.get(id);
    if (document === undefined) throw new NotFetchedError({ documents: [id] });
    return document ?? undefined;
  }

  retrieve(question: string, options: RetrieveOptions): Retrieval {
    const read = this.read(question, options.related ?? []);
    if ('missing' in read) throw new NotFetchedError({ terms: read.missing, retrieval: { question, options } });
    const found = this.retrievals.get(retrievalKey(read.query, options));
    if (!found) throw new NotFetchedError({ retrieval: { question, options } });
    const hits: PassageHit[] = [];
    const unfetched = found.filter((hit) => !this.documents.has(hit.doc)).map((hit) => hit.doc);
    if (unfetched.length > 0) throw new NotFetchedError({ documents: unfetched });
    for (const { doc, passage, score } of found) {
      const stored = this.documents.get(doc)?.passages[passage];
      if (stored) hits.push({ passage: stored, score });
    }
    return { hits, corrections: new Map() };
  }

  async fetch(missing: MissingData): Promise<void> {
    const generation = this.generation;
    const retrieval = missing.retrieval;
    const wanted = [
      ...(missing.terms ?? []),
      ...(missing.question === undefined ? [] : termsOf(missing.question, { names: true })),
      ...(retrieval ? queryTermsOf(retrieval.question, retrieval.options.related ?? []) : []),
    ];
    await this.fetchFrequencies(wanted, generation);
    const docs = new Set(missing.documents ?? []);
    if (retrieval) {
      const read = this.read(retrieval.question, retrieval.options.related ?? []);
      if ('missing' in read) return; // changed meanwhile: the next round asks again
      const hits = await this.search(read.query, retrieval.options);
      if (generation !== this.generation) return;
      remember(this.retrievals, retrievalKey(read.query, retrieval.options), hits, KEPT_RETRIEVALS);
      for (const hit of hits) docs.add(hit.doc);
    }
    await this.fetchDocuments(
      [...docs].filter((id) => !this.documents.has(id)),
      generation,
    );
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Drops what was fetched of documents that changed in the database (`null`: any may have), with every
   * kept retrieval and term frequency (a change moves them all), then tells the listeners.
   */
  forget(documents: readonly string[] | null): void {
    this.generation += 1;
    this.size = undefined;
    this.frequencies.clear();
    this.retrievals.clear();
    if (documents === null) this.documents.clear();
    else for (const id of documents) this.documents.delete(id);
    for (const listener of this.listeners) listener();
  }

  add(): void {
    throw writtenByIndexer();
  }

  addSteps(): Steps<void> {
    throw writtenByIndexer();
  }

  remove(): void {
    throw writtenByIndexer();
  }

  save(): SavedIndex {
    throw new Error('corpus-qa: a PostgreSQL index is kept in the database, not in a snapshot');
  }

  /** The question's terms that the index holds, each at weight 1, then the related terms it holds at theirs; or the terms whose frequency is unknown. */
  private read(question: string, related: readonly QueryTerm[]): { query: QueryTerm[] } | { missing: string[] } {
    const missing = queryTermsOf(question, related).filter((term) => !this.frequencies.has(term));
    if (missing.length > 0 || this.size === undefined) return { missing };
    const query: QueryTerm[] = [];
    for (const word of tokenizeNames(question)) {
      const term = normalizeTerm(word);
      if (term !== null && this.holds(term)) query.push({ term, weight: 1 });
    }
    const asked = new Set(query.map(({ term }) => term));
    for (const { term, weight } of related) {
      if (asked.has(term) || !this.holds(term)) continue;
      asked.add(term);
      query.push({ term, weight });
    }
    return { query };
  }

  private frequency(term: string): TermFrequency {
    if (term.includes(' ')) return NO_FREQUENCY; // no index term has a space (UNHELD_TERM)
    const known = this.frequencies.get(term);
    if (!known) throw new NotFetchedError({ terms: [term] });
    return known;
  }

  private corpusSize(): CorpusSize {
    if (this.size === undefined) throw new NotFetchedError({ terms: [] });
    return this.size;
  }

  /** Passages whose prose or code holds the term (a passage holding it in both counts twice, as in minisearch's retriever). */
  private passageFrequency(term: string): number {
    const { text, code } = this.frequency(term);
    return text + code;
  }

  private holds(term: string): boolean {
    const { title, text, headings, code } = this.frequency(term);
    return title + text + headings + code > 0;
  }

  /**
   * Full-text search for the query: passages holding any of its rarest words (`rarestFirst`), the best
   * `RESCORED_CANDIDATES` by ts_rank (field weights, length normalised) × IDF × weight over those words,
   * then ordered by all the query's words with minisearch's own BM25+ (`bm25Score`), so that where the
   * candidates hold every passage the query matches, the order is the embedded index's.
   */
  private async search(query: readonly QueryTerm[], options: RetrieveOptions): Promise<StoredHit[]> {
    if (query.length === 0) return [];
    const searched = new Set(this.rarestFirst(query));
    const boosts = this.boosts();
    const largest = Math.max(...Object.values(boosts));
    // ts_rank's weights are {D, C, B, A}, each at most 1.
    const weights = ['D', 'C', 'B', 'A'].map((weight) => boosts[FIELDS.find((field) => field.weight === weight)!.name] / largest);
    const first = [...searched];
    const { rows } = await this.pool.query<FoundPassage>(
      `SELECT p.doc, p.passage, p.terms::text AS vector, p.field_lengths AS lengths
       FROM search_passages p
       WHERE p.corpus = $1 AND p.terms @@ $5::tsquery AND ($6::text IS NULL OR p.doc = $6)
       ORDER BY (SELECT SUM(ts_rank($2::float4[], p.terms, q.query, 1) * q.weight) FROM unnest($3::tsquery[], $4::float8[]) AS q(query, weight)) DESC,
         p.doc, p.passage
       LIMIT $7`,
      [
        this.corpus,
        weights,
        first.map(({ term }) => lexeme(term)),
        first.map(({ term, weight }) => weight * this.idf(term)),
        first.map(({ term }) => lexeme(term)).join(' | '),
        options.doc ?? null,
        Math.max(options.limit, RESCORED_CANDIDATES),
      ],
    );
    const terms = new Set(query.map(({ term }) => term));
    return rows
      .map(({ doc, passage, vector, lengths }) => ({ doc, passage, score: this.bm25Score(query, termFrequencies(vector, terms), lengths) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, options.limit);
  }

  /**
   * A passage's score for the query as minisearch's retriever scores it: per query word and field that
   * holds it, BM25+ (the engine's k, b and d; the field's document frequency and average length) × the
   * field's boost × the word's weight, summed, times the number of the query's words it holds.
   */
  private bm25Score(query: readonly QueryTerm[], frequencies: ReadonlyMap<string, number[]>, lengths: readonly number[]): number {
    const { passages, averageLengths } = this.corpusSize();
    const { k, b, d } = this.options.bm25;
    const boosts = this.boosts();
    let score = 0;
    const matched = new Set<string>();
    for (const { term, weight } of query) {
      const counts = frequencies.get(term);
      if (!counts) continue;
      matched.add(term);
      const df = this.frequency(term);
      for (const [i, { name }] of FIELDS.entries()) {
        const tf = counts[i]!;
        if (tf === 0) continue;
        const norm = 1 - b + (b * lengths[i]!) / averageLengths[i]!;
        score += weight * boosts[name] * inverseFrequency(df[name], passages) * (d + (tf * (k + 1)) / (tf + k * norm));
      }
    }
    return score * matched.size;
  }

  private boosts(): Record<FieldName, number> {
    const { titleBoost, headingBoost, codeBoost } = this.options;
    return { title: titleBoost, text: 1, headings: headingBoost, code: codeBoost };
  }

  /**
   * The query's rarest words, for the first search (minisearch's retriever's `rarestFirst`): a common
   * word costs more than all the rare ones together. Words are taken rarest first until they match
   * `maxQueryPostings` passages in all; the rarest is always kept.
   */
  private rarestFirst(query: readonly QueryTerm[]): QueryTerm[] {
    const words = query.map((entry) => ({ entry, postings: this.passageFrequency(entry.term) }));
    const total = words.reduce((sum, { postings }) => sum + postings, 0);
    if (total <= this.options.maxQueryPostings) return [...query];
    const searched: QueryTerm[] = [];
    let kept = 0;
    for (const { entry, postings } of words.sort((a, b) => a.postings - b.postings)) {
      if (searched.length > 0 && kept + postings > this.options.maxQueryPostings) break;
      searched.push(entry);
      kept += postings;
    }
    return searched;
  }

  private async fetchFrequencies(terms: readonly string[], generation: number): Promise<void> {
    const unknown = [...new Set(terms)].filter((term) => !term.includes(' ') && !this.frequencies.has(term));
    if (unknown.length === 0 && this.size !== undefined) return;
    const [{ rows: corpora }, { rows }] = await Promise.all([
      this.pool.query<{ passages: number; lengths: number[] }>(
        'SELECT passages, field_lengths AS lengths FROM search_corpora WHERE corpus = $1',
        [this.corpus],
      ),
      this.pool.query<{ term: string } & TermFrequency>(
        'SELECT term, title, text, headings, code FROM search_terms WHERE corpus = $1 AND term = ANY($2)',
        [this.corpus, unknown],
      ),
    ]);
    if (generation !== this.generation) return;
    if (this.frequencies.size + unknown.length > KEPT_TERMS) this.frequencies.clear();
    const passages = corpora[0]?.passages ?? 0;
    this.size = {
      passages,
      averageLengths: (corpora[0]?.lengths ?? [0, 0, 0, 0]).map((length) => (passages > 0 ? Number(length) / passages : 0)),
    };
    for (const term of unknown) this.frequencies.set(term, NO_FREQUENCY);
    for (const { term, ...frequency } of rows) this.frequencies.set(term, frequency);
  }

  private async fetchDocuments(ids: readonly string[], generation: number): Promise<void> {
    if (ids.length === 0) return;
    const { rows } = await this.pool.query<{ id: string; document: CorpusDocument }>(
      'SELECT id, document FROM search_documents WHERE corpus = $1 AND id = ANY($2)',
      [this.corpus, ids],
    );
    if (generation !== this.generation) return;
    const found = new Map(rows.map((row) => [row.id, row.document]));
    for (const id of ids) remember(this.documents, id, found.get(id) ?? null, KEPT_DOCUMENTS);
  }
}

function writtenByIndexer(): Error {
  return new Error('corpus-qa: a PostgreSQL index is written by `npm run index -- --to postgres`, not through the engine');
}

/** BM25's inverse document frequency, as minisearch computes it. */
function inverseFrequency(df: number, passages: number): number {
  const matching = Math.min(passages, df);
  return Math.log(1 + (passages - matching + 0.5) / (matching + 0.5));
}

/** Every term a question (and its related terms) is read with: the frequencies `read` needs. */
function queryTermsOf(question: string, related: readonly QueryTerm[]): string[] {
  return [...termsOf(question, { names: true }), ...related.map(({ term }) => term)];
}

function retrievalKey(query: readonly QueryTerm[], options: RetrieveOptions): string {
  return JSON.stringify([query, options.limit, options.doc ?? null]);
}

/** Sets a key in a map kept to `size` entries, the oldest dropped first. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, size: number): void {
  map.delete(key);
  if (map.size >= size) map.delete(map.keys().next().value!);
  map.set(key, value);
}
