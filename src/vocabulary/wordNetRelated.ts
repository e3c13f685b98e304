import { normalizeTerm } from '../text/terms.ts';
import type { SentenceToken } from '../text/tokens.ts';
import { type Synset, type WordNetPos, wordNet } from '../text/wordNet.ts';
import type { RelatedTerm } from './relatedTerm.ts';

/** A word with more senses than this is too general to stand for another ("get", "make", "run", "set"). */
const MAX_SENSES = 6;
/** Senses read: the most frequent only; rarer senses bring in words a question does not mean ("add" → "contribute"). */
const SENSES_READ = 1;
const remembered = new Map<string, readonly string[]>();

/**
 * Words WordNet gives for a lemma in its most frequent senses: the synonyms of each sense ("hide" →
 * "conceal") and the words derived from them ("configure" → "configuration"), single words only. A word
 * with many senses gets none: its synonyms would mostly mean something else.
 *
 * @example relatedWords('rerun', 'verb') // → ['rebroadcast', 'rerun'…] (each sense's words but the lemma)
 */
export function relatedWords(lemma: string, pos: WordNetPos): readonly string[] {
  const key = `${pos} ${lemma}`;
  let words = remembered.get(key);
  if (!words) {
    words = lookUp(lemma.toLowerCase(), pos);
    remembered.set(key, words);
  }
  return words;
}

function lookUp(lemma: string, pos: WordNetPos): string[] {
  const database = wordNet(pos);
  const senses = database.senses(lemma);
  if (senses.length === 0 || senses.length > MAX_SENSES) return [];
  const found = new Set<string>();
  for (const offset of senses.slice(0, SENSES_READ)) {
    const synset = database.synset(offset);
    for (const word of synset.words) found.add(word);
    for (const word of derivedWords(synset, lemma)) found.add(word);
  }
  found.delete(lemma);
  return [...found].filter((word) => !word.includes('_') && !word.includes('-'));
}

/** The words derived from `lemma` in this synset (not from its synonyms: those drift further). */
function derivedWords(synset: Synset, lemma: string): string[] {
  const own = synset.words.indexOf(lemma) + 1;
  if (own === 0) return [];
  const words: string[] = [];
  for (const link of synset.derived) {
    const target = wordNet(link.pos).synset(link.offset);
    if (link.word === 0) words.push(...target.words);
    else {
      const word = target.words[link.word - 1];
      if (word) words.push(word);
    }
  }
  return words;
}

/** What a match on a WordNet synonym or derived word counts for, against 1 for the question's own word. */
export const WORDNET_WEIGHT = 0.3;

const POS: Readonly<Record<string, WordNetPos>> = { NOUN: 'noun', VERB: 'verb', ADJ: 'adj', ADV: 'adv' };

/** A content word of a question as WordNet is asked about it: its index term, dictionary form and word class. */
export interface QuestionWord {
  term: string;
  lemma: string;
  pos: string;
}

/** The question's content words that WordNet knows a word class of, each once. */
export function questionWords(tokens: readonly Pick<SentenceToken, 'value' | 'lemma' | 'pos'>[]): QuestionWord[] {
  const words: QuestionWord[] = [];
  for (const token of tokens) {
    const term = normalizeTerm(token.value);
    if (POS[token.pos] !== undefined && term !== null && !words.some((word) => word.term === term))
      words.push({ term, lemma: token.lemma, pos: token.pos });
  }
  return words;
}

/**
 * The index terms of WordNet's words for some of the question's words (`relatedWords`), each standing for
 * the question term it came from; none that the question already says (`terms`).
 */
export function wordNetRelatedTerms(words: readonly QuestionWord[], terms: readonly string[]): RelatedTerm[] {
  const related: RelatedTerm[] = [];
  const seen = new Set(terms);
  for (const { term: of, lemma, pos: tag } of words) {
    const pos = POS[tag];
    if (pos === undefined) continue;
    for (const word of relatedWords(lemma, pos)) {
      const term = normalizeTerm(word);
      if (term === null || seen.has(term)) continue;
      seen.add(term);
      related.push({ term, of, weight: WORDNET_WEIGHT, source: 'wordnet' });
    }
  }
  return related;
}
