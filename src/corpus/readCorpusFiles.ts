import { constants, type Dirent, type Stats, statSync } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { CorpusError } from '../errors.ts';
import { DEFAULT_SLICE_MS, pauseEvery, runStepsInSlices, type Steps, sortSteps } from '../slices.ts';
import { CORPUS_EXTENSIONS, DOCUMENT_READERS } from './formats/index.ts';
import { type ExtractedDocument, UnreadableDocumentError } from './formats/types.ts';
import type { CorpusDocument, CorpusWarning } from './types.ts';

/** A corpus file that its format's reader turned into text. */
export interface CorpusFile {
  /** Relative path without extension, `/`-separated. */
  id: string;
  /** Path relative to the corpus folder, `/`-separated: what citations show. */
  path: string;
  extracted: ExtractedDocument;
  /** Size of the file. */
  bytes: number;
  /** The file's stamp, taken before its bytes were read. */
  stamp: FileStamp;
}

/** A corpus file that was not read again: the document built from it before is still what it holds. */
export interface KeptFile {
  kept: CorpusDocument;
  bytes: number;
  stamp: FileStamp;
}

/** A file found in the corpus folder, to be read. */
export interface CorpusEntry {
  /** Path relative to the corpus folder, in the platform's form. */
  rel: string;
  /** Where the file really is, links resolved: what is opened. */
  real: string;
}

/**
 * What `stat` says of a file's content: a file whose stamp is the same as when it was read has not been
 * written since (see `isUnchanged`).
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** Set by every write and rename, and unlike the modification time never set back (`touch -d`, an unpacked archive). */
  ctimeMs: number;
  ino: number;
  /** When the stamp was taken, on this process's clock. */
  takenMs: number;
}

/** A listed corpus file and its stamp (null when it could not be stat'ed: it vanished after listing). */
export interface StampedEntry extends CorpusEntry {
  stamp: FileStamp | null;
}

/** The corpus files of a folder with their stamps, and the warnings for what listing left out. */
export interface CorpusListing {
  files: StampedEntry[];
  warnings: CorpusWarning[];
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
 * A file written this close to when its stamp was taken may be written again within the same tick of a
 * coarse file system clock (FAT keeps 2 s, some network file systems 1 s) without its stamp changing: such
 * a stamp is not trusted, and the file is read again next time.
 */
const RACY_MS = 2_000;

/** Whether a file stamped `before` (when it was read) and `now` holds what it held then. */
export function isUnchanged(before: FileStamp, now: FileStamp): boolean {
  return (
    before.size === now.size &&
    before.mtimeMs === now.mtimeMs &&
    before.ctimeMs === now.ctimeMs &&
    before.ino === now.ino &&
    // A later write sets the modification time to the clock's time then: it differs from one this old.
    before.takenMs - before.mtimeMs > RACY_MS
  );
}

function stampOf(info: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): FileStamp {
  return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino, takenMs: Date.now() };
}

/**
 * Lists the corpus files under `dir` (recursively, sorted, hidden folders and node_modules skipped), each
 * with its real path. A link whose target lies outside the folder's real path (unless `followLinks`), a
 * broken link and anything that is not a regular file (a FIFO, a device) are left out, with a warning each:
 * they are never opened. Pauses every `sliceMs`: a 90k-file folder took 3 s to list in one piece. Throws
 * CorpusError when `dir` is not a readable folder.
 */
export async function listCorpusFiles(
  dir: string,
  options: ListOptions,
  sliceMs: number = DEFAULT_SLICE_MS,
): Promise<{ files: CorpusEntry[]; warnings: CorpusWarning[] }> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new CorpusError(`corpus folder not found: ${dir}`);
  const root = await realpath(dir);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new CorpusError(`cannot read corpus folder ${dir}: ${error.code ?? error.message}`);
  });
  const candidates = await runStepsInSlices(candidateSteps(dir, entries), sliceMs);
  const files: CorpusEntry[] = [];
  const warnings: CorpusWarning[] = [];
  const pause = pauseEvery(sliceMs);
  const inRoot = root.endsWith(sep) ? root : `${root}${sep}`;
  for (const [i, { entry, rel }] of candidates.entries()) {
    if (i % 1000 === 999) await pause();
    // readdir does not follow links to folders, so a regular file it lists lies inside the folder.
    if (entry.isFile()) {
      files.push({ rel, real: `${inRoot}${rel}` });
      continue;
    }
    const item = await resolveLink(dir, root, entry, rel, options);
    if ('real' in item) files.push(item);
    else warnings.push(item);
  }
  return { files, warnings };
}

