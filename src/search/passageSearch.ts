import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import { atPausePoint, runSteps, type Steps } from '../slices.ts';
import { normalizeTerm, tokenize, tokenizeNames } from '../text/terms.ts';
import type { RetrievalOptions } from './retriever.ts';

/**
 * A passage as minisearch indexes it: a number, its document's title (boosted), its prose, the headings it
 * is under and its code (each a field weighed on its own).
 */
export interface IndexedPassage {
  id: number;
  title: string;
  text: string;
  headings: string;
  code: string;
}

/** Field numbers, as minisearch numbers the fields in order. */
export const TITLE = 0;
export const TEXT = 1;
export const HEADINGS = 2;
export const CODE = 3;
const FIELDS = ['title', 'text', 'headings', 'code'];

/** An index term close to one the index lacks, and how far: edits, or a third of an edit per letter completed. */
export interface Spelling {
  term: string;
  distance: number;
}

/** The index as parts for a snapshot (see `PassageSearch.saveParts`). */
export interface SavedParts {
  meta: PassageSearchMeta;
  parts: Record<'terms' | 'postings' | 'passages', () => Iterable<Uint8Array>>;
}

/** What `restore` reads back, besides the parts' bytes: minisearch's scalars, and the parts' sizes. */
export interface PassageSearchMeta {
  byteOrder: 'LE' | 'BE';
  documentCount: number;
  nextId: number;
  averageFieldLength: number[];
  terms: number;
  postingsInts: number;
}

/** The index changed while its parts were being read for a snapshot; that snapshot is abandoned. */
export class IndexChangedError extends Error {
  override readonly name = 'IndexChangedError';
}

/** A field's words as the index reads them: names in code by their words too, but in prose (`tokenizeNames`). */
export function fieldTokens(text: string, field?: string): string[] {
  return field === 'text' ? tokenize(text) : tokenizeNames(text);
}

const CHUNK_INTS = 16_384;
/** Ints per passage in the `passages` part: minisearch's short id, the passage number, and each field's length. */
const PASSAGE_INTS = 2 + FIELDS.length;

/**
 * minisearch over passages with the project's term pipeline, plus what minisearch has no public call for:
 * a term's document frequency (for IDF and the rarest-words-first query), the index terms close to an unknown
 * one, and its state as parts read term by term. minisearch's `toJSON` builds the whole index as one object
 * graph (5.7 s at 100k passages, blocking) and `loadJS` needs all of it parsed; here the same maps are
 * written and rebuilt term by term in pieces, so saving and loading can pause between them.
 * test/core/passageSearch.test.ts checks the round trip against minisearch's own `toJSON`.
 */
export class PassageSearch extends MiniSearch<IndexedPassage> {
  private changes = 0;

  constructor(options: Pick<RetrievalOptions, 'bm25' | 'titleBoost' | 'headingBoost' | 'codeBoost'>) {
    super({
      fields: FIELDS,
      // Names in code are searched by their words too, in the fields that name things (`tokenizeNames`).
      tokenize: fieldTokens,
      processTerm: normalizeTerm,
      // Passages are removed with `remove`, which cleans the index at once: nothing is left to vacuum, and
      // no background vacuum rewrites the maps while a snapshot reads them.
      autoVacuum: false,
      searchOptions: { bm25: options.bm25, boost: { title: options.titleBoost, headings: options.headingBoost, code: options.codeBoost } },
    });
  }

  override add(passage: IndexedPassage): void {
    this.changes += 1;
    super.add(passage);
  }

  override remove(passage: IndexedPassage): void {
    this.changes += 1;
    super.remove(passage);
  }

  /** The number the next passage added gets (minisearch's next short id, so the two always agree). */
  get nextPassageNumber(): number {
    return this._nextId;
  }

  /** Searches already-normalized index terms (the query's terms joined by spaces). */
  searchTerms(terms: readonly string[], options: SearchOptions = {}): SearchResult[] {
    if (terms.length === 0) return [];
    return this.search(terms.join(' '), { ...options, tokenize: splitSpaces, processTerm: keepTerm });
  }

  /** The number of fields each passage is indexed by. */
  static readonly fieldCount = FIELDS.length;

  /** Number of passages whose `field` holds the index term. */
  documentFrequency(term: string, field: number): number {
    return this._index.get(term)?.get(field)?.size ?? 0;
  }

