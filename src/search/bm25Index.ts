/** BM25+ parameters: term-frequency saturation `k`, length normalisation `b`, lower bound `d`. */
export interface Bm25Params {
  k: number;
  b: number;
  d: number;
}

/**
 * The postings of one field, frozen into flat arrays: term `t` occurs in the entries
 * `offsets[t] .. offsets[t + 1]` of `entries` (entry ids, ascending), `freqs[i]` times in entry `entries[i]`.
 * `lengths[e]` is entry `e`'s field length (its number of distinct raw tokens, as minisearch counts it).
 */
export interface FieldPostings {
  offsets: Int32Array;
  entries: Int32Array;
  freqs: Uint16Array;
  lengths: Int32Array;
}

/** Everything a `Bm25Index` holds: its terms (term id = position) and one `FieldPostings` per field. */
export interface Bm25IndexState {
  terms: string[];
  fields: FieldPostings[];
}

/** One field of an entry to index: its raw token count and its index terms (duplicates kept). */
export interface FieldTerms {
  distinctTokens: number;
  terms: readonly string[];
}

/** A scored entry. */
export interface Bm25Hit {
  id: number;
  score: number;
}

export interface Bm25SearchOptions {
  /** Weight of each field's score, in field order. */
  boosts: readonly number[];
  bm25: Bm25Params;
  /** Only entries with `from <= id < to`. */
  range?: { from: number; to: number };
}

const MAX_FREQ = 0xffff;

/**
 * A BM25+ inverted index over numbered entries with several fields, scored exactly as minisearch scores them
 * (same formula, same field lengths, a match on more distinct query terms multiplying the score), but stored
 * in a few flat typed arrays: about 6 bytes a posting where minisearch's per-term Maps take about 45, which is
 * what keeps a 100k-passage corpus within its memory budget.
 *
 * Entries are added in id order; the postings are frozen by `freeze` or the first search, and thawed if more
 * are added.
 */
