import type { Answer, AnswerOptions } from '../../answer/answer.ts';
import type { CorpusDocument } from '../../corpus/corpusDocument.ts';
import type { EntityIndex } from '../../entities/entityIndex.ts';

/** The part of the engine the bot uses; `Engine` satisfies it, and tests may pass a small stand-in. */
export interface QaEngine {
  readonly documents: readonly CorpusDocument[];
  readonly entities: EntityIndex;
  document(id: string): CorpusDocument | undefined;
  /** Documents by title as it is typed, best first. */
  findDocuments(typed: string, limit?: number): CorpusDocument[];
  answer(question: string, options?: AnswerOptions): Answer;
  interpret(question: string, options: Pick<AnswerOptions, 'after'>): string | null;
}
