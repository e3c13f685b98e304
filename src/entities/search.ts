import type { EntitySummary } from './types.ts';

/** Default and largest number of suggestions: Discord's autocomplete shows 25 choices. */
export const MAX_SUGGESTIONS = 25;

/** How well a query matches a name, by kind of match: higher is better. */
const SCORE = { exact: 100, prefix: 80, wordPrefix: 60, substring: 40, fuzzy: 20 } as const;
/** An alias match counts a little less than the same match on the canonical name. */
const ALIAS_PENALTY = 5;

/** Words inside names that nobody types to find them ("Ministry of … and …"). */
const GLUE_WORDS = new Set(['of', 'and', 'the', 'for', 'at', 'to', 'de', 'a', 'an']);

/** Lower case, diacritics and punctuation folded: "A.Abbasov" → "a abbasov", "Türkiye" → "turkiye". */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Ranks entities for autocomplete: exact name, name prefix, prefix of any word ("abb" → "Ali Abbasov"),
 * substring, then one or two typing errors (Damerau–Levenshtein, two allowed from six letters on).
 * Aliases match too; the canonical name is what is returned. Ties go to the more mentioned entity.
 * An empty query lists the most mentioned entities; one with no letter or digit ("🎉") matches nothing.
 *
 * @example searchEntities(summaries, 'abas') // → [{ name: 'Ali Abbasov', … }] (one typo from "abbas")
 */
export function searchEntities(entities: readonly EntitySummary[], query: string, limit = MAX_SUGGESTIONS): EntitySummary[] {
  const wanted = Math.max(0, Math.min(Math.floor(limit), MAX_SUGGESTIONS));
  const folded = foldName(query);
  if (query.trim() === '') return [...entities].sort(byCount).slice(0, wanted);
  if (folded === '') return [];
  const scored: { entity: EntitySummary; score: number }[] = [];
  for (const entity of entities) {
    let score = nameScore(foldName(entity.name), folded);
    for (const alias of entity.aliases) score = Math.max(score, nameScore(foldName(alias), folded) - ALIAS_PENALTY);
    if (score > 0) scored.push({ entity, score });
  }
  scored.sort((a, b) => b.score - a.score || byCount(a.entity, b.entity));
  return scored.slice(0, wanted).map((entry) => entry.entity);
}

const byCount = (a: EntitySummary, b: EntitySummary): number => b.count - a.count || a.name.localeCompare(b.name);

function nameScore(name: string, query: string): number {
  if (name === query) return SCORE.exact;
  if (name.startsWith(query)) return SCORE.prefix;
  const words = name.split(' ').filter((word) => !GLUE_WORDS.has(word));
  if (words.some((word) => word.startsWith(query))) return SCORE.wordPrefix;
  if (query.length >= 3 && name.includes(query)) return SCORE.substring;
  if (query.length < 4) return 0;
  const allowed = query.length >= 6 ? 2 : 1;
  const close = [name, ...words].some((word) => {
    const prefix = word.slice(0, query.length);
    return editDistance(word, query, allowed) <= allowed || editDistance(prefix, query, allowed) <= allowed;
  });
  return close ? SCORE.fuzzy : 0;
}

/** Optimal string alignment distance, giving up (returning `max + 1`) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}
