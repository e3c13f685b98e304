import { analyzeQuestion } from './answer/analyzeQuestion.ts';
import { type AnswerModel, committedAnswerModel } from './answer/answerModel.ts';
import { type AnswerContext, rankEvidence, toRankedSentence } from './answer/answerQuestion.ts';
import type { SentenceEvidence } from './answer/evidence.ts';
import { normalizeQuestion } from './answer/normalizeQuestion.ts';
import { inheritedTitleTerms } from './answer/rankSentences.ts';
import type { Answer, AnswerOptions, RankedSentence } from './answer/types.ts';
import { answerInConversation } from './conversation/answerInConversation.ts';
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
import type { CorpusDocument, CorpusWarning, DocumentInput } from './corpus/types.ts';
import { describeEntity } from './entities/describe.ts';
import { entityIndexFromMentions, entityIndexFromMentionsInSlices } from './entities/index.ts';
import { collectMentions, collectMentionsInSlices, type Mention } from './entities/mentions.ts';
import type { EntityIndex } from './entities/types.ts';
import { type EngineOptions, type EngineOptionsInput, resolveOptions } from './options.ts';
import { embeddedRetrievers, type PassageRetriever, type RetrieverFactory, type SavedIndex } from './search/index.ts';
import { NameSearch } from './search/nameSearch.ts';
import { atPausePoint, runSteps, runStepsInSlices, type Steps } from './slices.ts';
import { givenNames } from './vocabulary/givenNames.ts';
import { Glossary, readGlossary } from './vocabulary/glossary.ts';
import type { PhraseBridge } from './vocabulary/phraseBridge.ts';

/** Options for building an engine from a folder: engine options, plus progress and warning reporting. */
export interface FolderOptions extends EngineOptionsInput, BuildReporting, Pick<Reuse, 'listing'> {
  /**
   * An engine built earlier from the same folder with the same options: its unchanged documents, and their
   * recognised names, are reused instead of analyzed again (a live reload).
   */
  previous?: Engine;
  /** Where passages are indexed and retrieved: the embedded minisearch index unless another is given. */
  retrievers?: RetrieverFactory;
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
  private documentList: readonly CorpusDocument[];
  private warningList: readonly CorpusWarning[];
  private readonly byId: Map<string, CorpusDocument>;
  private readonly retriever: PassageRetriever;
  private readonly titleTermsByDocument = new WeakMap<CorpusDocument, ReadonlySet<string>>();
  private entityIndex: EntityIndex | undefined;
  private titleSearch: NameSearch<CorpusDocument> | undefined;
  private mentions: Mention[] | undefined;
  /** False while `update` recognises the names of changed documents: the entity index still has the old ones. */
  private entitiesCurrent = true;
  private textBytesBefore: number[] | undefined;
  /** Names recognised by the engine this one was rebuilt from, for the documents both share. */
  private previousMentions: Map<CorpusDocument, Mention[]> | undefined;
  /** The stamps of the files the documents were read from (unknown for documents given in memory). */
  private sources: SourceStamps | undefined;
  /** The corpus folder's glossary (`glossary.yaml`), read with the folder and kept out of snapshots. */
  private glossary: Glossary = Glossary.empty;
  private glossaryWarnings: readonly CorpusWarning[] = [];
  /** The names the documents give things (`givenNames`), gathered on the first question after a change. */
  private namesGiven: PhraseBridge | undefined;

  private constructor(documents: CorpusDocument[], warnings: CorpusWarning[], options: EngineOptions, retriever: PassageRetriever) {
    this.documentList = documents;
    this.warningList = warnings;
    this.options = options;
    this.byId = new Map(documents.map((document) => [document.id, document]));
    this.retriever = retriever;
  }

  /** The corpus documents, in the corpus folder's order. */
  get documents(): readonly CorpusDocument[] {
    return this.documentList;
  }

