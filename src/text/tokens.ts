import type { WinkMethods } from 'wink-nlp';
import { nlp, type Pipeline } from './nlp.ts';
import { hideLongRuns, normalizeTerm } from './terms.ts';

/** A half-open character range `[start, end)` into a text (for a document, its original file text). */
export interface TextSpan {
  start: number;
  end: number;
}

/** One token of a text, as wink-nlp reads it, with its offsets: `value === text.slice(start, end)`. */
export interface Token extends TextSpan {
  value: string;
  /** Universal POS tag ('X' when the pipeline has no tagger). */
  pos: string;
  /** `value` in lower case. */
  lower: string;
  /** First word of a sentence, or first after an opening quote or bracket, a colon or a dash. */
  initial: boolean;
  /** No space between this token and the one before. */
  glued: boolean;
}

/** A built-in wink-nlp entity (DATE, CARDINAL, MONEY…), with offsets into the text read. */
export interface BuiltInEntity extends TextSpan {
  type: string;
}

/** A token of an analyzed sentence, with its index term to match against a question's. */
export interface SentenceToken extends Token {
  /** The term pipeline's form of `value` (null for a stop word), as the index holds it. */
  term: string | null;
  /** wink-nlp's dictionary form, lower case ("companies" → "company"), for typing nouns by meaning. */
  lemma: string;
}

export interface AnalyzedSentence {
  text: string;
  tokens: SentenceToken[];
  entities: BuiltInEntity[];
}

export interface ReadOptions {
  pipeline: Pipeline;
  /** Spans of the text (inline code) in which no sentence may end; see `splitSentences`. */
  protect?: readonly TextSpan[] | undefined;
  /** Read a possessive apart from its word ("Blunkett 's"); see `withPossessivesApart`. */
  possessivesApart?: boolean;
}

/**
 * Tokens of a text with their offsets, POS tags (when the pipeline tags) and index terms.
 *
 * @example readTokens('A.Abbasov said.', { pipeline: 'tags' }).map((t) => t.value) // → ['A.', 'Abbasov', 'said', '.']
 */
export function readTokens(text: string, options: ReadOptions): Token[] {
  return tokensOf(readText(text, options));
}

/**
 * Tokens with POS tags and built-in entities of one sentence, from the full wink-nlp pipeline.
 *
 * @example analyzeSentence('He left on 5 March.').entities // → [{ start: 11, end: 18, type: 'DATE' }]
 */
export function analyzeSentence(text: string): AnalyzedSentence {
  const reading = readText(text, { pipeline: 'full' });
  const tokens = tokensOf(reading) as SentenceToken[];
  const { doc, wink } = reading;
  const lemmas = doc.tokens().out(wink.its.lemma as unknown as typeof wink.its.value) as string[];
  tokens.forEach((token, i) => {
    token.term = normalizeTerm(token.value);
    token.lemma = (lemmas[i] ?? token.value).toLowerCase();
  });
  const spans = doc.entities().out(wink.its.span) as unknown as [number, number][];
  const types = doc.entities().out(wink.its.type) as string[];
  const entities: BuiltInEntity[] = [];
  spans.forEach(([first, last], i) => {
    const start = tokens[first]?.start;
    const end = tokens[last]?.end;
    if (start !== undefined && end !== undefined) entities.push({ start, end, type: types[i] ?? 'X' });
  });
  return { text, tokens, entities };
}

/**
 * Splits `text` into sentence spans (offsets into `text`). wink-nlp keeps "A.Abbasov", "Mr. Velizade" and
 * "Mar. 5" intact; it would end a sentence at the dot of a dotted name ("next.js", "index.js", "v14.2.1",
 * "member.roles.cache", ".env", a URL) or inside inline code (`protect`: spans of `text`), so those are
 * hidden from it as letters of the same length (`protectNames`) — offsets still hold.
 *
 * @example splitSentences('He came. She left.') // → [{start: 0, end: 8}, {start: 9, end: 18}]
 * @example splitSentences('Install next.js first.').length // → 1
 */
export function splitSentences(text: string, protect?: readonly TextSpan[]): TextSpan[] {
  if (text.trim() === '') return [];
  const { doc, wink, starts, ends, hidden } = readText(text, { pipeline: 'sentences', protect });
  const spans = doc.sentences().out(wink.its.span) as unknown as [number, number][];
  const sentences: TextSpan[] = [];
  const push = (first: number, last: number) => {
    if (ends[last]! > starts[first]!) sentences.push({ start: starts[first]!, end: ends[last]! });
  };
  for (const [first, last] of spans) {
    let from = first;
    // A hidden run is no prose: the words on either side of it are quoted apart, not with it in between.
    for (let i = first; hidden && i < last; i += 1) {
      if (/\S/.test(text.slice(ends[i]!, starts[i + 1]!))) {
        push(from, i);
        from = i + 1;
      }
    }
    push(from, last);
  }
  return sentences;
}

interface Reading {
  text: string;
  wink: WinkMethods;
  doc: ReturnType<WinkMethods['readDoc']>;
  values: string[];
  pos: string[] | undefined;
  starts: Int32Array;
  ends: Int32Array;
  /** Some run of the text was too long to be words, and was hidden from wink-nlp. */
  hidden: boolean;
}

/**
 * Reads `text` with wink-nlp and finds each token in it. wink's tokens reproduce what it read (each is its
 * preceding spaces, then its value), but what it reads can differ from `text`: spaces stand in for hidden
 * runs, possessives may be set apart, and wink drops a few characters (U+2028, a byte-order mark). So each
 * token is looked for where the spaces put it, else at the next place after the previous token.
 */
