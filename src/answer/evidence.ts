import type { ChosenSpan, ScoredCandidate } from './chooseSpan.ts';
import type { ScoredSentence } from './rankSentences.ts';

/** A ranked sentence with its scored answer candidates (best first) and the short answer chosen, if any. */
export interface SentenceEvidence extends ScoredSentence {
  candidates: ScoredCandidate[];
  span: ChosenSpan | null;
  /**
   * The IDF-weighted share of the question's terms, as retrieval read them (a misspelt word as its close
   * spelling, unless the word is too short for that to be trusted: `heldReading`), that some passage holds
   * (`heldShare`): the same for every sentence of one ranking.
   */
  held: number;
  /** The sentence's document has a layout (headings, lists, code): documentation rather than running text. */
  layout: boolean;
}

/**
 * What the evidence says: that the quote holds the answer, that the short answer is right, and that the
 * corpus answers the question at all (below `abstainBelow`, the engine says it does not).
 */
export interface Confidences {
  quote: number;
  answer: number | null;
  answerable: number;
}
