import type { Sentence } from './corpusDocument.ts';

/** "X, also called Y", "X (also known as Y)", "X, or Y for short": a second name the text gives. */
const ALSO_CALLED =
  /\b((?:[\p{L}\p{N}][\p{L}\p{N}._-]*\s+){0,3}[\p{L}\p{N}][\p{L}\p{N}._-]*)\s*[,(]\s*(?:also\s+(?:called|known\s+as|referred\s+to\s+as)|a\.k\.a\.?|aka)\s+(?:an?\s+|the\s+)?["“]?([\p{L}\p{N}][\p{L}\p{N}._ -]{0,40}?)["”]?\s*(?:[,)]|\.(?:\s|$)|$)/giu;
/** "Information and Communication Technologies (ICT)": a name and its abbreviation in brackets. */
const ABBREVIATED = /((?:[\p{Lu}\p{Ll}][\p{L}-]*\s+){1,7}[\p{Lu}\p{Ll}][\p{L}-]*)\s+\((\p{Lu}[\p{Lu}\p{N}&]{1,7}s?)\)/gu;
/**
 * Cheap tests that a sentence can hold a match at all: most sentences have no bracket and no "also", and
 * the patterns above try a name at every word of one that has neither.
 */
const MAY_SAY_ALSO_CALLED = /also|aka|a\.k\.a/iu;
const MAY_ABBREVIATE = '(';
/** Small words a name's initials skip ("Ministry *of* Transport (MoT)"). */
const SKIPPED_IN_INITIALS = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'to', 'a', 'an', '&']);

/**
 * The pairs of names a document gives one thing, from its sentences: "X, also called Y" (and "also known
 * as", "aka"), and a name followed by its abbreviation in brackets whose letters are the name's initials
 * ("command line interface (CLI)"). `extra` adds pairs the file's metadata gives (front matter aliases).
 *
 * @example namesGivenIn([{ text: 'Use the command line interface (CLI) to start it.' } as Sentence]) // → [['command line interface', 'CLI']]
 */
export function namesGivenIn(
  sentences: readonly Pick<Sentence, 'text' | 'code'>[],
  extra: readonly [string, string][] = [],
): [string, string][] {
  const pairs = new Map<string, [string, string]>();
  const add = (a: string, b: string) => {
    const pair: [string, string] = [a.trim(), b.trim()];
    if (pair[0] === '' || pair[1] === '' || pair[0].toLowerCase() === pair[1].toLowerCase()) return;
    pairs.set(`${pair[0].toLowerCase()}\n${pair[1].toLowerCase()}`, pair);
  };
  for (const [a, b] of extra) add(a, b);
  for (const sentence of sentences) {
    if (sentence.code) continue;
    if (MAY_SAY_ALSO_CALLED.test(sentence.text)) {
      for (const match of sentence.text.matchAll(ALSO_CALLED)) add(lastWords(match[1]!, 3), match[2]!);
    }
    if (!sentence.text.includes(MAY_ABBREVIATE)) continue;
    for (const match of sentence.text.matchAll(ABBREVIATED)) {
      const name = initialsMatch(match[1]!, match[2]!);
      if (name) add(name, match[2]!);
    }
  }
  return [...pairs.values()];
}

/** The shortest tail of `words` whose initials spell the abbreviation, or null. */
function initialsMatch(words: string, abbreviation: string): string | null {
  const letters = abbreviation
    .replace(/s$/, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
  const list = words.split(/\s+/);
  for (let from = list.length - 1; from >= 0; from -= 1) {
    const tail = list.slice(from);
    const initials = tail
      .filter((word) => !SKIPPED_IN_INITIALS.has(word.toLowerCase()))
      .map((word) => word[0]!.toLowerCase())
      .join('');
    if (initials === letters && !SKIPPED_IN_INITIALS.has(tail[0]!.toLowerCase())) return tail.join(' ');
    if (initials.length > letters.length) break;
  }
  return null;
}

function lastWords(text: string, count: number): string {
  return text.trim().split(/\s+/).slice(-count).join(' ');
}
