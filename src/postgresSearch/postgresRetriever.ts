import type pg from 'pg';
import type { CorpusDocument } from '../corpus/corpusDocument.ts';
import { setMostRecent } from '../recentlyUsed.ts';
import type { Spelling } from '../search/passageSearch.ts';
import { inverseFrequency, type QueryTerm, queryOf, RESCORED_CANDIDATES, rarestFirst } from '../search/queryTerms.ts';
import {
  type DocumentTitle,
  type MissingData,
  NotFetchedError,
  type PassageHit,
  type Retrieval,
  type RetrievalOptions,
  type RetrieveOptions,
  type SavedIndex,
  type StoredRetriever,
} from '../search/retriever.ts';
import { correctSpelling, singleEdits, type Vocabulary } from '../search/spelling.ts';
import type { Steps } from '../slices.ts';
import { fold } from '../text/fold.ts';
import { normalizeTerm, normalizeTermOnce, termsOf, tokenize, tokenizeNames } from '../text/terms.ts';
import { FIELDS, type FieldName, lexeme, termFrequencies } from './passageRows.ts';

/** Documents kept after a question read them: the next questions often read the same ones. */
const KEPT_DOCUMENTS = 256;
const KEPT_RETRIEVALS = 256;
const KEPT_TERMS = 100_000;
/** The share of a question's postings (`maxQueryPostings`) whose passages are all ranked, whatever else they hold (`candidateQuery`). */
const RARE_SHARE = 0.1;

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

/** minisearch's default fuzziness, which `correctSpelling` reads spellings within: a fifth of a term's letters may be edits. */
const FUZZINESS = 0.2;

const NO_FREQUENCY: TermFrequency = { title: 0, text: 0, headings: 0, code: 0 };

/**
 * The passage index of one corpus folder in PostgreSQL (written by `writeSearchIndex`), behind the retrieval
 * seam. A question's passages are found by full-text search over the passages' weighted terms (title A,
 * headings B, prose C, code D, weighed by the engine's boosts), each question term counted at its BM25 IDF
 * (`search_terms`) times its weight, the rarest words first on a large corpus as minisearch's retriever
 * does; the passages come back with their whole documents, and the engine's own sentence ranking, short
 * answers and confidence read them. A word the index lacks is read as its closest spellings, as there.
 * Holds only what recent questions read (`StoredRetriever`); `forget` drops what changed in the database.
 */
