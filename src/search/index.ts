/** Passage retrieval: the seam the answer pipeline uses, and its embedded minisearch implementation. */
export { miniSearchRetrievers as embeddedRetrievers } from './miniSearchRetriever.ts';
export type {
  PassageHit,
  PassageRetriever,
  Retrieval,
  RetrievalOptions,
  RetrieveOptions,
  RetrieverFactory,
  SavedIndex,
  StoredIndex,
} from './retriever.ts';
