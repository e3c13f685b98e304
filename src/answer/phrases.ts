import { ARTICLES } from '../text/functionWords.ts';
import type { SentenceToken as Token } from '../text/tokens.ts';

/** A noun phrase of a sentence, by token indices (inclusive), with its head noun and, for a list, its items. */
export interface Phrase {
  first: number;
  last: number;
  /** Index of the head noun ("formation" in "the formation of amyloplasts"), or null for a bare number. */
  head: number | null;
  /** The phrases a list coordinates ("Iran", "Turkey", "Azerbaijan", "Russia"); [itself] otherwise. */
  items: Phrase[];
}

const LEADING = new Set(['DET', 'PRON']);
const BODY = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM']);
const ENDS = new Set(['NOUN', 'PROPN', 'NUM']);
/** Nouns that stand for their complement: "the type of cell" is about cells. */
const TRANSPARENT = new Set(['type', 'kind', 'form', 'sort', 'name', 'number', 'part', 'group', 'series', 'set', 'pair', 'one']);
/** Words that join capitalised words into one name: "Ministry of Communications and High Technologies". */
const NAME_JOINERS = new Set(['of', 'for', 'and', '&', 'de', 'du', 'von', 'van']);
const MAX_LIST_GAP = 2;

/**
 * Noun phrases of a sentence, from wink-nlp's POS tags: base phrases ("the ICT sector"), the same with their
 * of-complements ("the 1997 Treaty of Amsterdam", "the formation of starch-storing amyloplasts"),
 * capitalised names joined by of/for/and, a name placed "in"/"at" another ("Kazakh Embassy in Baku"), and
 * whole lists ("Iran, Turkey, Azerbaijan and Russia"). Hyphenated words stay whole. Leading articles and
 * possessive pronouns are left out.
 *
 * @example nounPhrases(tokensOf('They met in Iran, Turkey and Russia.')) // → Iran, Turkey, Russia, and the list
 */
export function nounPhrases(tokens: readonly Token[]): Phrase[] {
  const base = basePhrases(tokens);
  const extended: Phrase[] = [];
  for (const phrase of base) {
    let current = phrase;
    // A name cut before its "of" is no name: "1997 Treaty" of "1997 Treaty of Amsterdam".
    let whole = true;
    for (let hops = 0; hops < 2; hops += 1) {
      const joined = joinedPhrase(tokens, current, base, hops > 0);
      if (!joined) break;
      if (hops === 0 && isName(tokens, phrase) && isName(tokens, joined)) whole = false;
      extended.push(joined);
      current = joined;
    }
    if (whole) extended.push(phrase);
  }
  return [...extended, ...lists(tokens, [...base, ...extended])];
}

function basePhrases(tokens: readonly Token[]): Phrase[] {
  const phrases: Phrase[] = [];
  let i = 0;
  while (i < tokens.length) {
    let first = i;
    while (first < tokens.length && isLeading(tokens, first)) first += 1;
    if (tokens[first]?.pos === 'PUNCT') {
      i = first + 1;
      continue;
    }
    let last = first - 1;
    let j = first;
    while (j < tokens.length && inBody(tokens, j) && !(j > first && startsNewName(tokens, j))) {
      if (ENDS.has(tokens[j]!.pos)) last = j;
      j += 1;
    }
    if (last >= first) {
      let head: number | null = null;
      for (let k = last; k >= first && head === null; k -= 1) if (tokens[k]!.pos === 'NOUN' || tokens[k]!.pos === 'PROPN') head = k;
      const phrase: Phrase = { first, last, head, items: [] };
      phrase.items.push(phrase);
      phrases.push(phrase);
    }
    i = Math.max(j, i + 1);
  }
  return phrases;
}

/** "the system Tesla proposed": a name right after a lower-case noun starts a phrase of its own. */
function startsNewName(tokens: readonly Token[], i: number): boolean {
  const previous = tokens[i - 1]!;
  return tokens[i]!.pos === 'PROPN' && previous.pos === 'NOUN' && /^\p{Ll}/u.test(previous.value);
}

function isLeading(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (!token || !LEADING.has(token.pos)) return false;
  // Determiners and possessive pronouns ("its dominance") open a phrase; "which", "that", "it" do not.
  return token.pos === 'DET'
    ? BODY.has(tokens[i + 1]?.pos ?? '') || isLeading(tokens, i + 1)
    : /^(its|his|her|their|our|my|your)$/i.test(token.value);
}

