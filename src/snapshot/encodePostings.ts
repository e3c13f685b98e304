import { endianness } from 'node:os';
import type { Bm25IndexState, FieldPostings } from '../search/bm25Index.ts';
import { SnapshotError } from './parts.ts';

/** What it takes to cut `postings.bin` back into its arrays; kept in the manifest. */
export interface PostingsShape {
  /** The arrays are stored in the byte order of the machine that wrote them. */
  byteOrder: 'LE' | 'BE';
  terms: number;
  entries: number;
  /** Number of postings of each field. */
  postings: number[];
}

export function postingsShape(state: Bm25IndexState): PostingsShape {
  return {
    byteOrder: endianness(),
    terms: state.terms.length,
    entries: state.fields[0]?.lengths.length ?? 0,
    postings: state.fields.map((field) => field.entries.length),
  };
}

/**
 * The arrays of every field as raw bytes, field by field (offsets, entries, freqs, lengths), each padded to a
 * multiple of 4 bytes: loading is a copy, not a parse, which is why a snapshot loads in a fraction of a build.
 */
export function* postingsChunks(state: Bm25IndexState): Iterable<Uint8Array> {
  for (const { offsets, entries, freqs, lengths } of state.fields) {
    for (const array of [offsets, entries, freqs, lengths]) {
      yield new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      const padding = paddedLength(array.byteLength) - array.byteLength;
      if (padding > 0) yield new Uint8Array(padding);
    }
  }
}

/** The field postings back from `postingsChunks`. Throws SnapshotError when the bytes do not fit the shape. */
export function decodePostings(bytes: Uint8Array, shape: PostingsShape): FieldPostings[] {
  if (shape.byteOrder !== endianness())
    throw new SnapshotError(`snapshot written on a ${shape.byteOrder} machine, this one is ${endianness()}`);
  let position = 0;
  const take = <T extends Int32Array | Uint16Array>(array: T): T => {
    const end = position + array.byteLength;
    if (end > bytes.length) throw new SnapshotError(`postings part is shorter than its shape (${bytes.length} bytes)`);
    // Copying into a fresh array keeps it aligned whatever the file buffer's offset.
    new Uint8Array(array.buffer).set(bytes.subarray(position, end));
    position += paddedLength(array.byteLength);
    return array;
  };
  const fields = shape.postings.map((postings) => ({
    offsets: take(new Int32Array(shape.terms + 1)),
    entries: take(new Int32Array(postings)),
    freqs: take(new Uint16Array(postings)),
    lengths: take(new Int32Array(shape.entries)),
  }));
  if (position !== bytes.length) throw new SnapshotError(`postings part is ${bytes.length} bytes, its shape needs ${position}`);
  return fields;
}

function paddedLength(bytes: number): number {
  return Math.ceil(bytes / 4) * 4;
}
