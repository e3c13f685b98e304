import { DETERMINERS_AND_POSSESSIVES } from '../text/functionWords.ts';
import { nameChunks } from './chunks.ts';
import type { EntityType, RecognizedName, TextMatch } from './entityIndex.ts';
import { MAX_PLACE_WORDS, normalizePlaceForm, PLACES, type PlaceEntry } from './gazetteer.ts';
import { GIVEN_NAMES } from './givenNames.ts';
import {
  COMMON_ACRONYMS,
  GENERIC_CAPITALS,
  HONORIFICS,
  ORG_HEADS,
  PLACE_HEADS,
  PLACE_PREFIXES,
  ROLE_HEADS,
  ROLE_MODIFIERS,
} from './lexicon.ts';
import { alignListTypes } from './lists.ts';
import { compoundParts, isAcronym, isCamelCase, isCapitalised, isConnector, isInitialLetter } from './wordShape.ts';
import { type WordToken, wordTokens } from './wordTokens.ts';

/** A run of more capitalised words than this, with no connector, is a menu or a list, not a name. */
const MAX_NAME_WORDS = 5;

const SPEECH_VERBS = new Set(
  `said says say added noted stated told announced emphasized emphasised stressed explained argued believes
  wrote claimed insisted warned urged admitted mentioned informed expressed spoke underlined asked replied
  commented pointed acknowledged confirmed declared revealed agreed denied suggested`.split(/\s+/),
);
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'near', 'across', 'outside', 'inside', 'throughout']);

/**
 * Finds the people, organizations and places of one sentence: capitalised runs cut at titles, honorifics,
 * organization heads and known places, and typed from the words around them. Titles are never part of a
 * name: the title written before a person is returned as its `role`.
 *
 * @example
 * recognizeNames('The Minister of State and Foreign Affairs of Portugal Paulo Portas has met A.Abbasov.')
 * // → Portugal (place), Paulo Portas (person, role "Minister of State and Foreign Affairs of Portugal"),
 * //   A.Abbasov (person)
 */
export function recognizeNames(text: string): RecognizedName[] {
  return recognizeCandidates(text).filter((name) => !name.weak);
}

/**
 * `recognizeNames` plus weak candidates: capitalised runs of dictionary words, typed as organizations,
 * for a caller that can check them against the whole corpus.
 */
export function recognizeCandidates(text: string): RecognizedName[] {
  if (!/\p{Lu}/u.test(text)) return [];
  const tokens = wordTokens(text);
  if (isMenuLine(tokens) || isForeign(tokens)) return [];
  const names: RecognizedName[] = [];
  for (const chunk of nameChunks(tokens)) {
    const first = tokens.findIndex((token) => token.start === chunk[0]!.start);
    const last = tokens.findIndex((token) => token.end === chunk[chunk.length - 1]!.end);
    names.push(...readChunk(text, chunk, tokens[first - 1], last < 0 ? [] : tokens.slice(last + 1, last + 4)));
  }
  return alignListTypes(text, names);
}

/** Fewer than this share of a sentence's lower-case words are English: the rules here would misread it. */
const MIN_ENGLISH_SHARE = 0.25;
const MIN_WORDS_TO_JUDGE_LANGUAGE = 4;

/** A sentence in another language ("… texnologiyalari sahəsi sürətlə inkişaf edir …"). */
function isForeign(tokens: readonly WordToken[]): boolean {
  let lower = 0;
  let lexical = 0;
  for (const token of tokens) {
    if (!isLowerCaseWord(token.value)) continue;
    lower += 1;
    if (token.lexical) lexical += 1;
  }
  if (lower < MIN_WORDS_TO_JUDGE_LANGUAGE) return false;
  return lexical < MIN_ENGLISH_SHARE * lower;
}

/** Lower-case letters only ("said", "sahəsi"); ASCII words, most of them, without the Unicode pattern. */
function isLowerCaseWord(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code >= 128) return /^\p{Ll}+$/u.test(value);
    if (code < 97 || code > 122) return false;
  }
  return value.length > 0;
}

/** A line of capitalised words with no lower-case word at all: share buttons, navigation, bylines. */
function isMenuLine(tokens: readonly WordToken[]): boolean {
  let words = 0;
  for (const token of tokens) {
    if (!/\p{L}/u.test(token.value)) continue;
    // Prose fails at its first lower-case word, before the letters of every token are tested.
    if (!isCapitalised(token) && !isConnector(token)) return false;
    words += 1;
  }
  return words >= 3;
}