  /** The files that could not be served, and why (the glossary's problems among them). */
  get warnings(): readonly CorpusWarning[] {
    return this.glossaryWarnings.length === 0 ? this.warningList : [...this.warningList, ...this.glossaryWarnings];
  }

  /** How many entries the corpus folder's glossary has. */
  get glossaryEntries(): number {
    return this.glossary.size;
  }

  /**
   * Reads the corpus folder's glossary (`glossary.yaml`: the documentation's words and the members' words
   * for them) and answers with it from now on; a glossary that cannot be read is a warning.
   */
  async loadGlossary(dir: string, onWarning?: (warning: CorpusWarning) => void): Promise<void> {
    const { glossary, warnings } = await readGlossary(dir);
    this.glossary = glossary;
    this.glossaryWarnings = warnings;
    for (const warning of warnings) onWarning?.(warning);
  }

  /** Restores an engine from a snapshot's state (the snapshot module checks integrity and fingerprint first). */
  static restore(state: RestoredState): Engine {
    const engine = new Engine(state.documents, state.warnings, state.options, state.retriever);
    engine.mentions = state.mentions;
    engine.sources = state.sources;
    return engine;
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
    const documents = [...this.documents];
    const warnings = [...this.warningList];
    const mentions = this.entitiesCurrent ? this.mentions : undefined;
    const sources = this.sources;
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
    const previous =
      options.previous && JSON.stringify(options.previous.options) === JSON.stringify(resolved) ? options.previous : undefined;
    const { documents, warnings, sources } = await loadCorpus(dir, { ...options, ...resolved, previous: previous?.byId });
    const retriever = (options.retrievers ?? embeddedRetrievers).create(resolved);
    const engine = new Engine(documents, warnings, resolved, retriever);
    engine.sources = sources;
    await engine.loadGlossary(dir, options.onWarning);
    engine.previousMentions = previous && (await runStepsInSlices(previous.mentionsByDocumentSteps(), options.sliceMs ?? DEFAULT_SLICE_MS));
    const report = (files: number) =>
      options.onBuildProgress?.({ phase: 'indexing', files, totalFiles: documents.length, ...engine.progressBytes(files) });
    await runStepsInSlices(indexSteps(retriever, documents), options.sliceMs ?? DEFAULT_SLICE_MS, report);
    report(documents.length);
    return engine;
  }

  /** Builds an engine from in-memory documents (tests, or text kept elsewhere). */
  static fromDocuments(inputs: readonly DocumentInput[], options: EngineOptionsInput & Pick<FolderOptions, 'retrievers'> = {}): Engine {
    const resolved = resolveOptions(options);
    const documents = documentsFromInputs(inputs, resolved);
    const retriever = (options.retrievers ?? embeddedRetrievers).create(resolved);
    for (const document of documents) retriever.add(document);
    return new Engine(documents, [], resolved, retriever);
  }

  /** The people, organizations and places the corpus mentions, built on first use. */
  get entities(): EntityIndex {
    if (!this.entityIndex) {
      this.mentions ??= collectMentions(this.documents);
      this.entityIndex = entityIndexFromMentions(this.mentions);
    }
    return this.entityIndex;
  }