  /**
   * Index terms within `maxDistance` edits of `term` (minisearch's fuzzy lookup), and those that start with
   * it (its prefix lookup), each with its distance; the term itself is not included.
   */
  spellingsOf(term: string, maxDistance: number): Spelling[] {
    const found = new Map<string, number>();
    if (maxDistance > 0) {
      for (const [spelling, [, distance]] of this._index.fuzzyGet(term, maxDistance)) if (distance > 0) found.set(spelling, distance);
    }
    for (const spelling of this._index.atPrefix(term).keys()) {
      // A completion stays relevant for longer than an edit (as minisearch weighs prefix matches).
      const distance = (spelling.length - term.length) / 3;
      if (distance > 0 && distance < (found.get(spelling) ?? Infinity)) found.set(spelling, distance);
    }
    return [...found].map(([spelling, distance]) => ({ term: spelling, distance }));
  }

  /**
   * The index as parts, read lazily: `terms` lists the index terms one per line; `postings` gives, per term in
   * that order, its number of fields, then per field its number, its number of postings and (short id,
   * frequency) pairs; `passages` gives per passage minisearch's short id, the passage number and the length
   * of each of its fields. Reading a part throws IndexChangedError once the index has changed since this call.
   */
  saveParts(): SavedParts {
    return runSteps(this.savePartsSteps());
  }

  /**
   * `saveParts` as steps that may pause every thousand terms: counting the postings walks the whole index
   * (100 ms and more at 100k passages). Reading a part throws IndexChangedError once the index has changed
   * since the first step.
   */
  *savePartsSteps(): Steps<SavedParts> {
    const changes = this.changes;
    let terms = 0;
    let postingsInts = 0;
    for (const fields of this._index.values()) {
      terms += 1;
      postingsInts += 1;
      for (const postings of fields.values()) postingsInts += 2 + 2 * postings.size;
      if (atPausePoint(terms - 1)) yield;
    }
    const meta: PassageSearchMeta = {
      byteOrder: byteOrder(),
      documentCount: this._documentCount,
      nextId: this._nextId,
      averageFieldLength: [...this._avgFieldLength],
      terms,
      postingsInts,
    };
    return {
      meta,
      parts: {
        terms: () => this.termsPart(changes),
        postings: () => this.postingsPart(changes),
        passages: () => this.passagesPart(changes),
      },
    };
  }

  private *termsPart(changes: number): Generator<Uint8Array> {
    let text = '';
    for (const term of this._index.keys()) {
      this.checkUnchanged(changes);
      if (term.includes('\n')) throw new Error(`index term holds a line break: ${JSON.stringify(term)}`);
      text += `${term}\n`;
      if (text.length >= 65_536) {
        yield Buffer.from(text, 'utf8');
        text = '';
      }
    }
    if (text !== '') yield Buffer.from(text, 'utf8');
  }

  private *postingsPart(changes: number): Generator<Uint8Array> {
    const out = new Int32Chunks();
    for (const fields of this._index.values()) {
      this.checkUnchanged(changes);
      out.push(fields.size);
      for (const [field, postings] of fields) {
        out.push(field);
        out.push(postings.size);
        for (const [shortId, frequency] of postings) {
          out.push(shortId);
          out.push(frequency);
        }
      }
      yield* out.takeFull();
    }
    yield out.rest();
  }

  private *passagesPart(changes: number): Generator<Uint8Array> {
    const out = new Int32Chunks();
    for (const [shortId, id] of this._documentIds) {
      this.checkUnchanged(changes);
      const lengths = this._fieldLength.get(shortId) ?? [];
      out.push(shortId);
      out.push(id as number);
      for (let field = 0; field < FIELDS.length; field += 1) out.push(lengths[field] ?? 0);
      yield* out.takeFull();
    }
    yield out.rest();
  }

