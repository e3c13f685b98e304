/**
 * Where a related term comes from: WordNet, the corpus folder's glossary, the corpus's own definitions, a
 * turn of phrase the engine knows ("if I don't pick one" asks for the default), readers' votes.
 */
export type RelatedSource = 'wordnet' | 'glossary' | 'corpus' | 'idiom' | 'feedback';

/** An index term that may stand for one of the question's, and how much a match on it counts (0..1). */
export interface RelatedTerm {
  term: string;
  /** The question term it stands for. */
  of: string;
  weight: number;
  source: RelatedSource;
}
