import { analyzeQuestion } from './answer/analyzeQuestion.ts';
import type { Answer, AnswerOptions, RankedSentence } from './answer/answer.ts';
import { type AnswerModel, committedAnswerModel } from './answer/answerModel.ts';
import { type AnswerContext, rankEvidence, toRankedSentence } from './answer/answerQuestion.ts';
import type { SentenceEvidence } from './answer/evidence.ts';
import { normalizeQuestion } from './answer/normalizeQuestion.ts';
import { inheritedTitleTerms } from './answer/rankSentences.ts';
import { RecentRankings } from './answer/recentRankings.ts';
import { answerInConversation, interpretFollowUp } from './conversation/answerInConversation.ts';
import type { CorpusDocument, CorpusWarning, DocumentInput } from './corpus/corpusDocument.ts';
import { type CorpusChanges, diffDocumentSteps } from './corpus/diffDocuments.ts';
import type { CorpusListing } from './corpus/listCorpusFiles.ts';
import {
  type BuildReporting,
  DEFAULT_SLICE_MS,
  documentsFromInputs,
  loadCorpus,
  type Reuse,
  type SourceStamps,
} from './corpus/loadCorpus.ts';
import { type EngineState, newState, progressBytes, RecognisedNames } from './engineState.ts';
import { describeEntity } from './entities/describe.ts';
import type { EntityIndex } from './entities/entityIndex.ts';
import type { Mention } from './entities/entityMentions.ts';
import { type EngineOptions, type EngineOptionsInput, resolveOptions, sameOptions } from './options.ts';
import { type LoadedInWorkers, loadCorpusInWorkers } from './parallel/loadCorpusInWorkers.ts';
import { miniSearchRetrievers } from './search/miniSearchRetriever.ts';
import {
  type DocumentTitle,
  isStoredRetriever,
  NotFetchedError,
  type PassageRetriever,
  type RetrieverFactory,
  type SavedIndex,
  type StoredRetriever,
} from './search/retriever.ts';
import { atPausePoint, runSteps, runStepsInSlices, type Steps } from './slices.ts';
import { readGlossary } from './vocabulary/glossary.ts';

/** Options for building an engine from a folder: engine options, plus progress and warning reporting. */
export interface FolderOptions extends EngineOptionsInput, BuildReporting, Pick<Reuse, 'listing'> {
  /**
   * An engine built earlier from the same folder with the same options: its unchanged documents, and their
   * recognised names, are reused instead of analyzed again (a live reload).
   */
  previous?: Engine;
  /** Where passages are indexed and retrieved: the embedded minisearch index unless another is given. */
  retrievers?: RetrieverFactory;
  /**
   * At most this many worker threads read files, clean them into documents and recognise their names, in
   * a build without `previous` of a folder large enough to gain from them (`MIN_FILES_PER_WORKER` files
   * per worker); `os.availableParallelism()` is one per core. The result is the same whatever the number;
   * 1, the default, does it all on this thread, in slices.
   */
  jobs?: number;
}

/**
 * Where an engine over a stored index (`overStoredIndex`) reads the names recognised in the corpus when it
 * was indexed, instead of recognising them in documents it does not hold.
 */
export interface StoredNames {
  /** Every mention, in the corpus folder's order, read in slices of at most `sliceMs`. */
  mentions(sliceMs: number): Promise<Mention[]>;
}

/** The engine's state for a snapshot: documents, options, the index as parts, and the recognised names. */
export interface EngineSnapshot {
  documents: CorpusDocument[];
  warnings: CorpusWarning[];
  options: EngineOptions;
  index: SavedIndex;
  /** The entity mentions, when the entity index was built (restoring them skips name recognition). */
  mentions?: Mention[];
  /** The stamps and content hashes of the corpus files, as read (an engine read from a folder). */
  sources?: SourceStamps;
}

/** What an engine is restored from (src/snapshot): documents, the retriever restored over them, names. */
export interface RestoredState {
  documents: CorpusDocument[];
  warnings: CorpusWarning[];
  options: EngineOptions;
  retriever: PassageRetriever;
  mentions?: Mention[];
  /** The stamps of the corpus files the documents are from, when known: a refresh reads only files whose stamp changed. */
  sources?: SourceStamps;
}

