import { COUNTRY_VARIANTS } from './demonyms.ts';
import { fold } from './fold.ts';
import { irregularVerbLemma, stemWord } from './nlp.ts';
import { STOP_WORDS } from './stopWords.ts';

/**
 * A longer run of characters without a space is not prose (base64 of an inlined image, a hash, one key
 * held down): neither the term pipeline nor wink-nlp reads it. wink-nlp's tokenizer takes time quadratic in
 * a token's length: 100 KB of base64 took 88 s.
 */
export const MAX_WORD_CHARS = 100;

/** A run of non-space characters longer than `MAX_WORD_CHARS`, or a data URI ("data:image/png;base64,…"). */
const LONG_RUN = new RegExp(`\\S{${MAX_WORD_CHARS + 1},}|\\bdata:[^\\s,]*,\\S*`, 'g');

/**
 * `text` with each run too long to be a word, and each data URI, turned into spaces of the same length,
 * so that offsets into it still hold. Returns `text` itself when there is none.
 *
 * @example hideLongRuns(`a ${'x'.repeat(200)} b`) // → 'a ' + 200 spaces + ' b'
 */
export function hideLongRuns(text: string): string {
  return hasLongRun(text) || text.includes('data:') ? text.replace(LONG_RUN, (run) => ' '.repeat(run.length)) : text;
}

/** Whether some run of non-space characters is longer than `MAX_WORD_CHARS`: a scan cheaper than the pattern. */
function hasLongRun(text: string): boolean {
  if (text.length <= MAX_WORD_CHARS) return false;
  let run = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    run = code === 32 || code === 10 || code === 9 || code === 13 ? 0 : run + 1;
    if (run > MAX_WORD_CHARS) return true;
  }
  return false;
}

/** A word: letters and digits, with inner apostrophes ("Portugal's", "O’Shea"). */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const POSSESSIVE = /['’]s?$/u;
const MAX_REMEMBERED_TERMS = 500_000;
const normalizedTerms = new Map<string, string | null>();

/**
 * Splits text into raw word tokens ("Portugal's" stays one token; the possessive goes in `normalizeTerm`),
 * leaving out runs too long to be words.
 *
 * @example tokenize('Who met Portugal’s minister?') // → ['Who', 'met', 'Portugal’s', 'minister']
 */
export function tokenize(text: string): string[] {
  return hideLongRuns(text).match(WORD) ?? [];
}

/**
 * The words of `text` with their offsets, as `tokenize` finds them, to style or find them in place.
 *
 * @example [...wordSpans('Ali met Paulo')][1] // → { value: 'met', start: 4, end: 7 }
 */
export function* wordSpans(text: string): Generator<{ value: string; start: number; end: number }> {
  for (const match of hideLongRuns(text).matchAll(WORD)) {
    yield { value: match[0], start: match.index, end: match.index + match[0].length };
  }
}

/**
 * The one term pipeline shared by indexing and querying: case folding, diacritics folding, possessives
 * ("Portugal's" → "portugal"), country names and demonyms folded into one key ("Turkish", "Turkey",
 * "Türkiye"), stop words dropped, irregular verbs lemmatized ("met" → "meet": a stemmer alone does not
 * unify them), then Porter2 stemming. Returns null for a term that is not indexed.
 *
 * @example normalizeTerm("Portugal's") // → 'portug'
 */
export function normalizeTerm(term: string): string | null {
  const known = normalizedTerms.get(term);
  if (known !== undefined) return known;
  const normalized = normalizeTermOnce(term);
  // Stemming was a third of indexing time; a corpus repeats a small vocabulary, so remember results.
  if (normalizedTerms.size >= MAX_REMEMBERED_TERMS) normalizedTerms.clear();
  normalizedTerms.set(term, normalized);
  return normalized;
}

/** `normalizeTerm` without remembering the result: for words tried once, like the spellings of a typo. */
export function normalizeTermOnce(term: string): string | null {
  const folded = fold(term).replace(POSSESSIVE, '');
  if (folded === '' || STOP_WORDS.has(folded)) return null;
  const lemma = COUNTRY_VARIANTS.get(folded) ?? irregularVerbLemma(folded);
  return /^\p{N}+$/u.test(lemma) ? lemma : stemWord(lemma);
}

/** Index terms of a text, in order, duplicates kept. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = normalizeTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}