function span(text: string, from: WordToken, to: WordToken): TextMatch {
  return { start: from.start, end: to.end, text: text.slice(from.start, to.end) };
}

/** Cuts one capitalised run into names, left to right. */
function readChunk(text: string, chunk: WordToken[], before: WordToken | undefined, after: WordToken[]): RecognizedName[] {
  const names: RecognizedName[] = [];
  let at = 0;
  while (at < chunk.length && isSkippableOpening(chunk, at)) at += 1;
  while (at < chunk.length) {
    const token = chunk[at]!;
    if (isConnector(token)) {
      at += 1;
      continue;
    }
    if (HONORIFICS.has(token.lower) && at + 1 < chunk.length && !isConnector(chunk[at + 1]!)) {
      const end = personRunEnd(chunk, at + 1);
      if (end > at + 1) names.push({ ...span(text, chunk[at + 1]!, chunk[end - 1]!), type: 'person' });
      at = Math.max(end, at + 1);
      continue;
    }
    const role = roleAt(chunk, at);
    if (role) {
      names.push(...role.places.map((place) => placeName(text, place)));
      const end = personRunEnd(chunk, role.end);
      if (end > role.end) {
        const title = span(text, chunk[role.titleStart]!, chunk[role.end - 1]!);
        names.push({ ...span(text, chunk[role.end]!, chunk[end - 1]!), type: 'person', role: title });
      }
      at = Math.max(end, role.end);
      continue;
    }
    const orgEnd = organizationEnd(chunk, at);
    if (orgEnd > at) {
      names.push({ ...span(text, token, chunk[orgEnd - 1]!), type: 'organization' });
      at = orgEnd;
      continue;
    }
    const parts = compoundParts(token);
    if (parts.length > 1 && parts.every((part) => PLACES.has(normalizePlaceForm(part.value)) || isAcronym(part))) {
      for (const part of parts) {
        const entry = PLACES.get(normalizePlaceForm(part.value));
        names.push(entry ? placeName(text, { from: part, to: part, entry }) : { ...span(text, part, part), type: 'organization' });
      }
      at += 1;
      continue;
    }
    const place = placeAt(chunk, at);
    const modified = place ? adjectiveNameEnd(chunk, place) : at;
    if (modified > at) {
      // "French Open", "Australian Open": the adjective is part of a name, not a mention of the country.
      names.push({ ...span(text, token, chunk[modified - 1]!), type: 'organization', weak: true });
      at = modified;
      continue;
    }
    if (place && !startsPersonName(chunk, at, place)) {
      names.push(placeName(text, { from: token, to: chunk[place.end - 1]!, entry: place.entry }));
      at = place.end;
      continue;
    }
    let end = at;
    while (end < chunk.length && !isConnector(chunk[end]!) && (end === at || !stopsNameRun(chunk, end))) end += 1;
    at = Math.max(at, givenNameStart(chunk, at, end));
    const run = chunk.slice(at, end);
    const alone = run.length === chunk.length;
    const verdict =
      run.length <= MAX_NAME_WORDS ? runType(run, alone, at === 0 ? before : chunk[at - 1], end === chunk.length ? after : []) : undefined;
    if (verdict) names.push({ ...span(text, run[0]!, run[run.length - 1]!), ...verdict });
    else if (isWeakName(run)) names.push({ ...span(text, run[0]!, run[run.length - 1]!), type: 'organization', weak: true });
    at = end;
  }
  return names;
}

/**
 * "Conservative Michael Howard", "Blairite Alan Milburn", "Former Chelsea": a qualifier glued in front of
 * a name. A given name followed by a surname starts the person's name there; a lone role qualifier
 * ("Former") is dropped.
 */
function givenNameStart(chunk: WordToken[], from: number, end: number): number {
  for (let at = from + 1; at < end - 1; at += 1) {
    const token = chunk[at]!;
    if (GIVEN_NAMES.has(token.lower) && !GIVEN_NAMES.has(chunk[at - 1]!.lower) && !chunk[at + 1]!.lexical) return at;
  }
  let start = from;
  while (start < end - 1 && ROLE_MODIFIERS.has(chunk[start]!.lower)) start += 1;
  return start;
}

/** Two to four capitalised dictionary words mid-sentence, not a title: a name if the corpus keeps it so. */
function isWeakName(run: WordToken[]): boolean {
  return (
    run.length >= 2 && run.length <= 4 && !run[0]!.initial && run.every((word) => word.lexical && word.pos === 'PROPN' && !isAcronym(word))
  );
}