/**
 * The question-answering engine over one corpus: cleaned documents, a BM25 passage index, sentence ranking,
 * answer extraction and the entity index. Build it once, ask it many questions; it never touches Discord or
 * the environment.
 *
 * @example
 * const engine = await Engine.fromFolder('corpus');
 * engine.answer("who met Portugal's minister?").answer // → 'Ali Abbasov'
 */
export class Engine {
  readonly options: EngineOptions;
  /** What the engine answers from; `update` swaps it whole. */
  private state: EngineState;
  /**
   * The passage index and the documents it holds by id: the one part a change is applied to in place (a
   * document's passages are removed and added, with its entry here, in one step), never rebuilt whole.
   */
  private readonly retriever: PassageRetriever;
  private readonly byId: Map<string, CorpusDocument>;
  /** Per document, which never changes, so it outlives every state. */
  private readonly titleTermsByDocument = new WeakMap<CorpusDocument, ReadonlySet<string>>();
  /** Counts the steps that changed the index in place: with the state, it says which corpus a ranking is of. */
  private indexChanges = 0;
  private readonly recentRankings = new RecentRankings();

  /** The retriever when it reads an external store: documents not in `byId` are its. */
  private readonly stored: StoredRetriever | undefined;
  /** Over a stored index: where the recognised names are read, and the reading under way or done (none after a change). */
  private readonly storedNames: StoredNames | undefined;
  private storedNamesRead: Promise<EntityIndex> | undefined;

  private constructor(state: EngineState, options: EngineOptions, retriever: PassageRetriever, storedNames?: StoredNames) {
    this.state = state;
    this.options = options;
    this.byId = new Map(state.documents.map((document) => [document.id, document]));
    this.retriever = retriever;
    this.stored = isStoredRetriever(retriever) ? retriever : undefined;
    this.storedNames = storedNames;
    // A ranking kept from before a change in the store is of another corpus, and so are the names read.
    this.stored?.onChange(() => {
      this.indexChanges += 1;
      if (!this.storedNamesRead) return;
      this.storedNamesRead = undefined;
      this.state = { ...this.state, namesCurrent: false };
      this.prepareEntities().catch(() => {});
    });
  }

  /**
   * An engine over an index kept outside the process (`StoredRetriever`, such as PostgreSQL's): it loads
   * no corpus, so it starts at once whatever the corpus's size, and fetches the passages and documents each
   * question needs. Answer with `ask`. The entity index is empty until `prepareEntities` reads the names the
   * store recognised (`names`); after a change in the store it is read again, and until then "who is X?" is
   * answered from sentences.
   */
  static overStoredIndex(retriever: StoredRetriever, options: EngineOptionsInput = {}, names?: StoredNames): Engine {
    return new Engine(newState({ documents: [], warnings: [] }), resolveOptions(options), retriever, names);
  }

  /** The corpus documents, in the corpus folder's order. */
  get documents(): readonly CorpusDocument[] {
    return this.state.documents;
  }

  /** The files that could not be served, and why (the glossary's problems among them). */
  get warnings(): readonly CorpusWarning[] {
    const { warnings, glossary } = this.state;
    return glossary.warnings.length === 0 ? warnings : [...warnings, ...glossary.warnings];
  }

  /** How many entries the corpus folder's glossary has. */
  get glossaryEntries(): number {
    return this.state.glossary.glossary.size;
  }

  /**
   * Reads the corpus folder's glossary (`glossary.yaml`: the documentation's words and the members' words
   * for them) and answers with it from now on; a glossary that cannot be read is a warning.
   */
  async loadGlossary(dir: string, onWarning?: (warning: CorpusWarning) => void): Promise<void> {
    const glossary = await readGlossary(dir);
    this.state = { ...this.state, glossary };
    for (const warning of glossary.warnings) onWarning?.(warning);
  }

  /** Restores an engine from a snapshot's state (the snapshot module checks integrity and fingerprint first). */
  static restore(restored: RestoredState): Engine {
    const { documents, warnings, sources, mentions } = restored;
    const state = newState({ documents, warnings, sources, names: new RecognisedNames(documents, mentions) });
    return new Engine(state, restored.options, restored.retriever);
  }

  /** The engine's state for a snapshot; the documents are shared, not copied. */
  toSnapshot(): EngineSnapshot {
    return runSteps(this.snapshotSteps());
  }

