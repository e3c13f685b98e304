import { NameSearch } from '../search/nameSearch.ts';
import type { Steps } from '../slices.ts';
import type { EntitySummary } from './entityIndex.ts';

/** Lower case, diacritics and punctuation folded: "A.Abbasov" → "a abbasov", "Türkiye" → "turkiye". */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Entities found as their names are typed: `(query, limit) → summaries`, best first. */
export type EntitySearch = (query: string, limit?: number) => EntitySummary[];

/**
 * Autocomplete over entity names and aliases (src/search/nameSearch.ts: every typed word starting a word of
 * the name or an alias, or one typing error away), the canonical name returned; among equal matches the
 * more mentioned first. An empty query lists the most mentioned; one without a letter or digit matches
 * nothing. `ranked` is most mentioned first.
 *
 * @example (yield* entitySearchSteps(summaries))('abas') // → [{ name: 'Ali Abbasov', … }] (one typo from "abbas")
 */
export function* entitySearchSteps(ranked: readonly EntitySummary[]): Steps<EntitySearch> {
  const names = yield* NameSearch.buildSteps(ranked, (entity) => ({ name: entity.name, aliases: entity.aliases, weight: entity.count }));
  return (query, limit = ranked.length) => {
    const wanted = Math.max(0, Math.floor(limit));
    return query.trim() === '' ? ranked.slice(0, wanted) : names.find(query, wanted);
  };
}
