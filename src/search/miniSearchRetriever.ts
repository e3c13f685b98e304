import type { SearchResult } from 'minisearch';
import type { CorpusDocument, Passage } from '../corpus/corpusDocument.ts';
import { runSteps, runStepsInSlices, type Steps } from '../slices.ts';
import { nameParts } from '../text/terms.ts';
import { CODE, HEADINGS, type IndexedPassage, PassageSearch, type PassageSearchMeta, TEXT, TITLE } from './passageSearch.ts';
import { inverseFrequency, type QueryTerm, queryOf, RESCORED_CANDIDATES, rarestFirst } from './queryTerms.ts';
import type {
  PassageHit,
  PassageRetriever,
  Retrieval,
  RetrievalOptions,
  RetrieveOptions,
  RetrieverFactory,
  SavedIndex,
  StoredIndex,
} from './retriever.ts';
import { correctSpelling, type Vocabulary } from './spelling.ts';

/** A document's passages are numbered `from <= n < to` in the index. */
interface IndexedDocument {
  document: CorpusDocument;
  from: number;
  to: number;
}

/**
 * The embedded retriever: minisearch over passages, the document title a second, boosted field, BM25+ with the
 * engine's parameters. A question word the index lacks is read as its closest spellings in the index
 * (`correctSpelling`), weighted below exact words. On a large corpus the question's rarest words are
 * searched first (see `rarestFirst`).
 *
 * @example
 * const retriever = miniSearchRetrievers.create(defaultOptions);
 * retriever.add(document);
 * retriever.retrieve("who met Portugal's minister?", { limit: 8 }).hits[0]?.passage.text;
 */
export class MiniSearchRetriever implements PassageRetriever {
  private readonly passages = new Map<number, Passage>();
  private readonly documents = new Map<string, IndexedDocument>();

  constructor(
    private readonly options: RetrievalOptions,
    private readonly search: PassageSearch = new PassageSearch(options),
  ) {}

  get passageCount(): number {
    return this.search.documentCount;
  }

  add(document: CorpusDocument): void {
    runSteps(this.addSteps(document));
  }

  *addSteps(document: CorpusDocument): Steps<void> {
    if (this.documents.has(document.id)) throw new Error(`corpus-qa: document ${document.id} is already indexed`);
    const from = this.search.nextPassageNumber;
    for (const [offset, passage] of document.passages.entries()) {
      this.passages.set(from + offset, passage);
      this.search.add(indexedPassage(from + offset, document, passage));
      yield;
    }
    this.documents.set(document.id, { document, from, to: from + document.passages.length });
  }

  remove(documentId: string): void {
    const indexed = this.documents.get(documentId);
    if (!indexed) return;
    for (let id = indexed.from; id < indexed.to; id += 1) {
      this.search.remove(indexedPassage(id, indexed.document, this.passages.get(id)!));
      this.passages.delete(id);
    }
    this.documents.delete(documentId);
  }

  retrieve(question: string, options: RetrieveOptions): Retrieval {
    const { query, corrections } = this.read(question, options.related ?? []);
    const range = options.doc === undefined ? undefined : this.documents.get(options.doc);
    if (options.doc !== undefined && range === undefined) return { hits: [], corrections };
    const inRange = range && ((id: number) => (id >= range.from && id < range.to ? 1 : 0));
    const searched = range ? query : this.rarestFirst(query);
    const found = this.searchQuery(searched, inRange);
    if (searched.length === query.length) return { hits: this.toHits(found.slice(0, options.limit)), corrections };
    // The rarest words found the candidates; all the words, in one more search limited to them, order them.
    const candidates = new Set(found.slice(0, Math.max(options.limit, RESCORED_CANDIDATES)).map((result) => result.id as number));
    const rescored = this.searchQuery(query, (id) => (candidates.has(id) ? 1 : 0));
    return { hits: this.toHits(rescored.slice(0, options.limit)), corrections };
  }

  idf(term: string): number {
    return inverseFrequency(this.passageFrequency(term), this.passageCount);
  }

  save(): SavedIndex {
    return runSteps(this.saveSteps());
  }

  *saveSteps(): Steps<SavedIndex> {
    const { meta, parts } = yield* this.search.savePartsSteps();
    const documents = [...this.documents.values()];
    return {
      meta: { ...meta },
      parts: {
        ...parts,
        // Which passages each document's are: `[id, from, to]` per line.
        documents: function* () {
          for (const { document, from, to } of documents) yield Buffer.from(`${JSON.stringify([document.id, from, to])}\n`, 'utf8');
        },
      },
    };
  }

  /** Restores a retriever from `save()`'s parts over the same documents (see RetrieverFactory.restore). */
  static async restore(
    stored: StoredIndex,
    documents: readonly CorpusDocument[],
    options: RetrievalOptions,
    sliceMs: number,
  ): Promise<MiniSearchRetriever> {
    const meta = checkMeta(stored.meta);
    const search = await runStepsInSlices(
      PassageSearch.restoreSteps(options, meta, {
        terms: stored.part('terms'),
        postings: stored.part('postings'),
        passages: stored.part('passages'),
      }),
      sliceMs,
    );
    const retriever = new MiniSearchRetriever(options, search);
    const byId = new Map(documents.map((document) => [document.id, document]));
    for (const line of Buffer.from(stored.part('documents')).toString('utf8').split('\n').slice(0, -1)) {
      const [id, from, to] = JSON.parse(line) as [string, number, number];
      const document = byId.get(id);
      if (document === undefined || retriever.documents.has(id) || to - from !== document.passages.length) {
        throw new Error(`index document ${JSON.stringify(id)} does not match the documents`);
      }
      retriever.documents.set(id, { document, from, to });
      for (const [offset, passage] of document.passages.entries()) retriever.passages.set(from + offset, passage);
    }
    if (retriever.documents.size !== documents.length || retriever.passages.size !== search.documentCount) {
      throw new Error(
        `index holds ${retriever.documents.size} documents and ${search.documentCount} passages, the corpus ${documents.length}`,
      );
    }
    return retriever;
  }

