import type { Answer, AnswerOptions } from '../../answer/answer.ts';
import type { CorpusDocument } from '../../corpus/corpusDocument.ts';
import type { EntityIndex } from '../../entities/entityIndex.ts';
import type { DocumentTitle } from '../../search/retriever.ts';

/** The part of the engine the bot uses; `Engine` satisfies it, and tests may pass a small stand-in. */
export interface QaEngine {
  readonly documents: readonly CorpusDocument[];
  readonly entities: EntityIndex;
  /** The document with this id, if the corpus has it (over a stored index: if it has been fetched; see `fetchDocument`). */
  document(id: string): CorpusDocument | undefined;
  /** The document with this id, fetched first over a stored index (SEARCH=postgres). */
  fetchDocument(id: string): Promise<CorpusDocument | undefined>;
  /** `Engine.findTitles`: documents by title as it is typed, best first, from the database under SEARCH=postgres. */
  findTitles(typed: string, limit?: number): Promise<DocumentTitle[]>;
  /** `Engine.lookUpDocument`: the document with this id, else the one whose title best matches it. */
  lookUpDocument(wanted: string): Promise<CorpusDocument | undefined>;
  /** `Engine.ask`: the answer, over the in-process index or (SEARCH=postgres) one fetched from the database. */
  ask(question: string, options?: AnswerOptions): Promise<Answer>;
  interpret(question: string, options: Pick<AnswerOptions, 'after'>): string | null;
}
