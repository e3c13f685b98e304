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
 * An identifier written in camel case ("editReply", "toHaveBeenCalledTimes") or as three or more capitalised
 * words run together ("ContentTypeParser"): code names what it does in words run together.
 */
const COMPOUND_NAME = /^(?:\p{Ll}+(?:\p{Lu}[\p{Ll}\p{N}]*)+|\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+){2,})$/u;
const NAME_PART = /\p{Lu}?[\p{Ll}\p{N}]+/gu;

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
 * `tokenize`, with each identifier in camel case kept whole and followed by its words ("editReply", "edit",
 * "Reply"): for text that names things in code — a question, a heading, a code block — so that a question
 * finds a name by its words. Prose is not read so: its camel-case names are mostly inline code, and
 * their words would match questions that only share a word with them. Dots and underscores already part
 * words ("member.roles.cache").
 *
 * @example tokenizeNames('Call editReply()') // → ['Call', 'editReply', 'edit', 'Reply']
 */
export function tokenizeNames(text: string): string[] {
  const words = tokenize(text);
  if (!words.some((word) => COMPOUND_NAME.test(word))) return words;
  return words.flatMap((word) => (COMPOUND_NAME.test(word) ? [word, ...(word.match(NAME_PART) ?? [])] : [word]));
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

/**
 * The words inside the camel-case names of a text ("editReply()" → "edit", "Reply"), not the names
 * themselves: prose names things in code as one word, and a question may ask for it by its words.
 *
 * @example nameParts('Call editReply() now') // → ['edit', 'Reply']
 */
export function nameParts(text: string): string[] {
  if (!CASE_CHANGE.test(text)) return [];
  return tokenize(text).flatMap((word) => (COMPOUND_NAME.test(word) ? (word.match(NAME_PART) ?? []) : []));
}

/** A lower-case letter followed by an upper-case one: no camel-case name without one. */
const CASE_CHANGE = /\p{Ll}\p{Lu}/u;

/** No index term has a space in it: its IDF is that of a term no passage holds. */
export const UNHELD_TERM = ' ';

/** Index terms of a text, in order, duplicates kept; with `names`, camel-case names read as their words too (`tokenizeNames`). */
export function termsOf(text: string, { names = false }: { names?: boolean } = {}): string[] {
  const terms: string[] = [];
  for (const token of names ? tokenizeNames(text) : tokenize(text)) {
    const term = normalizeTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}