/** Sentence-initial capitals of ordinary words ("Currently", "The", "Generally") open no name. */
function isSkippableOpening(chunk: WordToken[], at: number): boolean {
  const token = chunk[at]!;
  if (token.lower === 'the') return true;
  if (!token.initial || !token.lexical || isAcronym(token)) return false;
  if (HONORIFICS.has(token.lower) || ROLE_HEADS.has(token.lower) || ROLE_MODIFIERS.has(token.lower)) return false;
  if (PLACES.has(token.lower) || ORG_HEADS.has(token.lower)) return false;
  const next = chunk[at + 1];
  if (GIVEN_NAMES.has(token.lower) && next && !isConnector(next)) return false;
  // "Teenager Sania Mirza", "Sprinters Kostas Kenteris": a common word in front of a full name.
  const rest = chunk.slice(at + 1, at + 3);
  const fullName = rest.length === 2 && rest.every((word) => !isConnector(word) && !word.lexical && !isAcronym(word));
  if (fullName && !placeAt(chunk, at + 1)) return true;
  if (next && !isConnector(next) && token.pos === 'PROPN' && organizationEnd(chunk, at) > at) return false;
  return token.pos !== 'PROPN' || !next;
}

interface PlaceMatch {
  start: number;
  end: number;
  entry: PlaceEntry;
}

/** The longest gazetteer place starting at `start` ("Republic of Azerbaijan", "Central Asia", "Portuguese"). */
function placeAt(chunk: WordToken[], start: number): PlaceMatch | undefined {
  if (isConnector(chunk[start]!) || !mayStartPlace(chunk[start]!.value)) return undefined;
  for (let end = Math.min(chunk.length, start + MAX_PLACE_WORDS); end > start; end -= 1) {
    if (isConnector(chunk[end - 1]!)) continue;
    const written = chunk
      .slice(start, end)
      .map((token) => token.value)
      .join(' ');
    const entry = PLACES.get(normalizePlaceForm(written));
    if (entry && (!entry.upperOnly || written === written.toUpperCase())) return { start, end, entry };
  }
  return undefined;
}

/** The first word of each gazetteer form: a word that starts none starts no place, however many words follow. */
const PLACE_FIRST_WORDS: ReadonlySet<string> = new Set([...PLACES.keys()].map((form) => form.split(' ')[0]!));

/**
 * Whether a place form can start with this word, as `placeAt` writes the words it tries (joined by
 * spaces, then `normalizePlaceForm`): a word with no space in it is the first word of each of them.
 */
function mayStartPlace(value: string): boolean {
  return value === '' || /\s/.test(value) || PLACE_FIRST_WORDS.has(normalizePlaceForm(value));
}

interface PlaceMention {
  from: WordToken;
  to: WordToken;
  entry: PlaceEntry;
}

function placeName(text: string, place: PlaceMention): RecognizedName {
  return { ...span(text, place.from, place.to), type: 'place', canonical: place.entry.canonical };
}

/**
 * End of a name that a place adjective opens ("French Open"): dictionary words after the adjective that
 * start no person's name and hold no title. `place.start` when the adjective stands alone.
 */
function adjectiveNameEnd(chunk: WordToken[], place: PlaceMatch): number {
  if (!place.entry.adjective) return place.start;
  let end = place.end;
  while (end < chunk.length) {
    const token = chunk[end]!;
    if (
      isConnector(token) ||
      !token.lexical ||
      GIVEN_NAMES.has(token.lower) ||
      ROLE_HEADS.has(token.lower) ||
      ROLE_MODIFIERS.has(token.lower)
    )
      break;
    if (HONORIFICS.has(token.lower) || ORG_HEADS.has(token.lower) || PLACES.has(token.lower)) break;
    end += 1;
  }
  return end === chunk.length && end > place.end ? end : place.start;
}

/** "Victoria Beckham", "Chad Smith": a place that is also a given name, followed by a surname. */
function startsPersonName(chunk: WordToken[], at: number, place: PlaceMatch): boolean {
  const next = chunk[place.end];
  return place.end === at + 1 && GIVEN_NAMES.has(chunk[at]!.lower) && next !== undefined && !isConnector(next) && !next.lexical;
}

/** Where a run of name words must stop: a title, an honorific, or a country that starts a new name. */
function stopsNameRun(chunk: WordToken[], at: number): boolean {
  const token = chunk[at]!;
  if (HONORIFICS.has(token.lower) || ROLE_HEADS.has(token.lower)) return true;
  const place = placeAt(chunk, at);
  return place !== undefined && !place.entry.adjective && !startsPersonName(chunk, at, place);
}