export class PostgresRetriever implements StoredRetriever {
  private size: CorpusSize | undefined;
  private readonly frequencies = new Map<string, TermFrequency>();
  private readonly documents = new Map<string, CorpusDocument | null>();
  private readonly retrievals = new Map<string, StoredHit[]>();
  /** Question terms the index lacks, and the index terms each is read as (`correctSpelling`; none when empty). */
  private readonly spellings = new Map<string, string[]>();
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
    const corrections = new Map(this.correctionsIn(question));
    const found = this.retrievals.get(retrievalKey(read.query, options));
    if (!found) throw new NotFetchedError({ retrieval: { question, options } });
    const hits: PassageHit[] = [];
    const unfetched = found.filter((hit) => !this.documents.has(hit.doc)).map((hit) => hit.doc);
    if (unfetched.length > 0) throw new NotFetchedError({ documents: unfetched });
    for (const { doc, passage, score } of found) {
      const stored = this.documents.get(doc)?.passages[passage];
      if (stored) hits.push({ passage: stored, score });
    }
    return { hits, corrections };
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
      await this.fetchSpellings(retrieval.question, generation);
      const read = this.read(retrieval.question, retrieval.options.related ?? []);
      if ('missing' in read) return; // changed meanwhile: the next round asks again
      const hits = await this.search(read.query, retrieval.options);
      if (generation !== this.generation) return;
      setMostRecent(this.retrievals, retrievalKey(read.query, retrieval.options), hits, KEPT_RETRIEVALS);
      for (const hit of hits) docs.add(hit.doc);
    }
    await this.fetchDocuments(
      [...docs].filter((id) => !this.documents.has(id)),
      generation,
    );
  }

  async findTitles(typed: string, limit: number): Promise<DocumentTitle[]> {
    const words = tokenize(typed).map((word) => `${lexeme(word.toLowerCase())}:*`);
    const { rows } = await this.pool.query<DocumentTitle>(
      words.length === 0
        ? `SELECT id, title, document->>'date' AS date FROM search_documents WHERE corpus = $1 ORDER BY position LIMIT $2`
        : `SELECT id, title, document->>'date' AS date FROM search_documents
           WHERE corpus = $1 AND to_tsvector('simple', title || ' ' || id) @@ to_tsquery('simple', $3)
           ORDER BY ts_rank(to_tsvector('simple', title || ' ' || id), to_tsquery('simple', $3)) DESC, position LIMIT $2`,
      [this.corpus, limit, ...(words.length === 0 ? [] : [words.join(' & ')])],
    );
    return rows;
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
    this.spellings.clear();
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

  /**
   * The question as weighted index terms, as minisearch's retriever reads it: the terms the index holds at
   * weight 1, each it lacks replaced by its closest spellings (`correctSpelling`) at a lower weight, then
   * the related terms it holds at theirs. Or the terms whose frequency (or spellings) are not fetched yet.
   */
  private read(question: string, related: readonly QueryTerm[]): { query: QueryTerm[] } | { missing: string[] } {
    const missing = queryTermsOf(question, related).filter((term) => !this.frequencies.has(term));
    if (missing.length > 0 || this.size === undefined) return { missing };
    const query = queryOf(
      question,
      related,
      (term) => this.holds(term),
      (_word, term) => this.spellings.get(term),
    );
    return query ? { query } : { missing: [] };
  }

  /** Each question term the index lacks that was read as other terms, and those terms. */
  private *correctionsIn(question: string): Generator<[string, string[]]> {
    for (const word of tokenizeNames(question)) {
      const term = normalizeTerm(word);
      const spellings = term === null ? undefined : this.spellings.get(term);
      if (term !== null && spellings !== undefined && spellings.length > 0) yield [term, spellings];
    }
  }

  /**
   * Reads each question word the index lacks as its closest spellings in the index (`correctSpelling`, as
   * minisearch's retriever does): the frequencies of every term one typing error away, and the index terms
   * within a fifth of its letters' edits (`levenshtein_less_equal`) or completing it, are fetched first.
   */
  private async fetchSpellings(question: string, generation: number): Promise<void> {
    const unknown = new Map<string, string>();
    for (const word of tokenizeNames(question)) {
      const term = normalizeTerm(word);
      if (term !== null && this.frequencies.has(term) && !this.holds(term) && !this.spellings.has(term)) unknown.set(term, word);
    }
    if (unknown.size === 0) return;
    const edits = [...unknown.values()].flatMap((word) => [...singleEdits(fold(word))].map(normalizeTermOnce));
    // Each word's spellings on a connection of its own: each reads every index term.
    const near = new Map(await Promise.all([...unknown.keys()].map(async (term) => [term, await this.spellingsOf(term)] as const)));
    const found = [...near.values()].flatMap((spellings) => spellings.map(({ term }) => term));
    await this.fetchFrequencies([...edits.filter((term) => term !== null), ...found], generation);
    if (generation !== this.generation) return;
    const vocabulary: Vocabulary = {
      holds: (term) => this.holds(term),
      frequency: (term) => this.passageFrequency(term),
      spellingsOf: (term) => near.get(term) ?? [],
    };
    if (this.spellings.size + unknown.size > KEPT_TERMS) this.spellings.clear();
    for (const [term, word] of unknown) this.spellings.set(term, correctSpelling(word, term, vocabulary));
  }

  /**
   * Index terms near `term` as minisearch's `spellingsOf` finds them: within a fifth of its letters' edits
   * (Levenshtein, PostgreSQL's fuzzystrmatch), or completing it at a third of an edit per letter added.
   * A term whose length differs by more than that is that many edits away: it is not measured.
   */
  private async spellingsOf(term: string): Promise<Spelling[]> {
    const maxDistance = Math.round(term.length * FUZZINESS);
    const { rows } = await this.pool.query<Spelling>(
      `SELECT term, levenshtein_less_equal(term, $2, $3) AS distance FROM search_terms
       WHERE corpus = $1 AND $3 > 0 AND abs(length(term) - length($2)) <= $3 AND levenshtein_less_equal(term, $2, $3) BETWEEN 1 AND $3
       UNION ALL
       SELECT term, (length(term) - length($2)) / 3.0 FROM search_terms
       WHERE corpus = $1 AND term LIKE $4 AND term <> $2`,
      [this.corpus, term, maxDistance, `${term.replace(/[\\%_]/g, '\\$&')}%`],
    );
    const found = new Map<string, number>();
    for (const { term: spelling, distance } of rows) found.set(spelling, Math.min(found.get(spelling) ?? Infinity, Number(distance)));
    return [...found].map(([spelling, distance]) => ({ term: spelling, distance }));
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
   * Full-text search for the query: passages holding its rarest words (`rarestFirst`; `candidateQuery`
   * says which are worth ranking), the best `RESCORED_CANDIDATES` by ts_rank (field weights, length
   * normalised) × IDF × weight over those words, then ordered by all the query's words with minisearch's
   * own BM25+ (`bm25Score`), so that where the candidates hold every passage the query matches, the order
   * is the embedded index's.
   */
  private async search(query: readonly QueryTerm[], options: RetrieveOptions): Promise<StoredHit[]> {
    if (query.length === 0) return [];
    // Within one document every word is searched, as minisearch's retriever does.
    const searched = new Set(
      options.doc === undefined ? rarestFirst(query, (term) => this.passageFrequency(term), this.options.maxQueryPostings) : query,
    );
    const boosts = this.boosts();
    const largest = Math.max(...Object.values(boosts));
    // ts_rank's weights are {D, C, B, A}, each at most 1.
    const weights = ['D', 'C', 'B', 'A'].map((weight) => boosts[FIELDS.find((field) => field.weight === weight)!.name] / largest);
    const first = [...searched];
    const lexemes = first.map(({ term }) => lexeme(term));
    // Ranked in a subquery so that only the best rows' vectors are printed as text; each word's rank is a
    // term of one sum (the order SUM would add them in), not a subquery per row.
    const rank = first.map((_, i) => `ts_rank($2::float4[], terms, ($3::tsquery[])[${i + 1}], 1) * ($4::float8[])[${i + 1}]`).join(' + ');
    const ranked = (matching: string) =>
      this.pool.query<FoundPassage>(
        `SELECT doc, passage, terms::text AS vector, field_lengths AS lengths FROM (
           SELECT doc, passage, terms, field_lengths, ${rank} AS score FROM search_passages
           WHERE corpus = $1 AND terms @@ $5::tsquery AND ($6::text IS NULL OR doc = $6)
           ORDER BY score DESC, doc, passage LIMIT $7
         ) best ORDER BY score DESC, doc, passage`,
        [
          this.corpus,
          weights,
          lexemes,
          first.map(({ term, weight }) => weight * this.idf(term)),
          matching,
          options.doc ?? null,
          Math.max(options.limit, RESCORED_CANDIDATES),
        ],
      );
    const anyWord = lexemes.join(' | ');
    const worthRanking = options.doc === undefined ? this.candidateQuery(first, query) : anyWord;
    let { rows } = await ranked(worthRanking);
    // Fewer passages than asked for hold two of the words: those holding one are ranked as well.
    if (rows.length < options.limit && worthRanking !== anyWord) ({ rows } = await ranked(anyWord));
    const terms = new Set(query.map(({ term }) => term));
    return rows
      .map(({ doc, passage, vector, lengths }) => ({ doc, passage, score: this.bm25Score(query, termFrequencies(vector, terms), lengths) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, options.limit);
  }

  /**
   * The passages worth ranking, as a tsquery: those holding one of the rarest words (as long as they hold
   * at most a tenth of `maxQueryPostings` passages together, 2,000 by default), or at least two of the
   * question's words. A passage holding one common word alone seldom ranks among the best (minisearch's
   * score multiplies by the words held; the same passages came back for 1,200 of 1,200 news questions at
   * 109k), yet ranking all such passages was most of a question's time, and grows with the corpus: at
   * 109k passages "sale | ad" matches 13,120 of them, "sale & ad" 520. When a single common word is
   * searched (the others too common to be), the second word may be any of the question's.
   */
  private candidateQuery(searched: readonly QueryTerm[], query: readonly QueryTerm[]): string {
    const rareShare = this.options.maxQueryPostings * RARE_SHARE;
    const words = [...new Set(searched.map(({ term }) => term))].sort((a, b) => this.passageFrequency(a) - this.passageFrequency(b));
    const clauses: string[] = [];
    let postings = 0;
    while (words.length > 1 && postings + this.passageFrequency(words[0]!) <= rareShare) {
      postings += this.passageFrequency(words[0]!);
      clauses.push(lexeme(words.shift()!));
    }
    const common = words.map(lexeme);
    if (clauses.length === 0 && common.length === 1) {
      const unsearched = [...new Set(query.map(({ term }) => term))].filter((term) => term !== words[0]).map(lexeme);
      const rare = this.passageFrequency(words[0]!) <= rareShare;
      return rare || unsearched.length === 0 ? common[0]! : `${common[0]} & (${unsearched.join(' | ')})`;
    }
    for (const [i, word] of common.slice(0, -1).entries()) clauses.push(`(${word} & (${common.slice(i + 1).join(' | ')}))`);
    return clauses.join(' | ');
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

  private async fetchFrequencies(terms: readonly string[], generation: number): Promise<void> {
    const unknown = [...new Set(terms)].filter((term) => !term.includes(' ') && !this.frequencies.has(term));
    if (unknown.length === 0 && this.size !== undefined) return;
    // One round trip: the corpus's size (a row even when no term is found) beside the terms it holds.
    const { rows } = await this.pool.query<{ passages: number; lengths: string[]; term: string | null } & TermFrequency>(
      `SELECT c.passages, c.field_lengths AS lengths, t.term, t.title, t.text, t.headings, t.code
       FROM search_corpora c LEFT JOIN search_terms t ON t.corpus = c.corpus AND t.term = ANY($2)
       WHERE c.corpus = $1`,
      [this.corpus, unknown],
    );
    if (generation !== this.generation) return;
    if (this.frequencies.size + unknown.length > KEPT_TERMS) this.frequencies.clear();
    const passages = rows[0]?.passages ?? 0;
    this.size = {
      passages,
      averageLengths: (rows[0]?.lengths ?? [0, 0, 0, 0]).map((length) => (passages > 0 ? Number(length) / passages : 0)),
    };
    for (const term of unknown) this.frequencies.set(term, NO_FREQUENCY);
    for (const { term, title, text, headings, code } of rows)
      if (term !== null) this.frequencies.set(term, { title, text, headings, code });
  }

  private async fetchDocuments(ids: readonly string[], generation: number): Promise<void> {
    if (ids.length === 0) return;
    const { rows } = await this.pool.query<{ id: string; document: CorpusDocument }>(
      'SELECT id, document FROM search_documents WHERE corpus = $1 AND id = ANY($2)',
      [this.corpus, ids],
    );
    if (generation !== this.generation) return;
    const found = new Map(rows.map((row) => [row.id, row.document]));
    for (const id of ids) setMostRecent(this.documents, id, found.get(id) ?? null, KEPT_DOCUMENTS);
  }
}

function writtenByIndexer(): Error {
  return new Error('corpus-qa: a PostgreSQL index is written by `npm run index -- --to postgres`, not through the engine');
}

/** Every term a question (and its related terms) is read with: the frequencies `read` needs. */
function queryTermsOf(question: string, related: readonly QueryTerm[]): string[] {
  return [...termsOf(question, { names: true }), ...related.map(({ term }) => term)];
}

function retrievalKey(query: readonly QueryTerm[], options: RetrieveOptions): string {
  return JSON.stringify([query, options.limit, options.doc ?? null]);
}
