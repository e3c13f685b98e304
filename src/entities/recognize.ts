import { DETERMINERS_AND_POSSESSIVES } from '../text/functionWords.ts';
import { nameChunks } from './chunks.ts';
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
import type { EntityType, RecognizedName, TextMatch } from './types.ts';
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
    const first = tokens.findIndex((t) => t.start === chunk[0]!.start);
    const last = tokens.findIndex((t) => t.end === chunk[chunk.length - 1]!.end);
    names.push(...readChunk(text, chunk, tokens[first - 1], last < 0 ? [] : tokens.slice(last + 1, last + 4)));
  }
  return alignListTypes(text, names);
}

/** Fewer than this share of a sentence's lower-case words are English: the rules here would misread it. */
const MIN_ENGLISH_SHARE = 0.25;
const MIN_WORDS_TO_JUDGE_LANGUAGE = 4;

/** A sentence in another language ("… texnologiyalari sahəsi sürətlə inkişaf edir …"). */
function isForeign(tokens: readonly WordToken[]): boolean {
  const lower = tokens.filter((t) => /^\p{Ll}+$/u.test(t.value));
  if (lower.length < MIN_WORDS_TO_JUDGE_LANGUAGE) return false;
  return lower.filter((t) => t.lexical).length < MIN_ENGLISH_SHARE * lower.length;
}

/** A line of capitalised words with no lower-case word at all: share buttons, navigation, bylines. */
function isMenuLine(tokens: readonly WordToken[]): boolean {
  const words = tokens.filter((t) => /\p{L}/u.test(t.value));
  if (words.length < 3) return false;
  return words.every((t) => isCapitalised(t) || isConnector(t));
}

function span(text: string, from: WordToken, to: WordToken): TextMatch {
  return { start: from.start, end: to.end, text: text.slice(from.start, to.end) };
}

/** Cuts one capitalised run into names, left to right. */
function readChunk(text: string, chunk: WordToken[], before: WordToken | undefined, after: WordToken[]): RecognizedName[] {
  const names: RecognizedName[] = [];
  let p = 0;
  while (p < chunk.length && isSkippableOpening(chunk, p)) p += 1;
  while (p < chunk.length) {
    const t = chunk[p]!;
    if (isConnector(t)) {
      p += 1;
      continue;
    }
    if (HONORIFICS.has(t.lower) && p + 1 < chunk.length && !isConnector(chunk[p + 1]!)) {
      const end = personRunEnd(chunk, p + 1);
      if (end > p + 1) names.push({ ...span(text, chunk[p + 1]!, chunk[end - 1]!), type: 'person' });
      p = Math.max(end, p + 1);
      continue;
    }
    const role = roleAt(chunk, p);
    if (role) {
      names.push(...role.places.map((place) => placeName(text, place)));
      const end = personRunEnd(chunk, role.end);
      if (end > role.end) {
        const title = span(text, chunk[role.titleStart]!, chunk[role.end - 1]!);
        names.push({ ...span(text, chunk[role.end]!, chunk[end - 1]!), type: 'person', role: title });
      }
      p = Math.max(end, role.end);
      continue;
    }
    const orgEnd = organizationEnd(chunk, p);
    if (orgEnd > p) {
      names.push({ ...span(text, t, chunk[orgEnd - 1]!), type: 'organization' });
      p = orgEnd;
      continue;
    }
    const parts = compoundParts(t);
    if (parts.length > 1 && parts.every((part) => PLACES.has(normalizePlaceForm(part.value)) || isAcronym(part))) {
      for (const part of parts) {
        const entry = PLACES.get(normalizePlaceForm(part.value));
        names.push(entry ? placeName(text, { from: part, to: part, entry }) : { ...span(text, part, part), type: 'organization' });
      }
      p += 1;
      continue;
    }
    const place = placeAt(chunk, p);
    const modified = place ? adjectiveNameEnd(chunk, place) : p;
    if (modified > p) {
      // "French Open", "Australian Open": the adjective is part of a name, not a mention of the country.
      names.push({ ...span(text, t, chunk[modified - 1]!), type: 'organization', weak: true });
      p = modified;
      continue;
    }
    if (place && !startsPersonName(chunk, p, place)) {
      names.push(placeName(text, { from: t, to: chunk[place.end - 1]!, entry: place.entry }));
      p = place.end;
      continue;
    }
    let end = p;
    while (end < chunk.length && !isConnector(chunk[end]!) && (end === p || !stopsNameRun(chunk, end))) end += 1;
    p = Math.max(p, givenNameStart(chunk, p, end));
    const run = chunk.slice(p, end);
    const alone = run.length === chunk.length;
    const verdict =
      run.length <= MAX_NAME_WORDS ? runType(run, alone, p === 0 ? before : chunk[p - 1], end === chunk.length ? after : []) : undefined;
    if (verdict) names.push({ ...span(text, run[0]!, run[run.length - 1]!), ...verdict });
    else if (isWeakName(run)) names.push({ ...span(text, run[0]!, run[run.length - 1]!), type: 'organization', weak: true });
    p = end;
  }
  return names;
}