  /**
   * `toSnapshot` in slices of at most `sliceMs` (saving the passage index walks all of it): the state is
   * the engine's when this is called, and the index's parts throw IndexChangedError when read after the
   * index changed.
   */
  toSnapshotInSlices(sliceMs: number = DEFAULT_SLICE_MS): Promise<EngineSnapshot> {
    return runStepsInSlices(this.snapshotSteps(), sliceMs);
  }

  private *snapshotSteps(): Steps<EngineSnapshot> {
    const state = this.state;
    const documents = [...state.documents];
    const warnings = [...state.warnings];
    const mentions = state.namesCurrent ? state.names.mentions : undefined;
    const sources = state.sources;
    const index = this.retriever.saveSteps ? yield* this.retriever.saveSteps() : this.retriever.save();
    return { documents, warnings, options: this.options, index, ...(mentions && { mentions }), ...(sources && { sources }) };
  }

  /**
   * Reads every corpus file under `dir` (recursively; `DOCUMENT_READERS` lists the formats) and indexes it,
   * in slices of at most `sliceMs` of synchronous work so a bot stays responsive, reporting progress. Throws
   * CorpusError when `dir` is not a readable folder.
   */
  static async fromFolder(dir: string, options: FolderOptions = {}): Promise<Engine> {
    const resolved = resolveOptions(options);
    const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    const previous = options.previous && sameOptions(options.previous.options, resolved) ? options.previous : undefined;
    const retriever = (options.retrievers ?? miniSearchRetrievers).create(resolved);
    // On worker threads, each document is indexed here as it comes, while the workers read the next ones.
    let indexed = 0;
    const indexNow = async (document: CorpusDocument) => {
      await runStepsInSlices(retriever.addSteps(document), sliceMs);
      indexed += 1;
    };
    const inWorkers = (options.jobs ?? 1) > 1 && previous === undefined;
    const loaded: LoadedInWorkers = inWorkers
      ? await loadCorpusInWorkers(dir, { ...options, ...resolved, jobs: options.jobs!, onDocument: indexNow })
      : await loadCorpus(dir, { ...options, ...resolved, previous: previous?.byId });
    const { documents, warnings, sources } = loaded;
    const engine = new Engine(newState({ documents, warnings, sources }), resolved, retriever);
    await engine.loadGlossary(dir, options.onWarning);
    const reusable =
      'names' in loaded ? loaded.names : previous && (await runStepsInSlices(previous.state.names.byDocumentSteps(), sliceMs));
    if (reusable) engine.state = { ...engine.state, names: new RecognisedNames(documents, undefined, reusable) };
    const report = (files: number) =>
      options.onBuildProgress?.({ phase: 'indexing', files, totalFiles: documents.length, ...progressBytes(engine.state, files) });
    await runStepsInSlices(indexSteps(retriever, documents, indexed), sliceMs, report);
    report(documents.length);
    return engine;
  }

  /** Builds an engine from in-memory documents (tests, or text kept elsewhere). */
  static fromDocuments(inputs: readonly DocumentInput[], options: EngineOptionsInput & Pick<FolderOptions, 'retrievers'> = {}): Engine {
    const resolved = resolveOptions(options);
    const documents = documentsFromInputs(inputs, resolved);
    const retriever = (options.retrievers ?? miniSearchRetrievers).create(resolved);
    for (const document of documents) retriever.add(document);
    return new Engine(newState({ documents, warnings: [] }), resolved, retriever);
  }

  /** The people, organizations and places the corpus mentions, built on first use. */
  get entities(): EntityIndex {
    return this.state.names.entities();
  }

