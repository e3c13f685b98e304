import model from 'wink-eng-lite-web-model';
import winkNLP, { type WinkMethods } from 'wink-nlp';

/** A word of a sentence with what the recogniser needs to know about it. */
export interface WordToken {
  text: string;
  /** Offsets into the text given to `wordTokens`. */
  start: number;
  end: number;
  /** Universal POS tag from wink-nlp. */
  pos: string;
  lower: string;
  /** A common English word (in the model's lexicon as a lower-case word): "Currently", "Time", not "Abbasov". */
  lexical: boolean;
  /** First word of the sentence, or first after an opening quote or a colon. */
  initial: boolean;
  /** No space between this token and the previous one. */
  glued: boolean;
}

/**
 * The entity recogniser's own wink-nlp instance: reading documents grows a wink instance's lexicon with
 * unseen words, and the size of the lexicon before any reading is what tells a common word from a name.
 */
let nlp: WinkMethods | undefined;
let lexiconSize = 0;

function entityNlp(): WinkMethods {
  if (!nlp) {
    nlp = winkNLP(model, ['pos']);
    const probe = nlp.readDoc('qxzvjkwq');
    lexiconSize = probe.tokens().out(nlp.its.uniqueId)[0] as unknown as number;
  }
  return nlp;
}

const OPENERS = new Set(['"', '“', '‘', "'", '(', ':', '-', '–', '—']);

/**
 * Tokenises one sentence and tags each token. Offsets are found by searching forward from the previous
 * token, so they hold even where wink-nlp's token values differ from the text's spacing. A sentence gives
 * the same tokens whatever the instance has read before (see `withPossessivesApart`).
 *
 * @example wordTokens('A.Abbasov said.').map((t) => t.text) // → ['A.', 'Abbasov', 'said', '.']
 * @example wordTokens("He is Mr Blunkett's.").map((t) => t.text) // → ['He', 'is', 'Mr', 'Blunkett', "'s", '.']
 */
export function wordTokens(text: string): WordToken[] {
  const wink = entityNlp();
  const its = wink.its;
  const doc = wink.readDoc(withPossessivesApart(text));
  const values = doc.tokens().out(its.value) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tokens: WordToken[] = [];
  let cursor = 0;
  let previous = '';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? '';
    const found = text.indexOf(value, cursor);
    const start = found < 0 ? cursor : found;
    // The tokeniser keeps a sentence's full stop on a last word it takes for an abbreviation ("Sun.").
    const dotted = i === values.length - 1 && /\p{Ll}{2}\.$/u.test(value) ? 1 : 0;
    const end = found < 0 ? cursor : start + value.length - dotted;
    const lower = text.slice(start, end).toLowerCase();
    const initial = i === 0 || OPENERS.has(previous) || /^[.!?]+$/.test(previous);
    tokens.push({
      text: text.slice(start, end),
      start,
      end,
      pos: tags[i] ?? 'X',
      lower,
      lexical: isCommonWord(lower) || (initial && isInflectedCommonWord(lower)),
      initial,
      glued: i > 0 && start === cursor,
    });
    previous = value;
    cursor = end;
  }
  return tokens;
}

/** A word's possessive "'s" or "’s", followed by no letter: "Blunkett's", "SONY’S", not "O'Shea". */
const POSSESSIVE = /(\p{L}+)(['’][sS])(?!\p{L})/gu;

/**
 * The sentence with a space before each possessive, for wink-nlp to read. Why: wink splits "Blunkett's" into
 * "Blunkett" + "'s" mid-sentence, but keeps it whole before punctuation ("… Mr Blunkett's.", "Blunkett's,"),
 * adds the whole word to the instance's lexicon, and from then on keeps it whole everywhere — so a second
 * pass over a corpus found "Blunkett's" where the first found the person "Blunkett". Given the possessive
 * apart, wink never learns such a word; the space changes no tag (offsets come from the original text).
 */
function withPossessivesApart(text: string): string {
  return text.replace(POSSESSIVE, (whole, word: string, clitic: string) => (splitsAsPossessive(whole) ? `${word} ${clitic}` : whole));
}

const possessiveWords = new Map<string, boolean>();

/**
 * Whether wink, reading a word alone, splits it into the word and a possessive — not a contraction of its
 * lexicon ("He's", "that's"), which it expands and tags as a verb, and which a space would turn into a
 * possessive. Memoised; reading the word alone teaches the instance only the bare word.
 */
function splitsAsPossessive(word: string): boolean {
  let splits = possessiveWords.get(word);
  if (splits === undefined) {
    const wink = entityNlp();
    const tokens = wink.readDoc(word).tokens();
    const contraction = (tokens.out(wink.its.contractionFlag) as unknown as boolean[])[0] ?? false;
    splits = tokens.length() === 2 && !contraction;
    possessiveWords.set(word, splits);
  }
  return splits;
}

const commonWords = new Map<string, boolean>();

/**
 * Whether a lower-case word is in the model's lexicon as a common word. Proper nouns the lexicon knows
 * ("Portugal") carry a capitalised lemma and do not count. Memoised: a corpus repeats its words.
 */
export function isCommonWord(lower: string): boolean {
  let known = commonWords.get(lower);
  if (known === undefined) {
    const wink = entityNlp();
    const tokens = wink.readDoc(lower).tokens();
    const id = (tokens.out(wink.its.uniqueId) as unknown as number[])[0] ?? lexiconSize;
    // wink's typings declare `its.lemma` with the model add-ons argument that `out` does not type.
    const outAny = tokens.out.bind(tokens) as (accessor: unknown) => string[];
    const lemma = outAny(wink.its.lemma)[0] ?? '';
    known = id < lexiconSize && lemma === lemma.toLowerCase() && /\p{L}/u.test(lower);
    commonWords.set(lower, known);
  }
  return known;
}

/**
 * "Campaigners", "Reconditioned": an inflection of a common word the lexicon lists only in its base form.
 * Used for sentence-initial words alone — elsewhere a capitalised "Rogers" or "Manning" is a name.
 */
function isInflectedCommonWord(lower: string): boolean {
  const bases = lower.endsWith('s') ? [lower.slice(0, -1)] : lower.endsWith('ed') ? [lower.slice(0, -2), lower.slice(0, -1)] : [];
  return bases.some((base) => base.length > 2 && isCommonWord(base));
}