/**
 * "Conservative Michael Howard", "Blairite Alan Milburn", "Former Chelsea": a qualifier glued in front of
 * a name. A given name followed by a surname starts the person's name there; a lone role qualifier
 * ("Former") is dropped.
 */
function givenNameStart(chunk: WordToken[], p: number, end: number): number {
  for (let i = p + 1; i < end - 1; i += 1) {
    const t = chunk[i]!;
    if (GIVEN_NAMES.has(t.lower) && !GIVEN_NAMES.has(chunk[i - 1]!.lower) && !chunk[i + 1]!.lexical) return i;
  }
  let start = p;
  while (start < end - 1 && ROLE_MODIFIERS.has(chunk[start]!.lower)) start += 1;
  return start;
}

/** Two to four capitalised dictionary words mid-sentence, not a title: a name if the corpus keeps it so. */
function isWeakName(run: WordToken[]): boolean {
  return run.length >= 2 && run.length <= 4 && !run[0]!.initial && run.every((t) => t.lexical && t.pos === 'PROPN' && !isAcronym(t));
}

/** Sentence-initial capitals of ordinary words ("Currently", "The", "Generally") open no name. */
function isSkippableOpening(chunk: WordToken[], p: number): boolean {
  const t = chunk[p]!;
  if (t.lower === 'the') return true;
  if (!t.initial || !t.lexical || isAcronym(t)) return false;
  if (HONORIFICS.has(t.lower) || ROLE_HEADS.has(t.lower) || ROLE_MODIFIERS.has(t.lower)) return false;
  if (PLACES.has(t.lower) || ORG_HEADS.has(t.lower)) return false;
  const next = chunk[p + 1];
  if (GIVEN_NAMES.has(t.lower) && next && !isConnector(next)) return false;
  // "Teenager Sania Mirza", "Sprinters Kostas Kenteris": a common word in front of a full name.
  const rest = chunk.slice(p + 1, p + 3);
  if (rest.length === 2 && rest.every((w) => !isConnector(w) && !w.lexical && !isAcronym(w)) && !placeAt(chunk, p + 1)) return true;
  if (next && !isConnector(next) && t.pos === 'PROPN' && organizationEnd(chunk, p) > p) return false;
  return t.pos !== 'PROPN' || !next;
}

interface PlaceMatch {
  start: number;
  end: number;
  entry: PlaceEntry;
}

/** The longest gazetteer place starting at `p` ("Republic of Azerbaijan", "Central Asia", "Portuguese"). */
function placeAt(chunk: WordToken[], p: number): PlaceMatch | undefined {
  if (isConnector(chunk[p]!)) return undefined;
  for (let end = Math.min(chunk.length, p + MAX_PLACE_WORDS); end > p; end -= 1) {
    if (isConnector(chunk[end - 1]!)) continue;
    const written = chunk
      .slice(p, end)
      .map((t) => t.value)
      .join(' ');
    const entry = PLACES.get(normalizePlaceForm(written));
    if (entry && (!entry.upperOnly || written === written.toUpperCase())) return { start: p, end, entry };
  }
  return undefined;
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
    const t = chunk[end]!;
    if (isConnector(t) || !t.lexical || GIVEN_NAMES.has(t.lower) || ROLE_HEADS.has(t.lower) || ROLE_MODIFIERS.has(t.lower)) break;
    if (HONORIFICS.has(t.lower) || ORG_HEADS.has(t.lower) || PLACES.has(t.lower)) break;
    end += 1;
  }
  return end === chunk.length && end > place.end ? end : place.start;
}

/** "Victoria Beckham", "Chad Smith": a place that is also a given name, followed by a surname. */
function startsPersonName(chunk: WordToken[], p: number, place: PlaceMatch): boolean {
  const next = chunk[place.end];
  return place.end === p + 1 && GIVEN_NAMES.has(chunk[p]!.lower) && next !== undefined && !isConnector(next) && !next.lexical;
}

/** Where a run of name words must stop: a title, an honorific, or a country that starts a new name. */
function stopsNameRun(chunk: WordToken[], i: number): boolean {
  const t = chunk[i]!;
  if (HONORIFICS.has(t.lower) || ROLE_HEADS.has(t.lower)) return true;
  const place = placeAt(chunk, i);
  return place !== undefined && !place.entry.adjective && !startsPersonName(chunk, i, place);
}

