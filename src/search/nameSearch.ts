import MiniSearch, { type SearchResult } from 'minisearch';
import type { Steps } from '../slices.ts';
import { atPausePoint } from '../slices.ts';
import { fold } from '../text/fold.ts';

/** How an item is found as its name is typed. */
export interface NameEntry {
  /** The name shown; matches on it count more than on an alias. */
  name: string;
  /** Other names it goes by ("A.Abbasov", "IGF"). */
  aliases?: readonly string[];
  /** How well known it is (mentions, say): among equal matches, the better known first. */
  weight?: number;
}

/** A match on the name counts this much more than one on an alias. */
const NAME_BOOST = 2;
/** Typed words from this length on may hold a typing error (minisearch's fuzzy match, a fifth of the letters). */
const MIN_FUZZY_LENGTH = 4;
const FUZZINESS = 0.2;

interface IndexedName {
  id: number;
  name: string;
  aliases: string;
}

/**
 * Finds items as their names are typed, for autocomplete: a small minisearch index over names and aliases,
 * every typed word required (`AND`), each matching a word that starts with it (prefix) or, from four letters
 * on, one typing error away (fuzzy); the better match first, then the better known. Case and accents do not
 * count.
 *
 * @example
 * const names = NameSearch.build(entities, (e) => ({ name: e.name, aliases: e.aliases, weight: e.count }));
 * names.find('abas') // → [{ name: 'Ali Abbasov', … }]
 */
export class NameSearch<T> {
  private readonly items: T[] = [];
  private readonly weights: number[] = [];
  private readonly index = new MiniSearch<IndexedName>({
    fields: ['name', 'aliases'],
    processTerm: fold,
    searchOptions: {
      boost: { name: NAME_BOOST },
      combineWith: 'AND',
      prefix: true,
      fuzzy: (term) => term.length >= MIN_FUZZY_LENGTH && FUZZINESS,
    },
  });

  /** An index over `items`, built in one go. */
  static build<T>(items: Iterable<T>, entry: (item: T) => NameEntry): NameSearch<T> {
    const steps = NameSearch.buildSteps(items, entry);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** `build` as steps of a thousand items, to run in slices (see src/slices.ts). */
  static *buildSteps<T>(items: Iterable<T>, entry: (item: T) => NameEntry): Steps<NameSearch<T>> {
    const search = new NameSearch<T>();
    for (const item of items) {
      const { name, aliases = [], weight = 1 } = entry(item);
      const id = search.items.length;
      search.items.push(item);
      search.weights.push(weight);
      search.index.add({ id, name, aliases: aliases.join(' | ') });
      if (atPausePoint(id)) yield;
    }
    return search;
  }

  /** The items whose names match what was typed, best first, at most `limit`; none for a query without words. */
  find(typed: string, limit = Number.POSITIVE_INFINITY): T[] {
    if (limit <= 0) return [];
    const results = this.index.search(typed, {
      // Better known items rise among close matches; a match on more of the name still comes first.
      boostDocument: (id: number) => 1 + Math.log1p(this.weights[id] ?? 1),
    });
    return results
      .sort(byScoreThenId)
      .slice(0, limit)
      .map((result) => this.items[result.id as number]!);
  }
}

const byScoreThenId = (a: SearchResult, b: SearchResult): number => b.score - a.score || (a.id as number) - (b.id as number);