  /**
   * Brings the engine up to date with `reread`, a new reading of its corpus folder (`loadCorpus` with this
   * engine's documents as `previous`, so an unchanged file is the same document object). Each added, changed
   * or removed document is applied to the passage index (old passages removed, new ones added) together with
   * the document itself in one synchronous step: all at once when they hold at most `MAX_ATOMIC_PASSAGES`
   * passages, so a question sees the whole change or none of it; else one document per step in slices, so a
   * question sees each document whole, old or new. The next state, with the new `documents` list, is then
   * swapped in. The entity and title indexes, when built, are then rebuilt in slices (names recognised in
   * the changed documents only) and swapped in; until then "who is X?" is answered from sentences, not from
   * the stale entity index. `reread.sources`, the stamps of the files it was read from, lets the next
   * `refresh` read only files changed since. Returns what changed.
   */
  async update(
    reread: { documents: CorpusDocument[]; warnings: CorpusWarning[]; sources?: SourceStamps },
    options: Pick<BuildReporting, 'sliceMs' | 'onBuildProgress'> = {},
  ): Promise<CorpusChanges> {
    const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    const changes = await runStepsInSlices(diffDocumentSteps(this.state.documents, reread.documents), sliceMs);
    const touched = [...changes.removed, ...changes.changed].map((id) => this.byId.get(id)!);
    const applied = await runStepsInSlices(documentsWithIds(reread.documents, [...changes.changed, ...changes.added]), sliceMs);
    const passages = [...touched, ...applied].reduce((sum, document) => sum + document.passages.length, 0);
    const { documents, warnings, sources } = reread;
    if (touched.length + applied.length === 0) {
      const { glossary, names, namesCurrent, titles } = this.state;
      this.state = { ...newState({ documents, warnings, sources, glossary, names }), namesCurrent, titles };
      return changes;
    }
    // From here on the index serves the change, and the names describe the documents before it.
    if (this.state.names.mentions) this.state = { ...this.state, namesCurrent: false };
    const stepMs = passages <= MAX_ATOMIC_PASSAGES ? Number.POSITIVE_INFINITY : sliceMs;
    await runStepsInSlices(this.applySteps(changes.removed, applied), stepMs);
    // Grouped once the change is served (the names and the documents list are still the old ones here).
    const before = this.state;
    const reusable = await runStepsInSlices(before.names.byDocumentSteps(), sliceMs);
    const names = new RecognisedNames(documents, undefined, reusable ?? before.names.reusable);
    const next = newState({ documents, warnings, sources, glossary: before.glossary, names });
    this.state = {
      ...next,
      ...(reusable && { names: before.names, namesCurrent: false }),
      ...(before.titles.built && { titles: before.titles }),
    };
    if (reusable) {
      const onCollected = (files: number) =>
        options.onBuildProgress?.({ phase: 'names', files, totalFiles: documents.length, ...progressBytes(next, files) });
      await names.recognise(sliceMs, onCollected);
      if (this.state.names.indexBuilt) await names.prepare(sliceMs);
      this.state = { ...this.state, names, namesCurrent: true };
    }
    if (this.state.titles !== next.titles) {
      await next.titles.prepare(sliceMs);
      this.state = { ...this.state, titles: next.titles };
    }
    return changes;
  }

  /**
   * Re-reads the corpus folder `dir` and applies it with `update`: files whose stamp (size, modification and
   * change times, inode) is unchanged since they were read keep their documents unread, and only new and
   * changed files are analyzed. `listing` is the folder already listed and stamped (`statCorpusFiles`).
   */
  async refresh(dir: string, options: BuildReporting & { listing?: CorpusListing } = {}): Promise<CorpusChanges> {
    const reread = await loadCorpus(dir, { ...options, ...this.options, previous: this.byId, sources: this.state.sources });
    await this.loadGlossary(dir, options.onWarning);
    return this.update(reread, options);
  }

  /** Removes documents and (re)indexes others, one document per step, the index and `document(id)` together. */
  private *applySteps(removed: readonly string[], applied: readonly CorpusDocument[]): Steps<void> {
    for (const id of removed) {
      this.retriever.remove(id);
      this.byId.delete(id);
      this.indexChanges += 1;
      yield;
    }
    for (const document of applied) {
      this.retriever.remove(document.id);
      this.retriever.add(document);
      this.byId.set(document.id, document);
      this.indexChanges += 1;
      yield;
    }
  }

  /**
   * Builds the entity index now, unless it is built already: names are recognised (unless restored from a
   * snapshot or kept from the engine this one was rebuilt from) and indexed in slices of at most `sliceMs`
   * of synchronous work, so neither the build nor a first autocomplete holds the event loop for seconds.
   */
  prepareEntities(options: Pick<BuildReporting, 'sliceMs' | 'onBuildProgress'> = {}): Promise<EntityIndex> {
    if (this.storedNames) {
      if (!this.storedNamesRead) {
        const reading = this.readStoredNames(this.storedNames, options.sliceMs ?? DEFAULT_SLICE_MS);
        // A failed reading (the database out of reach) is tried again by the next call.
        reading.catch(() => {
          if (this.storedNamesRead === reading) this.storedNamesRead = undefined;
        });
        this.storedNamesRead = reading;
      }
      return this.storedNamesRead;
    }
    const state = this.state;
    const onCollected = (files: number) =>
      options.onBuildProgress?.({ phase: 'names', files, totalFiles: state.documents.length, ...progressBytes(state, files) });
    return state.names.prepare(options.sliceMs ?? DEFAULT_SLICE_MS, onCollected);
  }