function readText(text: string, options: ReadOptions): Reading {
  const wink = nlp(options.pipeline);
  const visible = hideLongRuns(text);
  const shown = options.pipeline === 'sentences' ? protectNames(visible, options.protect) : visible;
  const doc = wink.readDoc(options.possessivesApart ? withPossessivesApart(wink, shown) : shown);
  const values = doc.tokens().out(wink.its.value) as string[];
  const spaces = doc.tokens().out(wink.its.precedingSpaces) as string[];
  const pos = options.pipeline === 'sentences' ? undefined : (doc.tokens().out(wink.its.pos) as string[]);
  const starts = new Int32Array(values.length);
  const ends = new Int32Array(values.length);
  let cursor = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    const expected = cursor + spaces[i]!.length;
    const start = shown.startsWith(value, expected) ? expected : shown.indexOf(value, cursor);
    starts[i] = start < 0 ? cursor : start;
    ends[i] = start < 0 ? cursor : start + value.length;
    cursor = ends[i]!;
  }
  return { text, wink, doc, values, pos, starts, ends, hidden: visible !== text };
}

/**
 * A dot inside a name — between word characters with a lower-case letter or digit after it ("next.js",
 * "v14.2.1"), or starting a name (".env", ".delete()") — but not in an abbreviation of single letters
 * ("e.g.", "a.m.").
 */
const NAME_DOT = /(?<=[\p{L}\p{N}_$)\]])\.(?=[\p{Ll}\p{N}_$])|(?<=^|[\s(["'`])\.(?=[\p{Ll}_$])/gu;
const ABBREVIATION = /(?:^|[^\p{L}])\p{L}$/u;

/**
 * `text` with the characters that could end a sentence hidden where no sentence ends: each dot of a dotted
 * name (`NAME_DOT`) and every punctuation mark inside the protected spans become an `x`, one character for
 * one, so offsets into the result are offsets into `text`.
 */
export function protectNames(text: string, protect?: readonly TextSpan[]): string {
  let shown = text.includes('.') ? text.replace(NAME_DOT, (dot, at: number) => (isAbbreviationDot(text, at) ? dot : 'x')) : text;
  if (protect && protect.length > 0) {
    const chars = [...shown.split('')];
    for (const { start, end } of protect) {
      for (let i = Math.max(0, start); i < Math.min(end, chars.length); i += 1) {
        if (/[^\p{L}\p{N}\s]/u.test(chars[i]!)) chars[i] = 'x';
      }
    }
    shown = chars.join('');
  }
  return shown;
}

/** "e.g.", "i.e.", "a.m.": a single letter on each side of the dot, and a dot after the second. */
function isAbbreviationDot(text: string, at: number): boolean {
  return ABBREVIATION.test(text.slice(Math.max(0, at - 2), at)) && /^\.\p{L}\./u.test(text.slice(at, at + 3));
}

const OPENING_MARKS = new Set(['"', '“', '‘', "'", '(', ':', '-', '–', '—']);

function tokensOf({ text, values, pos, starts, ends }: Reading): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < values.length; i += 1) {
    const start = starts[i]!;
    const end = ends[i]!;
    const value = text.slice(start, end);
    const previous = values[i - 1];
    tokens.push({
      value,
      start,
      end,
      pos: pos?.[i] ?? 'X',
      lower: value.toLowerCase(),
      initial: previous === undefined || OPENING_MARKS.has(previous) || /^[.!?]+$/.test(previous),
      glued: i > 0 && start === ends[i - 1],
    });
  }
  return tokens;
}

/** A word's possessive "'s" or "’s", followed by no letter: "Blunkett's", "SONY’S", not "O'Shea". */
const POSSESSIVE = /(\p{L}+)(['’][sS])(?!\p{L})/gu;

/**
 * The text with a space before each possessive, for wink-nlp to read. Why: wink splits "Blunkett's" into
 * "Blunkett" + "'s" mid-sentence, but keeps it whole before punctuation ("… Mr Blunkett's.", "Blunkett's,"),
 * adds the whole word to the instance's lexicon, and from then on keeps it whole everywhere — so a second
 * pass over a corpus found "Blunkett's" where the first found the person "Blunkett". Given the possessive
 * apart, wink never learns such a word; the space changes no tag (offsets come from the original text).
 */
function withPossessivesApart(wink: WinkMethods, text: string): string {
  // Most sentences have no apostrophe: the pattern would try a possessive at every letter of each word.
  if (!text.includes("'") && !text.includes('’')) return text;
  return text.replace(POSSESSIVE, (whole, word: string, clitic: string) => (splitsAsPossessive(wink, whole) ? `${word} ${clitic}` : whole));
}

const possessiveWords = new WeakMap<WinkMethods, Map<string, boolean>>();

/**
 * Whether wink, reading a word alone, splits it into the word and a possessive — not a contraction of its
 * lexicon ("He's", "that's"), which it expands and tags as a verb, and which a space would turn into a
 * possessive. Memoised; reading the word alone teaches the instance only the bare word.
 */
function splitsAsPossessive(wink: WinkMethods, word: string): boolean {
  let known = possessiveWords.get(wink);
  if (!known) {
    known = new Map();
    possessiveWords.set(wink, known);
  }
  let splits = known.get(word);
  if (splits === undefined) {
    const tokens = wink.readDoc(word).tokens();
    const contraction = (tokens.out(wink.its.contractionFlag) as unknown as boolean[])[0] ?? false;
    splits = tokens.length() === 2 && !contraction;
    known.set(word, splits);
  }
  return splits;
}