  /**
   * Brings the engine up to date with `reread`, a new reading of its corpus folder (`loadCorpus` with this
   * engine's documents as `previous`, so an unchanged file is the same document object). Each added, changed
   * or removed document is applied to the passage index (old passages removed, new ones added) together with
   * the document itself in one synchronous step: all at once when they hold at most `MAX_ATOMIC_PASSAGES`
   * passages, so a question sees the whole change or none of it; else one document per step in slices, so a
   * question sees each document whole, old or new (the `documents` list follows once all are applied). The
   * entity and title indexes, when built, are then rebuilt in slices (names recognised in the changed
   * documents only) and swapped in; until then "who is X?" is answered from sentences, not from the stale
   * entity index. `reread.sources`, the stamps of the files it was read from, lets the next `refresh` read only
   * files changed since. Returns what changed.
   */
  async update(
    reread: { documents: CorpusDocument[]; warnings: CorpusWarning[]; sources?: SourceStamps },
    options: Pick<BuildReporting, 'sliceMs' | 'onBuildProgress'> = {},
  ): Promise<CorpusChanges> {
    const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    const changes = await runStepsInSlices(diffDocumentSteps(this.documents, reread.documents), sliceMs);
    const touched = [...changes.removed, ...changes.changed].map((id) => this.byId.get(id)!);
    const applied = await runStepsInSlices(documentsWithIds(reread.documents, [...changes.changed, ...changes.added]), sliceMs);
    const passages = [...touched, ...applied].reduce((sum, document) => sum + document.passages.length, 0);
    if (touched.length + applied.length > 0) {
      this.entitiesCurrent = this.mentions === undefined;
      const stepMs = passages <= MAX_ATOMIC_PASSAGES ? Number.POSITIVE_INFINITY : sliceMs;
      await runStepsInSlices(this.applySteps(changes.removed, applied), stepMs);
    }
    // Grouped once the change is served (the names and the documents list are still the old ones here).
    const previousMentions =
      touched.length + applied.length > 0 ? await runStepsInSlices(this.mentionsByDocumentSteps(), sliceMs) : undefined;
    this.documentList = reread.documents;
    this.warningList = reread.warnings;
    this.namesGiven = undefined;
    this.sources = reread.sources;
    this.textBytesBefore = undefined;
    if (touched.length + applied.length === 0) return changes;
    if (previousMentions) {
      const mentions = await collectMentionsInSlices(
        reread.documents,
        sliceMs,
        (files) => options.onBuildProgress?.({ phase: 'names', files, totalFiles: reread.documents.length, ...this.progressBytes(files) }),
        previousMentions,
      );
      if (this.entityIndex) this.entityIndex = await entityIndexFromMentionsInSlices(mentions, sliceMs);
      this.mentions = mentions;
      this.entitiesCurrent = true;
    }
    if (this.titleSearch) this.titleSearch = await runStepsInSlices(NameSearch.buildSteps(reread.documents, titleEntry), sliceMs);
    return changes;
  }

  /**
   * Re-reads the corpus folder `dir` and applies it with `update`: files whose stamp (size, modification and
   * change times, inode) is unchanged since they were read keep their documents unread, and only new and
   * changed files are analyzed. `listing` is the folder already listed and stamped (`statCorpusFiles`).
   */
  async refresh(dir: string, options: BuildReporting & { listing?: CorpusListing } = {}): Promise<CorpusChanges> {
    const reread = await loadCorpus(dir, { ...options, ...this.options, previous: this.byId, sources: this.sources });
    await this.loadGlossary(dir, options.onWarning);
    return this.update(reread, options);
  }

  /** Removes documents and (re)indexes others, one document per step, the index and `document(id)` together. */
  private *applySteps(removed: readonly string[], applied: readonly CorpusDocument[]): Steps<void> {
    for (const id of removed) {
      this.retriever.remove(id);
      this.byId.delete(id);
      yield;
    }
    for (const document of applied) {
      this.retriever.remove(document.id);
      this.retriever.add(document);
      this.byId.set(document.id, document);
      yield;
    }
  }

  /**
   * Builds the entity index now, unless it is built already: names are recognised (unless restored from a
   * snapshot or kept from the engine this one was rebuilt from) and indexed in slices of at most `sliceMs`
   * of synchronous work, so neither the build nor a first autocomplete holds the event loop for seconds.
   */
  async prepareEntities(options: Pick<BuildReporting, 'sliceMs' | 'onBuildProgress'> = {}): Promise<EntityIndex> {
    this.mentions ??= await collectMentionsInSlices(
      this.documents,
      options.sliceMs ?? DEFAULT_SLICE_MS,
      (files) => options.onBuildProgress?.({ phase: 'names', files, totalFiles: this.documents.length, ...this.progressBytes(files) }),
      this.previousMentions,
    );
    this.previousMentions = undefined;
    this.entityIndex ??= await entityIndexFromMentionsInSlices(this.mentions, options.sliceMs ?? DEFAULT_SLICE_MS);
    return this.entityIndex;
  }