  /** Reads the names a store recognised and indexes them in slices; swaps them in unless the store changed meanwhile. */
  private async readStoredNames(stored: StoredNames, sliceMs: number): Promise<EntityIndex> {
    const changes = this.indexChanges;
    const names = new RecognisedNames([], await stored.mentions(sliceMs));
    const index = await names.prepare(sliceMs);
    if (this.indexChanges === changes) this.state = { ...this.state, names, namesCurrent: true };
    return index;
  }

  /**
   * Documents by title as it is typed (autocomplete): every typed word starting a word of the title or id,
   * or one typing error away; best first, at most `limit`. An empty query lists the documents in order.
   */
  findDocuments(typed: string, limit = this.documents.length): CorpusDocument[] {
    if (typed.trim() === '') return this.documents.slice(0, Math.max(0, limit));
    return this.state.titles.get().find(typed, limit);
  }

  /**
   * `findDocuments` over any index: over a stored one (`overStoredIndex`), the store finds the titles (every
   * typed word starting a word of the title or id; no typing errors).
   */
  async findTitles(typed: string, limit = this.documents.length): Promise<DocumentTitle[]> {
    return this.stored ? this.stored.findTitles(typed, limit) : this.findDocuments(typed, limit);
  }

  /** Builds the title index `findDocuments` uses now, in slices of at most `sliceMs`, unless it is built. */
  async prepareTitles(options: Pick<BuildReporting, 'sliceMs'> = {}): Promise<void> {
    await this.state.titles.prepare(options.sliceMs ?? DEFAULT_SLICE_MS);
  }

  /**
   * The document with this id, if the corpus has it. Over a stored index (`overStoredIndex`), only if it was
   * fetched (an answer's documents are, for a while): `fetchDocument` fetches it first.
   */
  document(id: string): CorpusDocument | undefined {
    try {
      return this.fetched(id);
    } catch (error) {
      if (error instanceof NotFetchedError) return undefined;
      throw error;
    }
  }

  /** The document with this id; over a stored index, a document not fetched throws NotFetchedError (`ask` fetches it). */
  private fetched(id: string): CorpusDocument | undefined {
    return this.byId.get(id) ?? this.stored?.document(id);
  }

  /**
   * `answer`, over any index: over a stored one (`overStoredIndex`), the passages, term frequencies and
   * documents the question needs are fetched first, and the answer is worked out over them as `answer` does.
   */
  async ask(question: string, options: AnswerOptions = {}): Promise<Answer> {
    await this.stored?.fetch({ question });
    for (let round = 1; ; round += 1) {
      try {
        return this.answer(question, options);
      } catch (error) {
        // Each round fetches what the last one lacked; a change in the store meanwhile may take another.
        if (!(error instanceof NotFetchedError) || !this.stored || round >= MAX_FETCH_ROUNDS) throw error;
        await this.stored.fetch(error.missing);
      }
    }
  }

  /** `document(id)`, fetching the document first over a stored index (`overStoredIndex`). */
  async fetchDocument(id: string): Promise<CorpusDocument | undefined> {
    if (this.byId.has(id) || !this.stored) return this.byId.get(id);
    await this.stored.fetch({ documents: [id] });
    return this.document(id);
  }

  /**
   * The document a user names (`/source`): the one with this id, else the one whose title best matches it
   * (`findTitles`), fetched over a stored index.
   */
  async lookUpDocument(wanted: string): Promise<CorpusDocument | undefined> {
    const byId = await this.fetchDocument(wanted);
    if (byId) return byId;
    const [titled] = await this.findTitles(wanted, 1);
    return titled && this.fetchDocument(titled.id);
  }

