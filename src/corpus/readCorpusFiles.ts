import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { CorpusError } from '../errors.ts';
import { CORPUS_EXTENSIONS, DOCUMENT_READERS } from './formats/index.ts';
import { type ExtractedDocument, UnreadableDocumentError } from './formats/types.ts';
import type { CorpusWarning } from './types.ts';

/** A corpus file that its format's reader turned into text. */
export interface CorpusFile {
  /** Relative path without extension, `/`-separated. */
  id: string;
  /** Path relative to the corpus folder, `/`-separated: what citations show. */
  path: string;
  extracted: ExtractedDocument;
  /** Size of the file. */
  bytes: number;
}

/** A file found in the corpus folder, to be read. */
export interface CorpusEntry {
  /** Path relative to the corpus folder, in the platform's form. */
  rel: string;
  /** Where the file really is, links resolved: what is opened. */
  real: string;
}

/** Progress of reading a corpus folder, reported after each file. */
export interface ReadProgress {
  files: number;
  totalFiles: number;
  bytes: number;
}

/** How a corpus folder is listed. */
export interface ListOptions {
  /** Serve files that links inside the folder point to outside it (off: such links are skipped). */
  followLinks: boolean;
}

/** Larger files are almost certainly not articles (logs, dumps) and would stall indexing. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Lists the corpus files under `dir` (recursively, sorted, hidden folders and node_modules skipped), each
 * with its real path. A link whose target lies outside the folder's real path (unless `followLinks`), a
 * broken link and anything that is not a regular file (a FIFO, a device) are left out, with a warning each:
 * they are never opened. Throws CorpusError when `dir` is not a readable folder.
 */
export async function listCorpusFiles(dir: string, options: ListOptions): Promise<{ files: CorpusEntry[]; warnings: CorpusWarning[] }> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new CorpusError(`corpus folder not found: ${dir}`);
  const root = await realpath(dir);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new CorpusError(`cannot read corpus folder ${dir}: ${error.code ?? error.message}`);
  });
  const candidates = entries
    .filter((entry) => CORPUS_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => ({ entry, rel: relative(dir, join(entry.parentPath, entry.name)) }))
    .filter(({ rel }) => !rel.split(sep).some((part) => part.startsWith('.') || part === 'node_modules'))
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const warnings: CorpusWarning[] = [];
  const resolved = await Promise.all(
    candidates.map(async ({ entry, rel }): Promise<CorpusEntry | CorpusWarning> => {
      const path = join(dir, rel);
      // readdir does not follow links to folders, so a regular file it lists lies inside the folder.
      if (entry.isFile()) return { rel, real: join(root, rel) };
      if (!entry.isSymbolicLink()) return { path, reason: 'not a regular file (a FIFO, socket or device), skipped' };
      const real = await realpath(path).catch(() => null);
      if (real === null) return { path, reason: 'broken link, skipped' };
      if (!(await stat(real).catch(() => null))?.isFile()) return { path, reason: 'link to something that is not a regular file, skipped' };
      if (!options.followLinks && !isInside(root, real)) {
        return { path, reason: 'link to a file outside the corpus folder, skipped (--follow-links or CORPUS_FOLLOW_LINKS=1 serves it)' };
      }
      return { rel, real };
    }),
  );
  const files: CorpusEntry[] = [];
  for (const item of resolved) {
    if ('real' in item) files.push(item);
    else warnings.push(item);
  }
  return { files, warnings };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep);
}

/**
 * Reads every corpus file with its format's reader. A file that is binary, empty, oversized, unreadable,
 * not UTF-8 or UTF-16, damaged or not what its extension says, or that `listCorpusFiles` leaves out, is
 * skipped and reported through `onWarning`; the rest of the corpus is served.
 */
export async function readCorpusFiles(
  dir: string,
  options: ListOptions,
  onWarning: (warning: CorpusWarning) => void,
  onProgress?: (progress: ReadProgress) => void,
): Promise<CorpusFile[]> {
  const { files: entries, warnings } = await listCorpusFiles(dir, options);
  for (const warning of warnings) onWarning(warning);
  const files: CorpusFile[] = [];
  let bytes = 0;
  for (const [index, entry] of entries.entries()) {
    const read = await readDocument(entry);
    if (typeof read === 'string') {
      onWarning({ path: join(dir, entry.rel), reason: read });
    } else {
      files.push({ id: documentId(entry.rel), path: entry.rel.split(sep).join('/'), extracted: read.extracted, bytes: read.bytes });
      bytes += read.bytes;
    }
    onProgress?.({ files: index + 1, totalFiles: entries.length, bytes });
  }
  return files;
}

