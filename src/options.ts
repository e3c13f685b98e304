import { isDeepStrictEqual } from 'node:util';
import { normalizeBaseUrl } from './corpus/documentUrl.ts';

/**
 * One weight per piece of sentence-ranking evidence (`SentenceFeatures`); each piece is 0..1. A sentence's
 * score is the weighted sum.
 */
export interface RankingWeights {
  /** IDF-weighted share of the question's terms that the sentence holds. */
  coverage: number;
  /** How tightly the matched terms sit together. */
  proximity: number;
  /** Share of the question's adjacent term pairs that stand adjacent in the sentence too. */
  order: number;
  /** The passage's retrieval score relative to the best retrieved passage. */
  passage: number;
  /** Earlier sentences in a document score higher (news and encyclopaedia leads). */
  position: number;
  /** The sentence holds a phrase of the expected answer type that the question does not already hold. */
  answerType: number;
  /**
   * IDF-weighted share of the question's terms that the headings above the sentence hold (a section title,
   * an FAQ question, a configuration option's name): what every sentence under them is about.
   */
  heading: number;
  /** 1 for prose, 0 for code: code holds a question's words as names and syntax, not as an answer says them. */
  prose: number;
  /**
   * How well the question and the heading right above the sentence match, when that heading is itself a
   * question (an FAQ entry: "How do I ban a user?"): the smaller of the IDF-weighted share of the question's
   * terms the heading holds and the share of the heading's terms the question holds; 0 under other headings.
   */
  faq: number;
}

/** Engine options. Every field has a default in `defaultOptions`; pass only what you change. */
export interface EngineOptions {
  /** A paragraph longer than this many characters is split into several passages at sentence boundaries. */
  maxPassageChars: number;
  /** A sentence longer than this (text without punctuation) is cut at spaces, so quotes stay readable. */
  maxSentenceChars: number;
  /**
   * Longest quote for a how-to, why or "what does X do" question, which quotes a passage (the lead-in, the
   * steps, the code) rather than a sentence; longer code is cut at a line break.
   */
  maxPassageQuoteChars: number;
  /** BM25+ parameters for passage retrieval: term saturation `k`, length normalisation `b`, lower bound `d`. */
  bm25: { k: number; b: number; d: number };
  /** Score multiplier for a match in the document title over one in the passage text. */
  titleBoost: number;
  /** Score multiplier for a match in the headings a passage is under (section titles, FAQ questions). */
  headingBoost: number;
  /** Score multiplier for a match in a passage's code: names and syntax say less about what a passage answers than prose. */
  codeBoost: number;
  /**
   * Retrieval searches the question's rarest words until they match this many passages in all, dropping the
   * most common ones: each matching passage costs time (about 0.1 µs), and common words add little to BM25.
   */
  maxQueryPostings: number;
  /** How many retrieved passages have their sentences ranked. */
  passagesToRank: number;
  /** How many ranked sentences get the (costlier) answer-type analysis. */
  sentencesToAnalyze: number;
  /** How many ranked sentences an answer lists by default. */
  topSentences: number;
  /** Weights of the sentence-ranking evidence across the corpus. */
  ranking: RankingWeights;
  /**
   * Weights when ranking the sentences of one document (the `doc` option): there the passage score is
   * nearly sentence-local, and the lead of an article is a strong prior.
   */
  documentRanking: RankingWeights;
  /**
   * When the probability that the corpus answers the question at all (the answerable model) is below this,
   * the engine abstains and lists the nearest sources instead. The answer's `confidence` (that the quote
   * holds the answer) is a separate judgement: a corpus can answer a question whose best quote misses.
   */
  abstainBelow: number;
  /** A short answer whose `answerConfidence` is below this is withheld (`answer: null`): the quote alone answers. */
  minAnswerConfidence: number;
  /** Longest question accepted, in characters. */
  maxQuestionChars: number;
  /**
   * Where the engine looks for the corpus's words for a question's: the corpus folder's `glossary.yaml`,
   * the names the corpus itself gives one thing (`corpusNames`: "X, also called Y", abbreviations, front
   * matter aliases), turns of phrase that mean a word the docs use (`idioms`: "if I don't pick one" asks for
   * the default), WordNet's synonyms and derived forms (for a question word no passage holds), and the
   * words of questions readers said a quote answers (`feedback`: `RankingFeedback.phrasings`). Each can be
   * switched off, to measure it.
   */
  vocabulary: { glossary: boolean; corpusNames: boolean; idioms: boolean; wordNet: boolean; feedback: boolean };
  /**
   * Serve the files that symbolic links in the corpus folder point to outside it. Off by default: anyone
   * who can put a link in the folder could otherwise publish any file the process can read (`.env`, keys).
   */
  followLinks: boolean;
  /**
   * The site a docs folder is published at: a file's citation links to this URL plus its path without the
   * extension (`guide/setup.md` → `https://example.org/guide/setup`), unless the file names its own URL
   * (front matter, canonical link). null: only files that name a URL are linked.
   */
  baseUrl: string | null;
}