  /**
   * Rebuilds an index from its parts, one step per term, so it can run in slices. The result equals the
   * saved index (same maps, so the same scores). Throws an Error naming what does not fit.
   */
  static *restoreSteps(
    options: Pick<RetrievalOptions, 'bm25' | 'titleBoost' | 'headingBoost' | 'codeBoost'>,
    meta: PassageSearchMeta,
    parts: { terms: Uint8Array; postings: Uint8Array; passages: Uint8Array },
  ): Steps<PassageSearch> {
    if (meta.byteOrder !== byteOrder()) throw new Error(`index written on a ${meta.byteOrder} machine, this one is ${byteOrder()}`);
    const search = new PassageSearch(options);
    const passages = int32View(parts.passages, 'passages');
    if (passages.length !== meta.documentCount * PASSAGE_INTS) {
      throw new Error(`index passages part holds ${passages.length / PASSAGE_INTS} passages, meta says ${meta.documentCount}`);
    }
    for (let i = 0; i < passages.length; i += PASSAGE_INTS) {
      const shortId = passages[i]!;
      const id = passages[i + 1]!;
      if (shortId < 0 || shortId >= meta.nextId || search._documentIds.has(shortId))
        throw new Error(`index passage ${shortId} out of place`);
      search._documentIds.set(shortId, id);
      search._idToShortId.set(id, shortId);
      search._fieldLength.set(shortId, Array.from(passages.subarray(i + 2, i + PASSAGE_INTS)));
      if (atPausePoint(i / PASSAGE_INTS)) yield;
    }
    search._documentCount = meta.documentCount;
    search._nextId = meta.nextId;
    search._avgFieldLength = [...meta.averageFieldLength];

    const postings = int32View(parts.postings, 'postings');
    if (postings.length !== meta.postingsInts)
      throw new Error(`index postings part holds ${postings.length} ints, meta says ${meta.postingsInts}`);
    let at = 0;
    const next = (): number => {
      if (at >= postings.length) throw new Error('index postings part ends early');
      return postings[at++]!;
    };
    let termCount = 0;
    for (const term of lines(parts.terms)) {
      const fields = new Map<number, Map<number, number>>();
      for (let f = next(); f > 0; f -= 1) {
        const field = next();
        if (!Number.isInteger(field) || field < 0 || field >= FIELDS.length)
          throw new Error(`index term ${JSON.stringify(term)} has field ${field}`);
        const docs = new Map<number, number>();
        for (let n = next(); n > 0; n -= 1) {
          const shortId = next();
          if (!search._documentIds.has(shortId)) throw new Error(`index term ${JSON.stringify(term)} names passage ${shortId}`);
          docs.set(shortId, next());
        }
        fields.set(field, docs);
      }
      search._index.set(term, fields);
      termCount += 1;
      yield;
    }
    if (termCount !== meta.terms || at !== postings.length) {
      throw new Error(`index has ${termCount} terms and ${at} of ${postings.length} postings ints read, meta says ${meta.terms} terms`);
    }
    return search;
  }

  private checkUnchanged(changes: number): void {
    if (this.changes !== changes) throw new IndexChangedError('the index changed while it was being saved');
  }
}

const splitSpaces = (text: string): string[] => text.split(' ');
const keepTerm = (term: string): string => term;

function byteOrder(): 'LE' | 'BE' {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';
}

/** The part's bytes as Int32s, copied when the buffer is not 4-byte aligned. */
function int32View(bytes: Uint8Array, part: string): Int32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`index ${part} part is ${bytes.byteLength} bytes, not whole ints`);
  if (bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Int32Array(bytes.slice().buffer);
}

/** The lines of a UTF-8 part, each ended by a line break. */
function* lines(bytes: Uint8Array): Generator<string> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  for (let end = buffer.indexOf(10, start); end !== -1; end = buffer.indexOf(10, start)) {
    yield buffer.toString('utf8', start, end);
    start = end + 1;
  }
  if (start !== buffer.length) throw new Error('index terms part does not end with a line break');
}

/** Int32 values gathered into byte chunks of a fixed size, so a part is written piece by piece. */
class Int32Chunks {
  private buffer = new Int32Array(CHUNK_INTS);
  private length = 0;
  private full: Uint8Array[] = [];

  push(value: number): void {
    if (this.length === this.buffer.length) {
      this.full.push(new Uint8Array(this.buffer.buffer));
      this.buffer = new Int32Array(CHUNK_INTS);
      this.length = 0;
    }
    this.buffer[this.length++] = value;
  }

  /** The chunks filled so far. */
  takeFull(): Uint8Array[] {
    const full = this.full;
    this.full = [];
    return full;
  }

  /** The last, partly filled chunk. */
  rest(): Uint8Array {
    return new Uint8Array(this.buffer.buffer, 0, this.length * 4);
  }
}
