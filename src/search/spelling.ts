import { fold } from '../text/fold.ts';
import { isCommonWord } from '../text/nlp.ts';
import { normalizeTermOnce } from '../text/terms.ts';
import type { Spelling } from './passageSearch.ts';

/** What reading a misspelt word needs from an index. */
export interface Vocabulary {
  /** Whether any passage holds the index term. */
  holds(term: string): boolean;
  /** Number of passages holding the index term. */
  frequency(term: string): number;
  /** Index terms near `term`, by edits (minisearch's fuzzy lookup) or completion (its prefix lookup). */
  spellingsOf(term: string, maxDistance: number): Spelling[];
}

/** minisearch's default fuzziness: a fifth of a term's letters may be edits. */
const FUZZINESS = 0.2;
/** Shorter terms are not read as misspellings: too many index terms lie one edit away. */
const MIN_TERM_LENGTH = 4;
/** A dictionary word the corpus lacks is read as a typo of a corpus word only from this length on. */
const MIN_DICTIONARY_WORD_LENGTH = 6;
/** How many index terms one unknown word is read as. */
const MAX_SPELLINGS = 2;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The index terms a question word the index lacks is read as: its closest spellings in the index, the most
 * frequent first, or none. Two kinds of neighbours count as one edit away: a word one typing error from the
 * question's word whose index term the index holds ("minster" → "minister"; a typo can change how the
 * stemmer cuts a word, so this is tried on the word as typed), and index terms one edit from the question
 * term (minisearch's fuzzy lookup, up to a fifth of its letters) or completing it (its prefix lookup).
 * Numbers and short words are left alone ("2030" is no typo of "2031"), and so is a dictionary word shorter
 * than six letters: "tell" or "cost" missing from the corpus is no typo of "well" or "post".
 *
 * @example correctSpelling('azertelcom', 'azertelcom', vocabulary) // → ['azertelecom']
 */
export function correctSpelling(word: string, term: string, vocabulary: Vocabulary): string[] {
  if (term.length < MIN_TERM_LENGTH || /\p{N}/u.test(term)) return [];
  const typed = fold(word);
  const dictionaryWord = isCommonWord(typed);
  if (dictionaryWord && typed.length < MIN_DICTIONARY_WORD_LENGTH) return [];
  const found = new Map<string, number>();
  for (const edited of singleEdits(typed)) {
    const spelling = normalizeTermOnce(edited);
    if (spelling !== null && spelling !== term && vocabulary.holds(spelling)) found.set(spelling, 1);
  }
  // A dictionary word is read only as a one-letter typo of another word: its stem's neighbours are other words.
  if (!dictionaryWord) {
    const maxDistance = Math.round(term.length * FUZZINESS);
    for (const { term: spelling, distance } of vocabulary.spellingsOf(term, maxDistance)) {
      if (distance < (found.get(spelling) ?? Infinity)) found.set(spelling, distance);
    }
  }
  if (found.size === 0) return [];
  const closest = Math.min(...found.values());
  return [...found]
    .filter(([, distance]) => distance === closest)
    .map(([spelling]) => spelling)
    .sort((a, b) => vocabulary.frequency(b) - vocabulary.frequency(a) || (a < b ? -1 : 1))
    .slice(0, MAX_SPELLINGS);
}

/**
 * Every string one typing error from `word`: a letter left out, two neighbours swapped, one letter
 * replaced, one letter added (Damerau's four single errors, which cover most typos).
 */
export function* singleEdits(word: string): Generator<string> {
  const letters = new Set([...LETTERS, ...word]);
  for (let i = 0; i <= word.length; i += 1) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail.length > 0) yield head + tail.slice(1);
    if (tail.length > 1) yield head + tail[1] + tail[0] + tail.slice(2);
    for (const letter of letters) {
      if (tail.length > 0 && letter !== tail[0]) yield head + letter + tail.slice(1);
      yield head + letter + tail;
    }
  }
}
