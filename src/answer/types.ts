import type { TextSpan } from '../corpus/types.ts';

/** Where a quote comes from. `start`/`end` are offsets of the quote in the file's text. */
export interface Citation extends TextSpan {
  doc: string;
  title: string;
  path: string;
  date: string | null;
}

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
  /** Verbatim: `quote === fileText.slice(source.start, source.end)`. */
  quote: string | null;
  source: Citation | null;
  /** 0..1 */
  confidence: number;
  /** The ranking behind the answer, best first. */
  sentences: RankedSentence[];
  /** When abstaining (or for "more sources"), the nearest documents, best first. */
  nearest: Citation[];
}

export interface AnswerOptions {
  /** Restrict the answer to this document id. */
  doc?: string;
  /** How many ranked sentences to return (default 3). */
  top?: number;
}