  /** This engine's recognised names by document, if it has recognised them; pauses every few thousand names. */
  private *mentionsByDocumentSteps(): Steps<Map<CorpusDocument, Mention[]> | undefined> {
    const { mentions, documents } = this;
    if (!mentions) return undefined;
    const byDocument = new Map<CorpusDocument, Mention[]>();
    for (const [i, document] of documents.entries()) {
      byDocument.set(document, []);
      if (atPausePoint(i)) yield;
    }
    for (const [i, mention] of mentions.entries()) {
      byDocument.get(mention.doc)?.push(mention);
      if (atPausePoint(i, 5000)) yield;
    }
    return byDocument;
  }

  /** Bytes of text in the first `files` documents, and in all, for progress reports. */
  private progressBytes(files: number): { bytes: number; totalBytes: number } {
    if (!this.textBytesBefore) {
      this.textBytesBefore = [0];
      for (const document of this.documents) this.textBytesBefore.push(this.textBytesBefore.at(-1)! + Buffer.byteLength(document.text));
    }
    return { bytes: this.textBytesBefore[files]!, totalBytes: this.textBytesBefore.at(-1)! };
  }

  /**
   * Documents by title as it is typed (autocomplete): every typed word starting a word of the title or id,
   * or one typing error away; best first, at most `limit`. An empty query lists the documents in order.
   */
  findDocuments(typed: string, limit = this.documents.length): CorpusDocument[] {
    if (typed.trim() === '') return this.documents.slice(0, Math.max(0, limit));
    this.titleSearch ??= NameSearch.build(this.documents, titleEntry);
    return this.titleSearch.find(typed, limit);
  }

  /** Builds the title index `findDocuments` uses now, in slices of at most `sliceMs`, unless it is built. */
  async prepareTitles(options: Pick<BuildReporting, 'sliceMs'> = {}): Promise<void> {
    this.titleSearch ??= await runStepsInSlices(NameSearch.buildSteps(this.documents, titleEntry), options.sliceMs ?? DEFAULT_SLICE_MS);
  }

  /** The document with this id, if the corpus has it. */
  document(id: string): CorpusDocument | undefined {
    return this.byId.get(id);
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

  private answerContext(model: AnswerModel = committedAnswerModel()): AnswerContext {
    return {
      index: this.retriever,
      document: (id) => this.byId.get(id),
      titleTerms: (id) => this.titleTerms(id),
      options: this.options,
      model,
      glossary: this.glossary,
      givenNames: this.givenNames(),
      describe: (subject) => (this.entitiesCurrent ? describeEntity(this.entities, subject) : undefined),
    };
  }

  /** The names the documents give one thing, gathered once after each change. */
  private givenNames(): PhraseBridge {
    this.namesGiven ??= givenNames(this.documents);
    return this.namesGiven;
  }

  /** The title terms a document's sentences inherit (`inheritedTitleTerms`), worked out once per document. */
  private titleTerms(id: string): ReadonlySet<string> {
    const document = this.byId.get(id);
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

/** A document as title autocomplete finds it: by its title, or by its id. */
const titleEntry = (document: CorpusDocument) => ({ name: document.title, aliases: [document.id] });

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

/** Indexes one passage per step; each step yields how many documents are done. */
function* indexSteps(retriever: PassageRetriever, documents: readonly CorpusDocument[]): Steps<void, number> {
  for (const [position, document] of documents.entries()) {
    for (const _ of retriever.addSteps(document)) yield position;
    yield position + 1;
  }
}
