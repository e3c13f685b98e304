import verbExceptions from 'wink-eng-lite-web-model/dist/wn-verb-exceptions.js';
import { COUNTRY_VARIANTS, foldWord } from './demonyms.ts';
import { stemWord } from './nlp.ts';
import { STOP_WORDS } from './stopWords.ts';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const POSSESSIVE = /['’]s?$/u;
const irregularVerbs = verbExceptions as Record<string, string | undefined>;
const MAX_REMEMBERED_TERMS = 500_000;
const normalizedTerms = new Map<string, string | null>();

/**
 * Splits text into raw word tokens ("Portugal's" stays one token; the possessive goes in `normalizeTerm`).
 *
 * @example tokenize('Who met Portugal’s minister?') // → ['Who', 'met', 'Portugal’s', 'minister']
 */
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * The one term pipeline shared by indexing and querying: case folding, diacritics folding, possessives
 * ("Portugal's" → "portugal"), country names and demonyms folded into one key ("Turkish", "Turkey",
 * "Türkiye"), stop words dropped, irregular verbs lemmatised ("met" → "meet": a stemmer alone does not
 * unify them), then Porter2 stemming. Returns null for a term that is not indexed.
 *
 * @example normalizeTerm("Portugal's") // → 'portug'
 */
export function normalizeTerm(term: string): string | null {
  const known = normalizedTerms.get(term);
  if (known !== undefined) return known;
  const folded = foldWord(term).replace(POSSESSIVE, '');
  let normalized: string | null = null;
  if (folded !== '' && !STOP_WORDS.has(folded)) {
    const lemma = COUNTRY_VARIANTS.get(folded) ?? irregularVerbs[folded] ?? folded;
    normalized = /^\p{N}+$/u.test(lemma) ? lemma : stemWord(lemma);
  }
  // Stemming was a third of indexing time; a corpus repeats a small vocabulary, so remember results.
  if (normalizedTerms.size >= MAX_REMEMBERED_TERMS) normalizedTerms.clear();
  normalizedTerms.set(term, normalized);
  return normalized;
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
