import { createInflateRaw } from 'node:zlib';
import { mebibytes, READING_LIMITS } from '../readingLimits.ts';
import { UnreadableDocumentError } from './extractedDocument.ts';

/** One file of a zip, as its central directory describes it. */
interface ZipEntry {
  method: number;
  flags: number;
  compressedSize: number;
  localHeader: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * A Word document's zip, opened by its central directory, whose parts are inflated only when read and only
 * up to `READING_LIMITS.wordXmlBytes` all together: a 1 MB file that would inflate to gigabytes is stopped
 * at the limit, before the bytes past it exist. It has the two calls mammoth reads a document through
 * (`exists`, `read`), so mammoth never unpacks the zip itself; pictures, which are never read, are never
 * inflated.
 */
export class WordArchive {
  private inflated = 0;

  private constructor(
    private readonly bytes: Buffer,
    private readonly entries: ReadonlyMap<string, ZipEntry>,
  ) {}

  /**
   * Reads the zip's central directory. Throws UnreadableDocumentError for a file that is not a zip, a
   * damaged or encrypted one, one in the ZIP64 form (4 GB and more: never a Word document), and one with
   * more entries than `READING_LIMITS.zipEntries`, before anything is inflated.
   */
  static open(bytes: Buffer): WordArchive {
    const end = findEndOfDirectory(bytes);
    if (end < 0) throw new UnreadableDocumentError('not a readable Word document (not a zip file)');
    const count = bytes.readUInt16LE(end + 10);
    const size = bytes.readUInt32LE(end + 12);
    const offset = bytes.readUInt32LE(end + 16);
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
      throw new UnreadableDocumentError('not a readable Word document (a ZIP64 archive)');
    }
    if (count > READING_LIMITS.zipEntries) {
      const limit = READING_LIMITS.zipEntries.toLocaleString('en');
      throw new UnreadableDocumentError(`Word document with more than ${limit} parts in its zip (the limit for one document)`);
    }
    const entries = new Map<string, ZipEntry>();
    let at = offset;
    for (let i = 0; i < count; i += 1) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) throw damaged('its central directory');
      const nameLength = bytes.readUInt16LE(at + 28);
      const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
      if (!entries.has(name)) {
        entries.set(name, {
          flags: bytes.readUInt16LE(at + 8),
          method: bytes.readUInt16LE(at + 10),
          compressedSize: bytes.readUInt32LE(at + 20),
          localHeader: bytes.readUInt32LE(at + 42),
        });
      }
      at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
    return new WordArchive(bytes, entries);
  }

  /** Whether the zip holds a part of that name. */
  exists(name: string): boolean {
    return this.entries.has(name);
  }

  /**
   * A part's bytes (or its text, in `encoding`). Throws UnreadableDocumentError when the parts read so far
   * would inflate past `READING_LIMITS.wordXmlBytes`: inflating stops there.
   */
  async read(name: string, encoding?: string): Promise<Uint8Array | string> {
    const entry = this.entries.get(name);
    if (!entry) throw damaged(`a missing part ${name}`);
    const bytes = await this.inflate(entry, name);
    if (encoding === undefined) return bytes;
    return encoding === 'base64' ? bytes.toString('base64') : new TextDecoder(encoding).decode(bytes);
  }

  private async inflate(entry: ZipEntry, name: string): Promise<Buffer> {
    if (entry.flags & 1) throw new UnreadableDocumentError('not a readable Word document (encrypted)');
    const at = entry.localHeader;
    if (at + 30 > this.bytes.length || this.bytes.readUInt32LE(at) !== LOCAL_HEADER) throw damaged(name);
    const start = at + 30 + this.bytes.readUInt16LE(at + 26) + this.bytes.readUInt16LE(at + 28);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    if (data.length !== entry.compressedSize) throw damaged(name);
    const room = READING_LIMITS.wordXmlBytes - this.inflated;
    let part: Buffer | null;
    if (entry.method === STORED) part = data.length <= room ? data : null;
    else if (entry.method === DEFLATED) part = await inflateAtMost(data, room).catch(() => Promise.reject(damaged(name)));
    else throw new UnreadableDocumentError(`not a readable Word document (compression method ${entry.method})`);
    if (part === null) {
      throw new UnreadableDocumentError(
        `Word document whose text unpacks to more than ${mebibytes(READING_LIMITS.wordXmlBytes)} (the limit for one document)`,
      );
    }
    this.inflated += part.length;
    return part;
  }
}

/** The offset of the zip's end-of-central-directory record (in its last 64 KB), or -1. */
function findEndOfDirectory(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

/**
 * `data` inflated, or null as soon as it would be more than `limit` bytes: the stream is destroyed at that
 * chunk, so no more than the limit (and one chunk) is ever held.
 */
async function inflateAtMost(data: Buffer, limit: number): Promise<Buffer | null> {
  const inflater = createInflateRaw();
  inflater.end(data);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of inflater as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) {
      inflater.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

function damaged(where: string): UnreadableDocumentError {
  return new UnreadableDocumentError(`not a readable Word document (damaged zip: ${where})`);
}