  /**
   * Answers a question with a short answer (when one can be extracted), the verbatim quote and its source,
   * or abstains (`answered: false`) with the nearest sources. With `after`, the question is read as a
   * follow-up to those turns (`interpreted` says how). Throws InvalidQuestionError for an empty or oversized
   * question.
   *
   * @example
   * const first = engine.answer('Who is the chairman of AzerTelecom?');
   * engine.answer('What did he speak about?', { after: { question: first.question, answer: first } }).interpreted
   * // → 'What did Fuad Allahverdiyev speak about?'
   */
  answer(question: string, options: AnswerOptions = {}): Answer {
    return answerInConversation(this.answerContext(), question, options);
  }

  /**
   * How a follow-up is read against `after` without answering it (`Answer.interpreted`): the question as
   * read, or null when it would be answered as asked. For what depends on the reading, such as a server's
   * feedback for that question, looked up before `answer`.
   */
  interpret(question: string, { after }: Pick<AnswerOptions, 'after'>): string | null {
    return interpretFollowUp(question, after, this.options.maxQuestionChars);
  }

  /** The sentences that best answer the question, best first (`top` of them, default 3). */
  rankSentences(question: string, options: AnswerOptions = {}): RankedSentence[] {
    const analysis = analyzeQuestion(normalizeQuestion(question, this.options.maxQuestionChars));
    const context = this.answerContext();
    return rankEvidence(context, analysis, options)
      .slice(0, options.top ?? this.options.topSentences)
      .map((evidence) => toRankedSentence(context, evidence));
  }

  /**
   * The evidence behind an answer, best sentence first, with the scored answer candidates of the best
   * `spanSentences`: for training the answer model (`model` replaces the committed one) and diagnostics.
   */
  evidence(
    question: string,
    options: AnswerOptions = {},
    model: AnswerModel = committedAnswerModel(),
    spanSentences = 1,
  ): SentenceEvidence[] {
    const analysis = analyzeQuestion(normalizeQuestion(question, this.options.maxQuestionChars));
    return rankEvidence(this.answerContext(model), analysis, options, spanSentences);
  }

  /** What answering reads, from the state as it is now (an answer is worked out in one synchronous go). */
  private answerContext(model: AnswerModel = committedAnswerModel()): AnswerContext {
    const state = this.state;
    return {
      index: this.retriever,
      document: (id) => this.fetched(id),
      titleTerms: (id) => this.titleTerms(id),
      options: this.options,
      model,
      glossary: state.glossary.glossary,
      givenNames: state.givenNames.get(),
      describe: (subject) => (state.namesCurrent ? describeEntity(state.names.entities(), subject) : undefined),
      // Another model (training) ranks afresh: a kept ranking is the committed model's.
      ...(model === committedAnswerModel() && {
        remember: (question, options, rank) => this.recentRankings.recall([state, this.indexChanges], question, options, rank),
      }),
    };
  }

  /** The title terms a document's sentences inherit (`inheritedTitleTerms`), worked out once per document. */
  private titleTerms(id: string): ReadonlySet<string> {
    const document = this.fetched(id);
    if (!document) return new Set();
    let terms = this.titleTermsByDocument.get(document);
    if (!terms) {
      terms = inheritedTitleTerms(document);
      this.titleTermsByDocument.set(document, terms);
    }
    return terms;
  }
}

/**
 * Most passages an update applies in one synchronous step: removing and adding a passage costs about
 * 0.1–0.3 ms, so this keeps the step near the 100 ms a bot may hold its event loop.
 */
const MAX_ATOMIC_PASSAGES = 300;

/** Most fetches one question over a stored index takes: terms, then passages and their documents, with room for a change meanwhile. */
const MAX_FETCH_ROUNDS = 6;

/** The documents with these ids, in the order of the ids; pauses every thousand documents. */
function* documentsWithIds(documents: readonly CorpusDocument[], ids: readonly string[]): Steps<CorpusDocument[]> {
  const wanted = new Set(ids);
  const found = new Map<string, CorpusDocument>();
  for (const [i, document] of documents.entries()) {
    if (wanted.has(document.id)) found.set(document.id, document);
    if (atPausePoint(i)) yield;
  }
  return ids.map((id) => found.get(id)!);
}

/** Indexes one passage per step, from document `from` on; each step yields how many documents are done. */
function* indexSteps(retriever: PassageRetriever, documents: readonly CorpusDocument[], from: number): Steps<void, number> {
  for (let position = from; position < documents.length; position += 1) {
    const document = documents[position]!;
    for (const _ of retriever.addSteps(document)) yield position;
    yield position + 1;
  }
}