  /**
   * The question as weighted index terms: its words through the term pipeline, each word the index lacks
   * replaced by its closest spellings in the index (`correctSpelling`) at a lower weight, or dropped; then
   * the related terms the index holds, at their own weight.
   */
  private read(question: string, related: readonly QueryTerm[]): { query: QueryTerm[]; corrections: Map<string, string[]> } {
    const corrections = new Map<string, string[]>();
    const spellingsOf = (word: string, term: string) => {
      const spellings = corrections.get(term) ?? correctSpelling(word, term, this.vocabulary);
      if (spellings.length > 0) corrections.set(term, spellings);
      return spellings;
    };
    return { query: queryOf(question, related, (term) => this.holds(term), spellingsOf)!, corrections };
  }

  /** One minisearch search for weighted terms, optionally weighing (or excluding, at 0) passages by number. */
  private searchQuery(query: readonly QueryTerm[], boostDocument?: (id: number) => number): SearchResult[] {
    return this.search.searchTerms(
      query.map(({ term }) => term),
      {
        boostTerm: (_term, i) => query[i]?.weight ?? 1,
        ...(boostDocument && { boostDocument: (id: number) => boostDocument(id) }),
      },
    );
  }

  /** The query's rarest words (`rarestFirst`), by how many passages' prose or code holds each. */
  private rarestFirst(query: readonly QueryTerm[]): QueryTerm[] {
    return rarestFirst(query, (term) => this.passageFrequency(term), this.options.maxQueryPostings);
  }

  private readonly vocabulary: Vocabulary = {
    holds: (term) => this.holds(term),
    frequency: (term) => this.passageFrequency(term),
    spellingsOf: (term, maxDistance) => this.search.spellingsOf(term, maxDistance),
  };

  /** Passages whose prose or code holds the term (a passage holding it in both counts twice: rare, and only lowers its IDF). */
  private passageFrequency(term: string): number {
    return this.search.documentFrequency(term, TEXT) + this.search.documentFrequency(term, CODE);
  }

  private holds(term: string): boolean {
    return (
      this.passageFrequency(term) > 0 || this.search.documentFrequency(term, TITLE) > 0 || this.search.documentFrequency(term, HEADINGS) > 0
    );
  }

  private toHits(results: readonly { id: unknown; score: number }[]): PassageHit[] {
    return results.map((result) => ({ passage: this.passages.get(result.id as number)!, score: result.score }));
  }
}

/** The embedded retriever, as the engine creates and restores it. */
export const miniSearchRetrievers: RetrieverFactory = {
  create: (options) => new MiniSearchRetriever(options),
  restore: (stored, documents, options, sliceMs) => MiniSearchRetriever.restore(stored, documents, options, sliceMs),
};

function checkMeta(meta: unknown): PassageSearchMeta {
  const m = meta as Partial<Record<keyof PassageSearchMeta, unknown>> | null;
  const whole = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
  if (
    typeof m !== 'object' ||
    m === null ||
    (m.byteOrder !== 'LE' && m.byteOrder !== 'BE') ||
    !whole(m.documentCount) ||
    !whole(m.nextId) ||
    !whole(m.terms) ||
    !whole(m.postingsInts) ||
    !Array.isArray(m.averageFieldLength) ||
    m.averageFieldLength.length !== PassageSearch.fieldCount ||
    !m.averageFieldLength.every((length) => typeof length === 'number' && Number.isFinite(length) && length >= 0)
  ) {
    throw new Error('index meta has the wrong shape');
  }
  return m as PassageSearchMeta;
}

/**
 * A passage as the index holds it: its prose, its document's title, the headings it is under, and its code
 * — its code blocks, and the words of the names its prose writes in camel case ("editReply" in prose:
 * "edit", "reply"), so that a question finds a name by its words at the weight of code.
 */
export function indexedPassage(id: number, document: CorpusDocument, passage: Passage): IndexedPassage {
  const code = passage.sentences.some((sentence) => sentence.code);
  const prose = code ? joinedText(passage, false) : passage.text;
  return {
    id,
    title: indexedTitle(document),
    text: prose,
    headings: indexedHeadings(document, passage),
    code: [code ? joinedText(passage, true) : '', ...nameParts(prose)].join(' '),
  };
}

/** The passage's prose sentences (or its code), each on a line of its own. */
function joinedText(passage: Passage, code: boolean): string {
  return passage.sentences
    .filter((sentence) => (sentence.code ?? false) === code)
    .map((sentence) => sentence.text)
    .join('\n');
}

/** A title cut from the lead sentence is not indexed: the lead's words would count twice, boosted. */
function indexedTitle(document: CorpusDocument): string {
  return document.titleFromLead ? '' : document.title;
}

/** The passage's headings but those the title already says (a page's own top heading, as a rule). */
function indexedHeadings(document: CorpusDocument, passage: Passage): string {
  const title = document.title.toLowerCase();
  return passage.headings.filter((heading) => !title.includes(heading.toLowerCase())).join(' \n ');
}