/** End (exclusive) of the person's name starting at `p`: name words up to a connector, title or place. */
function personRunEnd(chunk: WordToken[], p: number): number {
  let end = p;
  while (end < chunk.length && end - p < MAX_NAME_WORDS - 1 && !isConnector(chunk[end]!) && !stopsNameRun(chunk, end)) end += 1;
  if (end > p && chunk.slice(p, end).every((t) => t.lexical && !GIVEN_NAMES.has(t.lower) && !isInitialLetter(t))) {
    // "President Bush" — but not "Ambassador Extraordinary and …".
    const single = end - p === 1 && end === chunk.length && chunk[p]!.pos === 'PROPN' && !ROLE_MODIFIERS.has(chunk[p]!.lower);
    return single ? end : p;
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
 * A title starting at `p`: qualifiers ("Deputy", "Foreign", "ICT", "Turkish"), a role head ("Minister"),
 * and its complement ("of State and Foreign Affairs of Portugal"), which stops where a name begins.
 */
function roleAt(chunk: WordToken[], p: number): RoleMatch | undefined {
  const places: RoleMatch['places'] = [];
  let i = p;
  let titleStart = p;
  while (i < chunk.length && !ROLE_HEADS.has(chunk[i]!.lower)) {
    const t = chunk[i]!;
    if (isConnector(t) || ORG_HEADS.has(t.lower)) return undefined;
    const place = placeAt(chunk, i);
    if (i === p && place?.entry.adjective && place.end === i + 1) {
      places.push({ from: t, to: t, entry: place.entry });
      titleStart = i + 1;
    } else if (!(ROLE_MODIFIERS.has(t.lower) || (isAcronym(t) && !place) || (t.lexical && !GIVEN_NAMES.has(t.lower)))) {
      return undefined;
    }
    i += 1;
  }
  if (i >= chunk.length) return undefined;
  while (i < chunk.length && (ROLE_HEADS.has(chunk[i]!.lower) || ROLE_MODIFIERS.has(chunk[i]!.lower))) i += 1;
  if (i < chunk.length && ORG_HEADS.has(chunk[i]!.lower)) return undefined;
  let end = i;
  while (i < chunk.length && (chunk[i]!.lower === 'of' || chunk[i]!.lower === 'for')) {
    let j = i + 1;
    let complementEnd = -1;
    while (j < chunk.length) {
      const t = chunk[j]!;
      if (isConnector(t)) {
        j += 1;
        continue;
      }
      const place = placeAt(chunk, j);
      if (place && !startsPersonName(chunk, j, place)) {
        places.push({ from: t, to: chunk[place.end - 1]!, entry: place.entry });
        j = place.end;
        complementEnd = j;
        continue;
      }
      const startsName = !t.lexical || (GIVEN_NAMES.has(t.lower) && j + 1 < chunk.length && !isConnector(chunk[j + 1]!));
      if (startsName && !isAcronym(t)) break;
      j += 1;
      complementEnd = j;
    }
    if (complementEnd < 0) break;
    end = complementEnd;
    i = complementEnd;
  }
  return { titleStart, end, places };
}

/**
 * End (exclusive) of an organization starting at `p`: capitalised words up to an organization head
 * ("Internet Governance Forum", "Kazakh Embassy") and its complement ("Ministry of Communications and
 * High Technologies" — stopping before "of the Republic of Azerbaijan"), or `p` when there is none.
 */
function organizationEnd(chunk: WordToken[], p: number): number {
  let head = p;
  while (head < chunk.length && !ORG_HEADS.has(chunk[head]!.lower)) {
    const t = chunk[head]!;
    if (isConnector(t) || HONORIFICS.has(t.lower) || ROLE_HEADS.has(t.lower)) return p;
    head += 1;
  }
  if (head >= chunk.length) return p;
  let end = head + 1;
  let i = end;
  while (i < chunk.length && isConnector(chunk[i]!) && chunk[i]!.lower !== 'and') {
    let j = i;
    while (j < chunk.length && isConnector(chunk[j]!)) j += 1;
    const place = j < chunk.length ? placeAt(chunk, j) : undefined;
    if (place && end > head + 1) break;
    let k = j;
    while (
      k < chunk.length &&
      (!isConnector(chunk[k]!) || (chunk[k]!.lower === 'and' && k + 1 < chunk.length && !isConnector(chunk[k + 1]!)))
    ) {
      if (HONORIFICS.has(chunk[k]!.lower) || ROLE_HEADS.has(chunk[k]!.lower)) break;
      if (k > j && placeAt(chunk, k) && !place) break;
      k += 1;
    }
    if (k === j) break;
    end = k;
    i = k;
  }
  if (end === p + 1 && !isProperSingle(chunk[p]!)) return p;
  return end;
}

/** A lone organization head is a common noun ("the Ministry", "Parliament") unless it is not a dictionary word. */
function isProperSingle(t: WordToken): boolean {
  return !t.lexical || isAcronym(t);
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
    const lexicalWords = run.filter((t) => t.lexical).length;
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