function inBody(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  const next = tokens[i + 1];
  if (BODY.has(token.pos)) return true;
  if (isGluedHyphen(tokens, i)) return true;
  if (i > 0 && isGluedHyphen(tokens, i - 1)) return true;
  // "Iran's minister", "the country's first operator".
  if (token.pos === 'PART' && /^['’]s?$/.test(token.value) && next !== undefined && BODY.has(next.pos)) return true;
  // "surrounding countries", "the implemented projects": a participle right before a noun modifies it.
  if (
    token.pos === 'VERB' &&
    next?.pos === 'NOUN' &&
    (/ing$/.test(token.value) || (/ed$/.test(token.value) && tokens[i - 1]?.pos === 'DET'))
  ) {
    return true;
  }
  return token.value === '&' && tokens[i - 1]?.pos === 'PROPN' && next?.pos === 'PROPN';
}

/** A hyphen with no space on either side, joining two words into one ("Trans-Caspian", "start-up"). */
export function isGluedHyphen(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  return (
    token !== undefined &&
    before !== undefined &&
    after !== undefined &&
    /^[-‐–]$/.test(token.value) &&
    before.end === token.start &&
    after.start === token.end
  );
}

/** Its head and last word are capitalised: "Treaty", "Amsterdam". */
function isName(tokens: readonly Token[], phrase: Phrase): boolean {
  return /^\p{Lu}/u.test(tokens[phrase.head ?? phrase.last]!.value) && /^\p{Lu}/u.test(tokens[phrase.last]!.value);
}

const startsAt = (phrases: readonly Phrase[], at: number) =>
  phrases.find((phrase) => phrase.first === at || (phrase.first === at + 1 && phrase.first > 0));

/**
 * The phrase joined to what follows it: "Treaty" + "of Amsterdam", "Ministry of Communications" + "and High
 * Technologies", "Kazakh Embassy" + "in Baku"; undefined when nothing joins.
 */
function joinedPhrase(tokens: readonly Token[], phrase: Phrase, base: readonly Phrase[], afterOf: boolean): Phrase | undefined {
  const joiner = tokens[phrase.last + 1];
  if (!joiner) return undefined;
  const word = joiner.value.toLowerCase();
  // "Ministry of Communications and High Technologies" is one name; "Africa and Brazil" is a list.
  if ((word === 'and' || word === '&') && !afterOf) return undefined;
  const next = startsAt(base, phrase.last + 2);
  if (!next || next.items.length > 1) return undefined;
  const capitalised = (p: Phrase) => /^\p{Lu}/u.test(tokens[p.head ?? p.last]!.value);
  const bothNames = capitalised(phrase) && capitalised(next) && /^\p{Lu}/u.test(tokens[next.first]!.value);
  let head = phrase.head;
  if (word === 'of') {
    if (head !== null && TRANSPARENT.has(tokens[head]!.lemma)) head = next.head;
  } else if (
    !(NAME_JOINERS.has(word) && bothNames) &&
    !((word === 'in' || word === 'at') && bothNames && tokens[phrase.head ?? phrase.last]!.pos === 'PROPN')
  ) {
    return undefined;
  }
  const joined: Phrase = { first: phrase.first, last: next.last, head, items: [] };
  joined.items.push(joined);
  return joined;
}

/** Coordinated phrases, kept whole: "Europe, Africa and Brazil", "USA, UK, Japan, Brazil, Germany, Russia". */
function lists(tokens: readonly Token[], phrases: readonly Phrase[]): Phrase[] {
  const widest = new Map<number, Phrase>();
  for (const phrase of phrases) {
    const known = widest.get(phrase.first);
    if (!known || phrase.last > known.last) widest.set(phrase.first, phrase);
  }
  const found: Phrase[] = [];
  for (const start of new Set(phrases)) {
    const items = [start];
    let conjoined = false;
    while (!conjoined) {
      const previous = items[items.length - 1]!;
      let at = previous.last + 1;
      const separators: string[] = [];
      while (at < tokens.length && separators.length <= MAX_LIST_GAP && /^(,|and|or)$/i.test(tokens[at]!.value)) {
        separators.push(tokens[at]!.value.toLowerCase());
        at += 1;
      }
      // An article after the separator belongs to the item: "the CIS and the Middle East".
      while (at < tokens.length && ARTICLES.has(tokens[at]!.value.toLowerCase())) at += 1;
      const next = widest.get(at);
      if (separators.length === 0 || separators.length > MAX_LIST_GAP || !next) break;
      conjoined = separators.includes('and') || separators.includes('or');
      items.push(next);
    }
    const isNameItem = (item: Phrase) => tokens[item.head ?? item.last]!.pos === 'PROPN';
    // "USA, UK, Japan, Brazil, Germany, Russia, representatives of…": a run of names with commas alone.
    const firstOther = items.findIndex((item) => !isNameItem(item));
    if (!conjoined && firstOther > 0) items.splice(firstOther);
    const allNames = items.every(isNameItem);
    if (items.length >= 2 && (conjoined || (items.length >= 3 && allNames))) {
      found.push({ first: items[0]!.first, last: items[items.length - 1]!.last, head: items[0]!.head, items });
    }
  }
  // "Italy and Spain" is a tail of "France, Germany, Italy and Spain", not a list of its own.
  return found.filter(
    (list) => !found.some((other) => other.last === list.last && other.first < list.first && other.items.length > list.items.length),
  );
}