/** The corpus files among `entries` with their paths relative to `dir`, sorted by that path. */
function* candidateSteps(dir: string, entries: readonly Dirent[]): Steps<{ entry: Dirent; rel: string }[]> {
  // Worked out once per folder: `relative` on each of 90k files was most of listing them.
  const folders = new Map<string, string | null>();
  const candidates: { entry: Dirent; rel: string }[] = [];
  for (const [i, entry] of entries.entries()) {
    if (i % 1000 === 999) yield;
    if (entry.name.startsWith('.') || !CORPUS_EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
    let folder = folders.get(entry.parentPath);
    if (folder === undefined) {
      const rel = relative(dir, entry.parentPath);
      folder = rel.split(sep).some((part) => part.startsWith('.') || part === 'node_modules') ? null : rel;
      folders.set(entry.parentPath, folder);
    }
    if (folder !== null) candidates.push({ entry, rel: folder === '' ? entry.name : `${folder}${sep}${entry.name}` });
  }
  return yield* sortSteps(candidates, (a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** What a listed link that is not a regular file stands for: the file it points to, or why it is skipped. */
async function resolveLink(
  dir: string,
  root: string,
  entry: Dirent,
  rel: string,
  options: ListOptions,
): Promise<CorpusEntry | CorpusWarning> {
  const path = join(dir, rel);
  if (!entry.isSymbolicLink()) return { path, reason: 'not a regular file (a FIFO, socket or device), skipped' };
  const real = await realpath(path).catch(() => null);
  if (real === null) return { path, reason: 'broken link, skipped' };
  if (!(await stat(real).catch(() => null))?.isFile()) return { path, reason: 'link to something that is not a regular file, skipped' };
  if (!options.followLinks && !isInside(root, real)) {
    return { path, reason: 'link to a file outside the corpus folder, skipped (--follow-links or CORPUS_FOLLOW_LINKS=1 serves it)' };
  }
  return { rel, real };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep);
}

/**
 * Lists the corpus files (`listCorpusFiles`) and stamps each, pausing every `sliceMs`: what a reload compares
 * with the stamps of the files' last reading, and what the snapshot's fingerprint is made of.
 */
export async function statCorpusFiles(dir: string, options: ListOptions, sliceMs: number = DEFAULT_SLICE_MS): Promise<CorpusListing> {
  const { files, warnings } = await listCorpusFiles(dir, options, sliceMs);
  return { files: await runStepsInSlices(stampSteps(files), sliceMs), warnings };
}

/**
 * Stamps one file per step, with the synchronous `stat`: on a file whose inode is cached it takes
 * microseconds, and the promise of the asynchronous one several times that (91k files: 0.2 to 0.4 s
 * against 2.4 to 3.2 s with 64 in flight).
 */
function* stampSteps(files: readonly CorpusEntry[]): Steps<StampedEntry[]> {
  const stamped: StampedEntry[] = [];
  for (const file of files) {
    let info: Stats | undefined;
    try {
      info = statSync(file.real, { throwIfNoEntry: false });
    } catch {
      // Unreadable now (a folder on its path lost its permissions): stamped as missing, and read again.
    }
    stamped.push({ ...file, stamp: info ? stampOf(info) : null });
    yield;
  }
  return stamped;
}

/**
 * Reads every corpus file with its format's reader, except those `keep` returns the document of (a file
 * unchanged since that document was built from it). A file that is binary, empty, oversized, unreadable,
 * not UTF-8 or UTF-16, damaged or not what its extension says, or that listing leaves out, is skipped and
 * reported through `onWarning`; the rest of the corpus is served. `listing` is the folder already listed.
 */
export async function readCorpusFiles(
  dir: string,
  options: ListOptions & {
    listing?: CorpusListing;
    keep?: (entry: StampedEntry) => KeptFile | undefined;
    /** Called with each file's path (`/`-separated) as it is read. */
    onRead?: (path: string) => void;
    sliceMs?: number;
  },
  onWarning: (warning: CorpusWarning) => void,
  onProgress?: (progress: ReadProgress) => void,
): Promise<(CorpusFile | KeptFile)[]> {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const listing: CorpusListing =
    options.listing ?? (await listCorpusFiles(dir, options, sliceMs).then((listed) => ({ ...listed, files: listed.files.map(unstamped) })));
  const { files: entries, warnings } = listing;
  for (const warning of warnings) onWarning(warning);
  const files: (CorpusFile | KeptFile)[] = [];
  const pause = pauseEvery(sliceMs);
  let bytes = 0;
  for (const [index, entry] of entries.entries()) {
    const kept = options.keep?.(entry);
    if (kept === undefined) options.onRead?.(corpusPath(entry.rel));
    const read = kept ?? (await readDocument(entry));
    if (typeof read === 'string') {
      onWarning({ path: join(dir, entry.rel), reason: read });
    } else {
      files.push('kept' in read ? read : { id: documentId(entry.rel), path: corpusPath(entry.rel), ...read });
      bytes += read.bytes;
    }
    onProgress?.({ files: index + 1, totalFiles: entries.length, bytes });
    // A kept file costs no I/O: pausing after each of 90k would cost more than keeping them.
    if (kept === undefined || index % 1000 === 999) await pause();
  }
  return files;
}

const unstamped = (entry: CorpusEntry): StampedEntry => ({ ...entry, stamp: null });

/** `sub\a.txt` (on Windows) → `sub/a.txt`: the path citations show. */
export function corpusPath(relPath: string): string {
  return sep === '/' ? relPath : relPath.split(sep).join('/');
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
async function readDocument(entry: CorpusEntry): Promise<{ extracted: ExtractedDocument; bytes: number; stamp: FileStamp } | string> {
  const read = await readBytes(entry.real);
  if (typeof read === 'string') return read;
  const { buffer, stamp } = read;
  const reader = DOCUMENT_READERS[extname(entry.rel).toLowerCase()]!;
  try {
    if (reader.input === 'bytes') {
      if (buffer.length === 0) return 'empty file, skipped';
      return { extracted: await reader.read(buffer), bytes: buffer.length, stamp };
    }
    const decoded = decodeCorpusBuffer(buffer);
    if (typeof decoded === 'string') return decoded;
    return { extracted: reader.read(decoded.text), bytes: buffer.length, stamp };
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
 * forever), checks the open file is a regular one and its size before reading a byte of it, and stamps it.
 */
async function readBytes(path: string): Promise<{ buffer: Buffer; stamp: FileStamp } | string> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const info = await handle.stat();
    if (!info.isFile()) return 'not a regular file (a FIFO, socket or device), skipped';
    if (info.size > MAX_FILE_BYTES) return tooLarge;
    return { stamp: stampOf(info), buffer: await handle.readFile() };
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
