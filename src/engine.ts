import { answerQuestion, rankEvidence, toRankedSentence, type AnswerContext } from './answer/answerQuestion.ts';
import { analyzeQuestion } from './answer/analyzeQuestion.ts';
import { normalizeQuestion } from './answer/normalizeQuestion.ts';
import type { Answer, AnswerOptions, RankedSentence } from './answer/types.ts';
import { DEFAULT_SLICE_MS, documentsFromInputs, loadCorpus, type BuildReporting } from './corpus/loadCorpus.ts';
import type { CorpusDocument, CorpusWarning, DocumentInput } from './corpus/types.ts';
import { describeEntity } from './entities/describe.ts';
import { buildEntityIndex, buildEntityIndexInSlices } from './entities/index.ts';
import type { EntityIndex } from './entities/types.ts';
import { resolveOptions, type EngineOptions, type EngineOptionsInput } from './options.ts';
import { PassageIndex, type PassageIndexSnapshot } from './search/passageIndex.ts';

/** Options for building an engine from a folder: engine options, plus progress and warning reporting. */
export interface FolderOptions extends EngineOptionsInput, BuildReporting {}

/** Everything needed to restore an engine without re-reading or re-analysing the corpus (see src/snapshot). */
export interface EngineSnapshot {
  documents: CorpusDocument[];
  warnings: CorpusWarning[];
  options: EngineOptions;
  index: PassageIndexSnapshot;
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
  readonly documents: readonly CorpusDocument[];
  readonly warnings: readonly CorpusWarning[];
  readonly options: EngineOptions;
  private readonly byId: Map<string, CorpusDocument>;
  private readonly index: PassageIndex;
  private entityIndex: EntityIndex | undefined;

  private constructor(documents: CorpusDocument[], warnings: CorpusWarning[], options: EngineOptions, index?: PassageIndex) {
    this.documents = documents;
    this.warnings = warnings;
    this.options = options;
    this.byId = new Map(documents.map((document) => [document.id, document]));
    if (index) {
      this.index = index;
    } else {
      this.index = new PassageIndex(options);
      this.index.addDocuments(documents);
    }
  }

  /** Restores an engine saved with `toSnapshot` (the snapshot module checks integrity and fingerprint first). */
  static fromSnapshot(snapshot: EngineSnapshot): Engine {
    const index = PassageIndex.fromSnapshot(snapshot.options, snapshot.documents, snapshot.index);
    return new Engine(snapshot.documents, snapshot.warnings, snapshot.options, index);
  }

  /** The engine's state for a snapshot; the documents are shared, not copied. */
  toSnapshot(): EngineSnapshot {
    return { documents: [...this.documents], warnings: [...this.warnings], options: this.options, index: this.index.toSnapshot() };
  }

  /**
   * Reads every `.txt`/`.md` file under `dir` (recursively) and indexes it, in slices of at most `sliceMs` of
   * synchronous work so a bot stays responsive, reporting progress. Throws CorpusError when `dir` is not a
   * readable folder.
   */
  static async fromFolder(dir: string, options: FolderOptions = {}): Promise<Engine> {
    const resolved = resolveOptions(options);
    const { documents, warnings } = await loadCorpus(dir, { ...resolved, ...options });
    const bytesBefore = [0];
    for (const document of documents) bytesBefore.push(bytesBefore.at(-1)! + Buffer.byteLength(document.text));
    const totalBytes = bytesBefore.at(-1)!;
    const index = new PassageIndex(resolved);
    await index.addDocumentsInSlices(documents, options.sliceMs ?? DEFAULT_SLICE_MS, (files) =>
      options.onBuildProgress?.({ phase: 'indexing', files, totalFiles: documents.length, bytes: bytesBefore[files]!, totalBytes }),
    );
    return new Engine(documents, warnings, resolved, index);
  }

  /** Builds an engine from in-memory documents (tests, or text kept elsewhere). */
  static fromDocuments(inputs: readonly DocumentInput[], options: EngineOptionsInput = {}): Engine {
    const resolved = resolveOptions(options);
    return new Engine(documentsFromInputs(inputs, resolved), [], resolved);
  }

  /** The people, organisations and places the corpus mentions, built on first use. */
  get entities(): EntityIndex {
    this.entityIndex ??= buildEntityIndex(this.documents);
    return this.entityIndex;
  }

  /**
   * Builds the entity index now, in slices of at most `sliceMs` of synchronous work, unless it is built
   * already: a server calls this before serving an engine, so neither the build nor a first autocomplete
   * holds the event loop for seconds.
   */
  async prepareEntities(sliceMs: number = DEFAULT_SLICE_MS): Promise<EntityIndex> {
    this.entityIndex ??= await buildEntityIndexInSlices(this.documents, sliceMs);
    return this.entityIndex;
  }

  /** The document with this id, if the corpus has it. */
  document(id: string): CorpusDocument | undefined {
    return this.byId.get(id);
  }

  /**
   * Answers a question with a short answer (when one can be extracted), the verbatim quote and its source,
   * or abstains (`answered: false`) with the nearest sources. Throws InvalidQuestionError for an empty or
   * oversized question.
   */
  answer(question: string, options: AnswerOptions = {}): Answer {
    return answerQuestion(this.answerContext(), question, options);
  }

  /** The sentences that best answer the question, best first (`top` of them, default 3). */
  rankSentences(question: string, options: AnswerOptions = {}): RankedSentence[] {
    const analysis = analyzeQuestion(normalizeQuestion(question, this.options.maxQuestionChars));
    const context = this.answerContext();
    return rankEvidence(context, analysis, options)
      .slice(0, options.top ?? this.options.topSentences)
      .map((evidence) => toRankedSentence(context, evidence));
  }

  private answerContext(): AnswerContext {
    return {
      index: this.index,
      document: (id) => this.byId.get(id),
      options: this.options,
      describe: (subject) => describeEntity(this.entities, subject),
    };
  }
}
