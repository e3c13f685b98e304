import type { RelatedTerm } from '../vocabulary/relatedTerm.ts';
import type { QuestionWord } from '../vocabulary/wordNetRelated.ts';
import type { AnswerType } from './candidate.ts';

export type QuestionType = 'who' | 'what' | 'when' | 'where' | 'which' | 'how-many' | 'how' | 'why' | 'yes-no' | 'other';

/**
 * The role the question word plays: the subject of the verb ("What attracted…?", "Who implements…?"),
 * its object or complement ("What did Iran promise…?", "What are white cells known as?"), or one side of
 * "is" ("Who is the chairman of…?").
 */
export type QuestionForm = 'subject' | 'object' | 'copula';

/** What the engine reads from a question before looking for its answer. */
export interface QuestionAnalysis {
  text: string;
  type: QuestionType;
  expected: AnswerType;
  form: QuestionForm;
  /** Index terms of the question (stop words and question words dropped), in order, duplicates removed. */
  terms: string[];
  /** For "which/what <noun>" questions: the noun the answer is an instance of ("company", "sector"). */
  headNoun: string | null;
  /** The head noun's dictionary form ("countries" → "country"). */
  headLemma: string | null;
  /** The head noun is plural ("Which countries…"): a list answers it whole. */
  pluralHead: boolean;
  /** For "who/what is X?" when it asks what X is: X, the thing to describe. */
  subject: string | null;
  /** True when the main verb is a form of "be": the answer is described by the question's terms, not their partner. */
  copular: boolean;
  /** Words of the question as typed, content only, for emphasising matches in a quote. */
  keywords: string[];
  /** The content words, with their dictionary form and word class, for finding other words for them (WordNet). */
  words: QuestionWord[];
  /**
   * Index terms that may stand for a question term in the corpus's words (the glossary's "guild" for
   * "server", WordNet's "conceal" for "hide"), each weighed below the term itself: none as the question is
   * read; the engine adds those of its vocabulary sources before it retrieves (`rankEvidence`).
   */
  related: RelatedTerm[];
}