/** End (exclusive) of the person's name starting at `start`: name words up to a connector, title or place. */
function personRunEnd(chunk: WordToken[], start: number): number {
  let end = start;
  while (end < chunk.length && end - start < MAX_NAME_WORDS - 1 && !isConnector(chunk[end]!) && !stopsNameRun(chunk, end)) end += 1;
  if (end > start && chunk.slice(start, end).every((token) => token.lexical && !GIVEN_NAMES.has(token.lower) && !isInitialLetter(token))) {
    // "President Bush" — but not "Ambassador Extraordinary and …".
    const single = end - start === 1 && end === chunk.length && chunk[start]!.pos === 'PROPN' && !ROLE_MODIFIERS.has(chunk[start]!.lower);
    return single ? end : start;
  }
  return end;
}

interface RoleMatch {
  /** First token of the title (after a leading demonym, which is a place mention of its own). */
  titleStart: number;
  /** Index after the last token of the title. */
  end: number;
  places: PlaceMention[];
}

/**
 * A title starting at `start`: qualifiers ("Deputy", "Foreign", "ICT", "Turkish"), a role head ("Minister"),
 * and its complement ("of State and Foreign Affairs of Portugal"), which stops where a name begins.
 */
function roleAt(chunk: WordToken[], start: number): RoleMatch | undefined {
  const places: RoleMatch['places'] = [];
  let at = start;
  let titleStart = start;
  while (at < chunk.length && !ROLE_HEADS.has(chunk[at]!.lower)) {
    const token = chunk[at]!;
    if (isConnector(token) || ORG_HEADS.has(token.lower)) return undefined;
    const place = placeAt(chunk, at);
    if (at === start && place?.entry.adjective && place.end === at + 1) {
      places.push({ from: token, to: token, entry: place.entry });
      titleStart = at + 1;
    } else if (!(ROLE_MODIFIERS.has(token.lower) || (isAcronym(token) && !place) || (token.lexical && !GIVEN_NAMES.has(token.lower)))) {
      return undefined;
    }
    at += 1;
  }
  if (at >= chunk.length) return undefined;
  while (at < chunk.length && (ROLE_HEADS.has(chunk[at]!.lower) || ROLE_MODIFIERS.has(chunk[at]!.lower))) at += 1;
  if (at < chunk.length && ORG_HEADS.has(chunk[at]!.lower)) return undefined;
  let end = at;
  while (at < chunk.length && (chunk[at]!.lower === 'of' || chunk[at]!.lower === 'for')) {
    let complementAt = at + 1;
    let complementEnd = -1;
    while (complementAt < chunk.length) {
      const token = chunk[complementAt]!;
      if (isConnector(token)) {
        complementAt += 1;
        continue;
      }
      const place = placeAt(chunk, complementAt);
      if (place && !startsPersonName(chunk, complementAt, place)) {
        places.push({ from: token, to: chunk[place.end - 1]!, entry: place.entry });
        complementAt = place.end;
        complementEnd = complementAt;
        continue;
      }
      const startsName =
        !token.lexical || (GIVEN_NAMES.has(token.lower) && complementAt + 1 < chunk.length && !isConnector(chunk[complementAt + 1]!));
      if (startsName && !isAcronym(token)) break;
      complementAt += 1;
      complementEnd = complementAt;
    }
    if (complementEnd < 0) break;
    end = complementEnd;
    at = complementEnd;
  }
  return { titleStart, end, places };
}

/**
 * End (exclusive) of an organization starting at `start`: capitalised words up to an organization head
 * ("Internet Governance Forum", "Kazakh Embassy") and its complement ("Ministry of Communications and
 * High Technologies" — stopping before "of the Republic of Azerbaijan"), or `start` when there is none.
 */