export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private frozen: FieldPostings[] | undefined;
  private pending: PendingField[];
  private entryCount = 0;
  private scratch = new SearchScratch(0);
  private averageLengths: number[] = [];

  constructor(fieldCount: number) {
    this.pending = Array.from({ length: fieldCount }, () => new PendingField());
  }

  /** Restores an index from `toState`. Throws when the arrays do not fit together. */
  static fromState(state: Bm25IndexState): Bm25Index {
    const index = new Bm25Index(state.fields.length);
    // One at a time: spreading a vocabulary of a million terms into push() overflows the call stack.
    for (const term of state.terms) index.termId(term);
    index.entryCount = state.fields[0]?.lengths.length ?? 0;
    for (const field of state.fields) checkField(field, index.terms.length, index.entryCount);
    index.frozen = state.fields;
    return index;
  }

  /** The frozen arrays, shared, not copied. */
  toState(): Bm25IndexState {
    return { terms: this.terms, fields: this.freeze() };
  }

  /** Number of entries indexed. */
  get size(): number {
    return this.entryCount;
  }

  /** Adds the next entry (its id is the previous `size`), one `FieldTerms` per field. */
  add(fields: readonly FieldTerms[]): number {
    if (this.frozen) this.thaw();
    if (fields.length !== this.pending.length) throw new Error(`index entry has ${fields.length} fields, the index ${this.pending.length}`);
    const id = this.entryCount++;
    for (const [field, { distinctTokens, terms }] of fields.entries()) {
      const pending = this.pending[field]!;
      pending.lengths.push(distinctTokens);
      const counts = new Map<number, number>();
      for (const term of terms) {
        const termId = this.termId(term);
        counts.set(termId, (counts.get(termId) ?? 0) + 1);
      }
      for (const [termId, count] of counts) pending.postings.push3(termId, id, Math.min(count, MAX_FREQ));
    }
    return id;
  }

  /** Number of entries whose `field` holds `term`. */
  entryFrequency(term: string, field: number): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    const { offsets } = this.freeze()[field]!;
    return offsets[id + 1]! - offsets[id]!;
  }

  /**
   * Entries holding any of `terms`, best first (ties in the order they were first matched, as minisearch
   * returns them). A term given twice counts twice in the score, once in the number of terms matched.
   */
  search(terms: readonly string[], options: Bm25SearchOptions): Bm25Hit[] {
    const fields = this.freeze();
    const n = this.entryCount;
    if (n === 0) return [];
    if (this.scratch.capacity < n) this.scratch = new SearchScratch(n);
    const { scores, matched, seenInQuery, seenForTerm } = this.scratch;
    const query = this.scratch.nextStamp();
    const { from, to } = options.range ?? { from: 0, to: n };
    const { k, b, d } = options.bm25;
    const touched: number[] = [];
    for (const [term, occurrences] of countInOrder(terms)) {
      const termId = this.termIds.get(term);
      if (termId === undefined) continue;
      const termStamp = this.scratch.nextStamp();
      for (const [field, { offsets, entries, freqs, lengths }] of fields.entries()) {
        const start = offsets[termId]!;
        const end = offsets[termId + 1]!;
        if (start === end) continue;
        const weight = occurrences * (options.boosts[field] ?? 1);
        const df = end - start;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const averageLength = this.averageLength(field, lengths);
        for (let i = start; i < end; i += 1) {
          const entry = entries[i]!;
          if (entry < from || entry >= to) continue;
          if (seenInQuery[entry] !== query) {
            seenInQuery[entry] = query;
            scores[entry] = 0;
            matched[entry] = 0;
            touched.push(entry);
          }
          const tf = freqs[i]!;
          const norm = averageLength === 0 ? 1 : 1 - b + (b * lengths[entry]!) / averageLength;
          scores[entry]! += weight * idf * (d + (tf * (k + 1)) / (tf + k * norm));
          if (seenForTerm[entry] !== termStamp) {
            seenForTerm[entry] = termStamp;
            matched[entry]! += 1;
          }
        }
      }
    }
    const hits = touched.map((entry) => ({ id: entry, score: scores[entry]! * Math.max(1, matched[entry]!) }));
    return hits.sort((a, b) => b.score - a.score);
  }

  /** Mean field length over all entries, computed once per frozen state. */
  private averageLength(field: number, lengths: Int32Array): number {
    let average = this.averageLengths[field];
    if (average === undefined) {
      let total = 0;
      for (const length of lengths) total += length;
      average = total / (lengths.length || 1);
      this.averageLengths[field] = average;
    }
    return average;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  /**
   * Sorts the entries added so far into the flat arrays (a counting sort by term, entries staying ascending
   * within a term). A search does it on first use; a build calls it last so no question waits for it.
   */
  freeze(): FieldPostings[] {
    if (this.frozen) return this.frozen;
    const termCount = this.terms.length;
    this.frozen = this.pending.map((pending) => {
      const triples = pending.postings.view();
      const postingCount = triples.length / 3;
      const offsets = new Int32Array(termCount + 1);
      for (let i = 0; i < triples.length; i += 3) offsets[triples[i]! + 1]! += 1;
      for (let t = 0; t < termCount; t += 1) offsets[t + 1]! += offsets[t]!;
      const cursor = offsets.slice(0, termCount);
      const entries = new Int32Array(postingCount);
      const freqs = new Uint16Array(postingCount);
      for (let i = 0; i < triples.length; i += 3) {
        const at = cursor[triples[i]!]!++;
        entries[at] = triples[i + 1]!;
        freqs[at] = triples[i + 2]!;
      }
      return { offsets, entries, freqs, lengths: pending.lengths.view().slice() };
    });
    this.pending = [];
    this.averageLengths = [];
    return this.frozen;
  }

  /** Turns frozen postings back into pending triples so more entries can be added. */
  private thaw(): void {
    const frozen = this.frozen!;
    this.pending = frozen.map(({ offsets, entries, freqs, lengths }) => {
      const pending = new PendingField();
      for (let term = 0; term + 1 < offsets.length; term += 1) {
        for (let i = offsets[term]!; i < offsets[term + 1]!; i += 1) pending.postings.push3(term, entries[i]!, freqs[i]!);
      }
      for (const length of lengths) pending.lengths.push(length);
      return pending;
    });
    this.frozen = undefined;
    this.averageLengths = [];
  }
}

/** Postings of one field while entries are being added. */
class PendingField {
  readonly postings = new GrowableInt32Array();
  readonly lengths = new GrowableInt32Array();
}

/** An Int32Array that doubles as it fills: a plain array would take 8 bytes a number while building. */
class GrowableInt32Array {
  private data = new Int32Array(64);
  private length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  /** Three values at once (one posting: term, entry, frequency). */
  push3(a: number, b: number, c: number): void {
    this.push(a);
    this.push(b);
    this.push(c);
  }

  private grow(): void {
    const grown = new Int32Array(this.data.length * 2);
    grown.set(this.data);
    this.data = grown;
  }

  /** The filled part (a view: copy it to keep it past the next push). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Per-entry work arrays reused by every search. A stamp marks which entries the current query (or query
 * term) has touched, so nothing is cleared between searches.
 */
class SearchScratch {
  readonly scores: Float64Array;
  readonly matched: Int32Array;
  readonly seenInQuery: Int32Array;
  readonly seenForTerm: Int32Array;
  private stamp = 0;

  constructor(readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.matched = new Int32Array(capacity);
    this.seenInQuery = new Int32Array(capacity);
    this.seenForTerm = new Int32Array(capacity);
  }

  nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.seenInQuery.fill(0);
      this.seenForTerm.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

/** Distinct items with their number of occurrences, in order of first occurrence. */
function countInOrder(items: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

function checkField(field: FieldPostings, termCount: number, entryCount: number): void {
  const { offsets, entries, freqs, lengths } = field;
  if (
    offsets.length !== termCount + 1 ||
    offsets[termCount] !== entries.length ||
    freqs.length !== entries.length ||
    lengths.length !== entryCount
  ) {
    throw new Error(`index arrays do not fit: ${termCount} terms, ${entryCount} entries, ${entries.length} postings`);
  }
}
