import { normalizeTerm, tokenizeNames } from '../text/terms.ts';

/** One term of a query and its weight. */
export interface QueryTerm {
  term: string;
  weight: number;
}

/** Weight of a misspelt word's spellings against an exact word: minisearch's default weight for fuzzy matches. */
export const SPELLING_WEIGHT = 0.45;

/** BM25's inverse document frequency of a term held by `df` of `passages` passages, as minisearch computes it. */
export function inverseFrequency(df: number, passages: number): number {
  const matching = Math.min(passages, df);
  return Math.log(1 + (passages - matching + 0.5) / (matching + 0.5));
}

/** How many passages the rarest words' search passes on to be reordered by all of the question's words. */
export const RESCORED_CANDIDATES = 200;

/**
 * The query's rarest words, for the first search. A search scores every passage that holds any query
 * word, so on a large corpus a common word ("said", "year") costs more time than all the rare ones together.
 * Words are taken rarest first until they match `maxPostings` passages in all (`postings` of a term); the
 * rarest is always kept, and below that size nothing is left out.
 */
export function rarestFirst(query: readonly QueryTerm[], postings: (term: string) => number, maxPostings: number): QueryTerm[] {
  const words = query.map((entry) => ({ entry, postings: postings(entry.term) }));
  const total = words.reduce((sum, word) => sum + word.postings, 0);
  if (total <= maxPostings) return [...query];
  const searched: QueryTerm[] = [];
  let kept = 0;
  for (const word of words.sort((a, b) => a.postings - b.postings)) {
    if (searched.length > 0 && kept + word.postings > maxPostings) break;
    searched.push(word.entry);
    kept += word.postings;
  }
  return searched;
}

/**
 * A question as weighted index terms: its words through the term pipeline (a word given twice counting
 * twice), each the index `holds` at weight 1, each it lacks replaced by `spellings(word, term)` (its closest
 * spellings in the index, or none) at `SPELLING_WEIGHT`; then the `related` terms the index holds, at their
 * own weight. Undefined when `spellings` does not know a word's spellings yet (it returns undefined).
 */
export function queryOf(
  question: string,
  related: readonly QueryTerm[],
  holds: (term: string) => boolean,
  spellings: (word: string, term: string) => readonly string[] | undefined,
): QueryTerm[] | undefined {
  const query: QueryTerm[] = [];
  for (const word of tokenizeNames(question)) {
    const term = normalizeTerm(word);
    if (term === null) continue;
    if (holds(term)) {
      query.push({ term, weight: 1 });
      continue;
    }
    const read = spellings(word, term);
    if (read === undefined) return undefined;
    for (const spelling of read) query.push({ term: spelling, weight: SPELLING_WEIGHT });
  }
  const asked = new Set(query.map(({ term }) => term));
  for (const { term, weight } of related) {
    if (asked.has(term) || !holds(term)) continue;
    asked.add(term);
    query.push({ term, weight });
  }
  return query;
}
