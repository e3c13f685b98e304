/**
 * corpus-qa: answers questions about a document corpus with a short answer, the verbatim quote it comes
 * from, and the citation.
 *
 * @example
 * import { Engine } from 'corpus-qa';
 * const engine = await Engine.fromFolder('corpus');
 * const answer = engine.answer("who met Portugal's minister?");
 * answer.answer; // 'Ali Abbasov'
 * answer.quote;  // the sentence, exactly as it stands in the cited document's text
 */

export type { Answer, AnswerOptions, RankedSentence } from './answer/answer.ts';
export type { Reference, Turn } from './conversation/turn.ts';
export type {
  CorpusDocument,
  CorpusWarning,
  DocumentFormat,
  DocumentInput,
  LocationMarker,
  Passage,
  Sentence,
  SourceLocation,
  TextSpan,
} from './corpus/corpusDocument.ts';
export { Engine, type FolderOptions } from './engine.ts';
export type { CitedQuote, EntityCard, EntityIndex, EntityRole, EntitySummary, EntityType } from './entities/entityIndex.ts';
export { CorpusError, InvalidQuestionError } from './errors.ts';
export { defaultOptions, type EngineOptions, type EngineOptionsInput, type RankingWeights } from './options.ts';
