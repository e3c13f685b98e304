import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { yieldToEventLoop } from '../slices.ts';

/** Length and checksum of one snapshot part, recorded in the manifest so truncation or corruption shows. */
export interface PartInfo {
  bytes: number;
  sha256: string;
}

/**
 * Writes lines to a file one at a time (never one giant string: V8 strings stop near 512M characters, which
 * a million-passage corpus reaches), and returns the part's length and checksum.
 */
export async function writeLines(path: string, lines: Iterable<string>): Promise<PartInfo> {
  return writeChunks(
    path,
    (function* () {
      for (const line of lines) yield Buffer.from(`${line}\n`, 'utf8');
    })(),
  );
}

/** Writes byte chunks to a file, honouring back-pressure, and returns the part's length and checksum. */
export async function writeChunks(path: string, chunks: Iterable<Uint8Array>): Promise<PartInfo> {
  const out = createWriteStream(path);
  const hash = createHash('sha256');
  let bytes = 0;
  const failed = once(out, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => undefined);
  for (const chunk of chunks) {
    hash.update(chunk);
    bytes += chunk.length;
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return { bytes, sha256: hash.digest('hex') };
}

/** Reads a part, checks it against the manifest, and returns its lines. Throws SnapshotError on any mismatch. */
export async function readLines(path: string, expected: PartInfo): Promise<string[]> {
  const buffer = await readPart(path, expected);
  const lines: string[] = [];
  let start = 0;
  for (let end = buffer.indexOf(10, start); end !== -1; end = buffer.indexOf(10, start)) {
    lines.push(buffer.toString('utf8', start, end));
    start = end + 1;
  }
  return lines;
}

/** Reads a part and checks its length and checksum against the manifest. Throws SnapshotError on any mismatch. */
export async function readPart(path: string, expected: PartInfo): Promise<Buffer> {
  const buffer = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new SnapshotError(`cannot read ${path} (${error.code ?? error.message})`);
  });
  if (buffer.length !== expected.bytes) {
    throw new SnapshotError(`${path} is ${buffer.length} bytes, manifest says ${expected.bytes} (truncated?)`);
  }
  if ((await sha256InSlices(buffer)) !== expected.sha256) {
    throw new SnapshotError(`${path} checksum mismatch (corrupt)`);
  }
  return buffer;
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
