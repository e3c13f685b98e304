import type { CorpusDocument } from '../../corpus/types.ts';
import { discordLimits } from '../replies/limits.ts';
import { clip } from '../replies/markdown.ts';

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** Edit distance, bounded: small typos in a title word still match. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Whether `typed` is one typo (a wrong, missing or extra letter) away from the start of `word`. */
function typoOfPrefix(typed: string, word: string): boolean {
  return [typed.length - 1, typed.length, typed.length + 1].some((n) => withinOneEdit(typed, word.slice(0, n)));
}

/**
 * Autocomplete choices over document titles: a title that starts with the typed text first, then
 * titles containing it, then titles where every typed word starts a title word or is one typo away.
 * The choice value is the document id.
 */
export function matchTitles(
  docs: readonly CorpusDocument[],
  typed: string,
  limit: number = discordLimits.choices,
): { name: string; value: string }[] {
  const query = fold(typed.trim());
  const words = query.split(/\s+/).filter(Boolean);
  const scored: { doc: CorpusDocument; rank: number }[] = [];
  for (const doc of docs) {
    const title = fold(doc.title);
    const titleWords = title.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    let rank: number;
    if (query === '' || title.startsWith(query)) rank = 0;
    else if (title.includes(query) || fold(doc.id).includes(query)) rank = 1;
    else if (words.every((w) => titleWords.some((t) => t.startsWith(w) || (w.length > 3 && typoOfPrefix(w, t))))) rank = 2;
    else continue;
    scored.push({ doc, rank });
  }
  scored.sort((a, b) => a.rank - b.rank);
  return scored.slice(0, limit).map(({ doc }) => ({
    name: clip(doc.date ? `${doc.title} (${doc.date})` : doc.title, discordLimits.choiceName),
    value: doc.id.slice(0, discordLimits.choiceValue),
  }));
}