function organizationEnd(chunk: WordToken[], start: number): number {
  let head = start;
  while (head < chunk.length && !ORG_HEADS.has(chunk[head]!.lower)) {
    const token = chunk[head]!;
    if (isConnector(token) || HONORIFICS.has(token.lower) || ROLE_HEADS.has(token.lower)) return start;
    head += 1;
  }
  if (head >= chunk.length) return start;
  let end = head + 1;
  let at = end;
  while (at < chunk.length && isConnector(chunk[at]!) && chunk[at]!.lower !== 'and') {
    let nameStart = at;
    while (nameStart < chunk.length && isConnector(chunk[nameStart]!)) nameStart += 1;
    const place = nameStart < chunk.length ? placeAt(chunk, nameStart) : undefined;
    if (place && end > head + 1) break;
    let nameEnd = nameStart;
    while (
      nameEnd < chunk.length &&
      (!isConnector(chunk[nameEnd]!) ||
        (chunk[nameEnd]!.lower === 'and' && nameEnd + 1 < chunk.length && !isConnector(chunk[nameEnd + 1]!)))
    ) {
      if (HONORIFICS.has(chunk[nameEnd]!.lower) || ROLE_HEADS.has(chunk[nameEnd]!.lower)) break;
      if (nameEnd > nameStart && placeAt(chunk, nameEnd) && !place) break;
      nameEnd += 1;
    }
    if (nameEnd === nameStart) break;
    end = nameEnd;
    at = nameEnd;
  }
  if (end === start + 1 && !isProperSingle(chunk[start]!)) return start;
  return end;
}

/** A lone organization head is a common noun ("the Ministry", "Parliament") unless it is not a dictionary word. */
function isProperSingle(word: WordToken): boolean {
  return !word.lexical || isAcronym(word);
}

/** The type of a run of name words that no title, head or gazetteer explained, or undefined to reject it. */
interface Verdict {
  type: EntityType;
  weak?: true;
  guessed?: true;
}

const verdictOf = (type: EntityType): Verdict => ({ type });

function runType(run: WordToken[], alone: boolean, before: WordToken | undefined, after: WordToken[]): Verdict | undefined {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  if (run.every(isAcronym)) {
    return run.length === 1 && COMMON_ACRONYMS.has(first.lower) ? undefined : verdictOf('organization');
  }
  if (run.some(isInitialLetter)) return isInitialLetter(last) ? undefined : verdictOf('person');
  if (run.length === 1 && isCamelCase(first)) return verdictOf('organization');
  if (run.length > 1 && (PLACE_HEADS.has(last.lower) || PLACE_PREFIXES.has(first.lower))) return verdictOf('place');
  if (run.length > 1) {
    if (GIVEN_NAMES.has(first.lower) && !isAcronym(first)) return verdictOf('person');
    // Names no dictionary holds ("Serjan Abdikarimov"), or one dictionary word among three or more
    // ("Mohammad Javad Azari Jahromi"); not "Lib Dems".
    const lexicalWords = run.filter((word) => word.lexical).length;
    if (!last.lexical && !run.some(isAcronym) && (lexicalWords === 0 || (lexicalWords === 1 && run.length >= 3))) {
      // People are seldom "the X Y" or "in X Y": "the Tel Aviv stock market", "in Stanley Park".
      if (before && DETERMINERS_AND_POSSESSIVES.has(before.lower)) return { type: 'organization', guessed: true };
      if (before && PLACE_PREPOSITIONS.has(before.lower)) return { type: 'place', guessed: true };
      return verdictOf('person');
    }
    return undefined;
  }
  const next = after[0]?.pos === 'ADV' ? after[1] : after[0];
  const appositive =
    next?.value === ',' && after[1] !== undefined && (ROLE_HEADS.has(after[1].lower) || ROLE_MODIFIERS.has(after[1].lower));
  const speaks = (next !== undefined && SPEECH_VERBS.has(next.lower)) || (before !== undefined && SPEECH_VERBS.has(before.lower));
  // A sentence-initial word the lexicon lacks but the tagger reads as a verb or adjective ("Reconditioned").
  if (first.initial && first.pos !== 'PROPN' && first.pos !== 'NOUN') return undefined;
  if (first.lexical) {
    // A dictionary word is a name only as a whole capitalised run of its own, mid-sentence ("Trend reports").
    if (!alone || first.initial || first.pos !== 'PROPN' || GENERIC_CAPITALS.has(first.lower)) return undefined;
    if (before && DETERMINERS_AND_POSSESSIVES.has(before.lower)) return undefined;
    // "Trend", "Apple" — and "Power", "Cheese": the corpus must repeat it.
    return { type: speaks ? 'person' : 'organization', weak: true };
  }
  if (appositive || HONORIFICS.has(before?.lower ?? '')) return verdictOf('person');
  if (next?.value === ',' && after[1] && PLACES.has(normalizePlaceForm(after[1].value))) return verdictOf('place');
  // Weak clues: companies speak too ("Yukos said"), and "at Chelsea" is as often a club as a town.
  if (speaks) return { type: 'person', guessed: true };
  if (before && PLACE_PREPOSITIONS.has(before.lower)) return { type: 'place', guessed: true };
  return { type: 'organization', guessed: true };
}
