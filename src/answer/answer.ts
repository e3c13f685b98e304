import type { Citation, DocumentBlock, TextSpan } from '../corpus/corpusDocument.ts';

/** A sentence in the ranking behind an answer. */
export interface RankedSentence extends TextSpan {
  text: string;
  doc: string;
  path: string;
  score: number;
}

/** What the engine says to a question. "No answer" is a value (`answered: false`), never an exception. */
export interface Answer {
  question: string;
  answered: boolean;
  /** The short answer span, when one could be extracted. */
  answer: string | null;
  /**
   * Where the short answer comes from when not from the quote: `document date` for a "when" question whose
   * quote names no date, answered with its document's own date ("14 March 2025"). Absent: the quote.
   */
  answerFrom?: 'document date';
  /** Verbatim: `quote === fileText.slice(source.start, source.end)`. */
  quote: string | null;
  /**
   * What the quote is made of, when its document has a layout: its prose, list items and code blocks, by
   * offsets into the quote, so a door can show code as code. Absent or empty: the quote is prose.
   */
  quoteLayout?: QuoteLayout[];
  source: Citation | null;
  /** Probability (0..1, calibrated on held-out questions) that the quote holds the answer. */
  confidence: number;
  /**
   * Probability (0..1, calibrated) that the short answer is right; null when there is no short answer.
   * The JSON contract names it `answer_confidence`.
   */
  answerConfidence: number | null;
  /** The ranking behind the answer, best first. */
  sentences: RankedSentence[];
  /** When abstaining (or for "more sources"), the nearest documents, best first. */
  nearest: Citation[];
  /**
   * How a follow-up was read in its conversation ("What did Fuad Allahverdiyev speak about?" for "What did
   * he speak about?"); null when nothing in the question was taken from earlier turns.
   */
  interpreted: string | null;
  /** The words of a follow-up that were taken from earlier turns, and what they were taken as. */
  references: Reference[];
}

/** One piece of a quote: prose, a list item or table row, or code (with its language when known). */
export interface QuoteLayout extends TextSpan {
  kind: DocumentBlock['kind'];
  language?: string;
}

/** An answer to a question asked on its own, before it is placed in a conversation. */
export type StandaloneAnswer = Omit<Answer, 'interpreted' | 'references'>;

export interface AnswerOptions {
  /** Restrict the answer to this document id. */
  doc?: string;
  /** How many ranked sentences to return (default 3). */
  top?: number;
  /**
   * The conversation so far (one turn, or several, oldest first): pronouns and other references are read
   * against it ("he" → the person the last answer named), a bare "And in Turkey?" reuses the last
   * question, and the last answer's document is preferred. Without it every question stands alone.
   */
  after?: Turn | readonly Turn[];
  /**
   * Prefer passages of document `doc` without restricting the answer to it. The words of `topic` count as said
   * in each of its sentences, as the title's do: in an article about Barry Beal, "He added…" is about him.
   */
  prefer?: { doc: string; topic?: string };
  /** What readers said of earlier answers to this question; the engine keeps none of it itself. */
  feedback?: RankingFeedback;
}

/** A sentence by where it is: its document and its offsets there (a citation's `doc`, `start`, `end`). */
export interface SentenceRef {
  doc: string;
  start: number;
  end: number;
}

/**
 * Readers' verdicts on sentences as answers to one question, passed in by whoever collects them (the bot,
 * per server). A demoted sentence ranks below every other for the question, so it is no longer the answer;
 * a preferred one wins ties of score.
 */
export interface RankingFeedback {
  demote?: readonly SentenceRef[];
  prefer?: readonly SentenceRef[];
  /**
   * Questions readers said a source answers (a 👍), in their own words: each source counts as saying those
   * words too, so a question put the same way finds it (a community's words for the documentation's).
   */
  phrasings?: readonly Phrasing[];
}

/** A question, and the quote a reader said answered it. */
export interface Phrasing {
  question: string;
  source: SentenceRef;
}

/**
 * One exchange of a conversation: what was asked and what the engine answered. A whole `Answer` will do;
 * only the fields below are read, so a caller that kept less (a chat log) can rebuild a turn.
 */
export interface Turn {
  question: string;
  answer: {
    /** The short answer, if there was one. */
    answer: string | null;
    /** The quoted sentence, if the engine answered. */
    quote: string | null;
    /** The quote's document. */
    source: { doc: string } | null;
    /** How the question was read, when it was itself a follow-up. */
    interpreted?: string | null;
  };
}

/** Words of a follow-up question taken to mean something said earlier in the conversation. */
export interface Reference {
  /** The words as asked: "he", "the company", "And in Turkey?". */
  said: string;
  /** What they were taken as: "Fuad Allahverdiyev", "AzerTelecom", "How many people live in Turkey?". */
  as: string;
}
