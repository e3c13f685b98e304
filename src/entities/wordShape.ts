import { CONNECTORS, NEVER_NAMES } from './lexicon.ts';
import type { WordToken } from './wordTokens.ts';

/** Starts with a capital, or is a lower-case prefix glued to one ("e-Government", "iPod"). */
export const isCapitalised = (t: WordToken): boolean => /^(?:\p{Lu}|\p{Ll}{1,2}-?\p{Lu})/u.test(t.value) && /\p{L}/u.test(t.value);

/**
 * An initial: one capital and a dot (the "A." of "A.Abbasov"), or a bare capital inside a sentence, as in
 * team sheets ("J Thion") — a sentence-initial bare "A" is the article.
 */
export const isInitialLetter = (t: WordToken): boolean =>
  /^\p{Lu}\.$/u.test(t.value) || (/^\p{Lu}$/u.test(t.value) && !t.initial && t.value !== 'I');

/** Two capitals or more and nothing lower-case but a plural s: "IGF", "U.S.", "AT&T", "MPs". */
export const isAcronym = (t: WordToken): boolean => /^[\p{Lu}\d&.-]+s?$/u.test(t.value) && (t.value.match(/\p{Lu}/gu)?.length ?? 0) >= 2;

/** Inner capital after lower case: "AzerTelecom", "BobrDobr" — but not "McDonald", "MacLeod", "DiCaprio". */
export const isCamelCase = (t: WordToken): boolean =>
  /^\p{Lu}?\p{Ll}+\p{Lu}/u.test(t.value) && !/^(?:Mc|Mac|De|Di|Da|La|Le|Van|Von)\p{Lu}/u.test(t.value);

/** Lower-case glue inside a name: "of", "and", "for the". */
export const isConnector = (t: WordToken): boolean => CONNECTORS.has(t.value);

/** A token that can be part of a name: capitalised, two letters or more (or an initial), not "IT-companies". */
export const isNameWord = (t: WordToken): boolean =>
  t.pos !== 'PUNCT' &&
  mayOpenCapitalised(t.value) &&
  (t.pos !== 'NUM' || /^\p{Lu}\p{Ll}+$/u.test(t.value)) &&
  !t.lower.split('-').some((part) => NEVER_NAMES.has(part)) &&
  (isInitialLetter(t) || (isCapitalised(t) && /\p{L}.*\p{L}/u.test(t.value) && !/-\p{Ll}[^-]*$/u.test(t.value)));

/**
 * False when no capital can open the word as `isCapitalised` and `isInitialLetter` read it: its first four
 * characters are ASCII, none upper-case. Most words of prose are so, and this spares them the Unicode
 * patterns (a name build tests every word of the corpus).
 */
function mayOpenCapitalised(value: string): boolean {
  const end = Math.min(value.length, 4);
  for (let i = 0; i < end; i += 1) {
    const code = value.charCodeAt(i);
    if (code >= 128 || (code >= 65 && code <= 90)) return true;
  }
  return false;
}

/** Parts of a hyphenated compound with their offsets: "Azerbaijan-Portugal" → two parts. */
export function compoundParts(t: WordToken): WordToken[] {
  if (!t.value.includes('-')) return [t];
  const parts: WordToken[] = [];
  let offset = 0;
  for (const piece of t.value.split('-')) {
    const start = t.start + offset;
    parts.push({
      ...t,
      value: piece,
      lower: piece.toLowerCase(),

      start,
      end: start + piece.length,
      glued: offset > 0,
    });
    offset += piece.length + 1;
  }
  return parts;
}
