/** Where a related term comes from: WordNet, the corpus folder's glossary, the corpus's own definitions, readers' votes. */
export type RelatedSource = 'wordnet' | 'glossary' | 'corpus' | 'feedback';

/** An index term that may stand for one of the question's, and how much a match on it counts (0..1). */
export interface RelatedTerm {
  term: string;
  /** The question term it stands for. */
  of: string;
  weight: number;
  source: RelatedSource;
}
