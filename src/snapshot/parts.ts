import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { constants, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { yieldToEventLoop } from '../slices.ts';

/** Length and checksum of one snapshot part, recorded in the manifest so truncation or corruption shows. */
export interface PartInfo {
  bytes: number;
  sha256: string;
}

/**
 * Writes byte chunks to a file, honouring back-pressure and yielding to the event loop whenever `sliceMs` of
 * producing chunks has passed (the chunks are made as they are read: serializing an index is most of a
 * save). Never one giant string: V8 strings stop near 512M characters, which a million-passage corpus
 * reaches. Returns the part's length and checksum.
 */
export async function writeChunks(path: string, chunks: Iterable<Uint8Array>, sliceMs: number): Promise<PartInfo> {
  const out = createWriteStream(path);
  const hash = createHash('sha256');
  let bytes = 0;
  const failed = once(out, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => undefined);
  try {
    let sliceStart = performance.now();
    for (const chunk of chunks) {
      hash.update(chunk);
      bytes += chunk.length;
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
      if (performance.now() - sliceStart > sliceMs) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
  } catch (error) {
    out.destroy();
    throw error;
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return { bytes, sha256: hash.digest('hex') };
}

/** Lines as UTF-8 chunks, each line ended by a line break. */
export function* lineChunks(lines: Iterable<string>): Iterable<Uint8Array> {
  for (const line of lines) yield Buffer.from(`${line}\n`, 'utf8');
}

/** Reads a part and checks its length and checksum against the manifest. Throws SnapshotError on any mismatch. */
export async function readPart(path: string, expected: PartInfo): Promise<Buffer> {
  const buffer = await readRegularFile(path, expected.bytes);
  if (buffer.length !== expected.bytes) {
    throw new SnapshotError(`${path} is ${buffer.length} bytes, manifest says ${expected.bytes} (truncated?)`);
  }
  if ((await sha256InSlices(buffer)) !== expected.sha256) {
    throw new SnapshotError(`${path} checksum mismatch (corrupt)`);
  }
  return buffer;
}

/**
 * Reads a file of at most `maxBytes`, refusing anything but a regular file: opened without blocking, a FIFO
 * or a device in the snapshot folder is rejected instead of waiting forever for a writer.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
    throw new SnapshotError(error.code === 'ENOENT' ? `${path} is missing` : `cannot read ${path} (${error.code ?? error.message})`);
  });
  try {
    const info = await file.stat();
    if (!info.isFile()) throw new SnapshotError(`${path} is not a regular file`);
    if (info.size > maxBytes) throw new SnapshotError(`${path} is ${info.size} bytes, more than the ${maxBytes} expected`);
    return await file.readFile();
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  } finally {
    await file.close();
  }
}

/** The lines of a UTF-8 buffer, each ended by a line break. */
export function splitLines(buffer: Buffer): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let end = buffer.indexOf(10, start); end !== -1; end = buffer.indexOf(10, start)) {
    lines.push(buffer.toString('utf8', start, end));
    start = end + 1;
  }
  return lines;
}

/** Bytes hashed between yields to the event loop: hashing a 100 MB part in one call held it for 300 ms. */
const HASH_CHUNK_BYTES = 4 * 1024 * 1024;

async function sha256InSlices(buffer: Buffer): Promise<string> {
  const hash = createHash('sha256');
  for (let start = 0; start < buffer.length; start += HASH_CHUNK_BYTES) {
    hash.update(buffer.subarray(start, start + HASH_CHUNK_BYTES));
    await yieldToEventLoop();
  }
  return hash.digest('hex');
}

/** A snapshot that cannot be served: missing, stale, truncated or corrupt. The message is one line. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}