/** Defaults chosen by measurement on the dev sets (see README, "Measured quality"). */
export const defaultOptions: EngineOptions = {
  maxPassageChars: 1200,
  maxSentenceChars: 600,
  maxPassageQuoteChars: 1000,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  titleBoost: 2,
  headingBoost: 0.75,
  codeBoost: 0.5,
  maxQueryPostings: 20_000,
  passagesToRank: 8,
  sentencesToAnalyze: 12,
  topSentences: 3,
  ranking: { coverage: 1, proximity: 0.25, order: 0.2, passage: 0.8, position: 0.05, answerType: 0.15, heading: 0.5, prose: 0.3, faq: 1.5 },
  documentRanking: {
    coverage: 1,
    proximity: 0.25,
    order: 0.2,
    passage: 0.3,
    position: 0.5,
    answerType: 0.3,
    heading: 0.5,
    prose: 0.3,
    faq: 1.5,
  },
  abstainBelow: 0.6,
  minAnswerConfidence: 0.15,
  maxQuestionChars: 500,
  vocabulary: { glossary: true, corpusNames: true, idioms: true, wordNet: true, feedback: true },
  followLinks: false,
  baseUrl: null,
};

/** Merges partial options over the defaults once, so the rest of the engine reads complete options. */
export type EngineOptionsInput = Partial<Omit<EngineOptions, 'bm25' | 'ranking' | 'documentRanking' | 'vocabulary'>> & {
  bm25?: Partial<EngineOptions['bm25']>;
  vocabulary?: Partial<EngineOptions['vocabulary']>;
  ranking?: Partial<RankingWeights>;
  documentRanking?: Partial<RankingWeights>;
};

export function resolveOptions(options: EngineOptionsInput = {}): EngineOptions {
  // Only the known keys: callers pass wider objects (progress callbacks), and options are saved in snapshots.
  const known = setEntries(Object.fromEntries(Object.keys(defaultOptions).map((key) => [key, options[key as keyof EngineOptionsInput]])));
  const resolved: EngineOptions = {
    ...defaultOptions,
    ...known,
    bm25: { ...defaultOptions.bm25, ...setEntries(options.bm25) },
    ranking: { ...defaultOptions.ranking, ...setEntries(options.ranking) },
    documentRanking: { ...defaultOptions.documentRanking, ...setEntries(options.documentRanking) },
    vocabulary: { ...defaultOptions.vocabulary, ...setEntries(options.vocabulary) },
  };
  if (resolved.baseUrl !== null) {
    const baseUrl = normalizeBaseUrl(resolved.baseUrl);
    if (baseUrl === null) throw new Error(`corpus-qa: option baseUrl must be an http(s) URL, got ${resolved.baseUrl}`);
    resolved.baseUrl = baseUrl;
  }
  const numbers = [resolved, resolved.bm25, resolved.ranking, resolved.documentRanking].flatMap((group) => Object.entries(group));
  for (const [key, value] of numbers) {
    if (typeof value === 'number' && !(Number.isFinite(value) && value >= 0)) {
      throw new Error(`corpus-qa: option ${key} must be a non-negative number, got ${value}`);
    }
  }
  return resolved;
}

/** Whether two resolved options are the same in every field: an engine built with one can stand in for the other. */
export function sameOptions(a: EngineOptions, b: EngineOptions): boolean {
  return isDeepStrictEqual(a, b);
}

/** The entries that are set: an option passed as undefined (`{ topSentences: flags.top }`) keeps its default. */
function setEntries<T extends object>(values: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(values ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}