/** `sub/001_abc.txt` → `sub/001_abc` */
export function documentId(relPath: string): string {
  return relPath
    .slice(0, relPath.length - extname(relPath).length)
    .split(sep)
    .join('/');
}

/**
 * The decoded text, or the reason it cannot be served. UTF-8 (with or without a byte-order mark) and UTF-16
 * with a byte-order mark are read; the mark is kept as U+FEFF, so the text is exactly what
 * `readFileSync(path, 'utf8')` returns for a UTF-8 file and every offset is an index into that string.
 */
export function decodeCorpusBuffer(buffer: Buffer): { text: string; bytes: number } | string {
  if (buffer.length > MAX_FILE_BYTES) return tooLarge;
  const utf16 = utf16Encoding(buffer);
  if (utf16 === 'unmarked') return 'UTF-16 text without a byte-order mark, skipped (re-save it as UTF-8)';
  if (utf16 === null && looksBinary(buffer)) return 'binary file (not text), skipped';
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    return utf16 ? 'damaged UTF-16 text, skipped (re-save it as UTF-8)' : 'not valid UTF-8 text, skipped (re-save it as UTF-8)';
  }
  if (text.replace(/^\ufeff/, '').trim() === '') return 'empty file, skipped';
  return { text, bytes: buffer.length };
}

const tooLarge = `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, skipped`;

/** The file read by its format's reader, or the reason it cannot be served. */
async function readDocument(entry: CorpusEntry): Promise<{ extracted: ExtractedDocument; bytes: number } | string> {
  const buffer = await readBytes(entry.real);
  if (typeof buffer === 'string') return buffer;
  const reader = DOCUMENT_READERS[extname(entry.rel).toLowerCase()]!;
  try {
    if (reader.input === 'bytes') {
      if (buffer.length === 0) return 'empty file, skipped';
      return { extracted: await reader.read(buffer), bytes: buffer.length };
    }
    const decoded = decodeCorpusBuffer(buffer);
    if (typeof decoded === 'string') return decoded;
    return { extracted: reader.read(decoded.text), bytes: buffer.length };
  } catch (error) {
    // A reader's own failure on one odd file must never stop the corpus from being served.
    const message = error instanceof UnreadableDocumentError ? error.message : `cannot be read (${firstLine(error)})`;
    return `${message}, skipped`;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'error';
}

/**
 * Opens without blocking (a FIFO put in place of a file after listing would otherwise wait for a writer
 * forever), checks the open file is a regular one and its size before reading a byte of it.
 */
async function readBytes(path: string): Promise<Buffer | string> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const info = await handle.stat();
    if (!info.isFile()) return 'not a regular file (a FIFO, socket or device), skipped';
    if (info.size > MAX_FILE_BYTES) return tooLarge;
    return await handle.readFile();
  } catch (error) {
    return `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'}), skipped`;
  } finally {
    await handle?.close();
  }
}

/** 'utf-16le' or 'utf-16be' for a marked UTF-16 file, 'unmarked' when it looks like UTF-16 without a mark. */
function utf16Encoding(buffer: Buffer): 'utf-16le' | 'utf-16be' | 'unmarked' | null {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be';
  // ASCII text in UTF-16: every other byte is zero, on one side only.
  const sample = buffer.subarray(0, 8192 - (Math.min(buffer.length, 8192) % 2));
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros += 1;
    if (sample[i + 1] === 0) oddZeros += 1;
  }
  const pairs = sample.length / 2;
  const lopsided = (zeros: number, others: number) => zeros >= pairs * 0.6 && others <= pairs * 0.05;
  return lopsided(evenZeros, oddZeros) || lopsided(oddZeros, evenZeros) ? 'unmarked' : null;
}

function looksBinary(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control += 1;
  }
  return control > sample.length * 0.1;
}
