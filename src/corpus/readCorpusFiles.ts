import { createHash } from 'node:crypto';
import { constants, readlinkSync, realpathSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { firstLineOf } from '../errors.ts';
import { atPausePoint, DEFAULT_SLICE_MS, pauseEvery } from '../slices.ts';
import type { CorpusDocument, CorpusWarning } from './corpusDocument.ts';
import { blankControlCharacters, decodeCorpusBuffer, tooLarge } from './decodeText.ts';
import { corpusPath } from './documentIds.ts';
import { type FileStamp, stampOf } from './fileStamps.ts';
import { DOCUMENT_READERS } from './formats/documentReaders.ts';
import { type ExtractedDocument, UnreadableDocumentError } from './formats/extractedDocument.ts';
import { type CorpusListing, isInside, type ListOptions, listCorpusFiles, OUTSIDE_CORPUS, type StampedEntry } from './listCorpusFiles.ts';
import { READING_LIMITS } from './readingLimits.ts';

/** A corpus file that its format's reader turned into text. */
export interface CorpusFile {
  /** Its document id (see `documentIds`). */
  id: string;
  /** Path relative to the corpus folder, `/`-separated: what citations show. */
  path: string;
  extracted: ExtractedDocument;
  /** Size of the file. */
  bytes: number;
  /** The file's stamp and content hash, taken as its bytes were read. */
  stamp: FileStamp;
}

/** A corpus file that was not read again: the document built from it before is still what it holds. */
export interface KeptFile {
  kept: CorpusDocument;
  bytes: number;
  stamp: FileStamp;
}

/** Progress of reading a corpus folder, reported after each file. */
export interface ReadProgress {
  files: number;
  totalFiles: number;
  bytes: number;
}

/** The files read (or kept), and the stamp of every listed file that could be stat'ed when opened, by path. */
export interface ReadFiles {
  files: (CorpusFile | KeptFile)[];
  /** By path (`/`-separated): served files, files skipped after reading (with their hash) and files too large to read. */
  stamps: Map<string, FileStamp>;
}

/**
 * Reads every corpus file with its format's reader, except those `keep` returns the document of (a file
 * unchanged since that document was built from it). A file that is binary, empty, oversized, unreadable,
 * not UTF-8 or UTF-16, damaged, over a reading limit (`READING_LIMITS`) or not what its extension says, that
 * lies outside the corpus folder when opened (a folder on its path replaced by a link after listing), or
 * that listing leaves out, is skipped and reported through `onWarning`; the rest of the corpus is served.
 * `listing` is the folder already listed.
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
): Promise<ReadFiles> {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const listing = await listingOf(dir, options, sliceMs);
  for (const warning of listing.warnings) onWarning(warning);
  const files: (CorpusFile | KeptFile)[] = [];
  const stamps = new Map<string, FileStamp>();
  const pause = pauseEvery(sliceMs);
  const where: FileSafety = { root: listing.root, followLinks: options.followLinks };
  let bytes = 0;
  for (const [index, entry] of listing.files.entries()) {
    const path = corpusPath(entry.rel);
    const kept = options.keep?.(entry);
    if (kept === undefined) options.onRead?.(path);
    const read = kept ?? (await readDocument(entry, where));
    if ('reason' in read) {
      onWarning({ path: join(dir, entry.rel), reason: read.reason });
      if (read.stamp) stamps.set(path, read.stamp);
    } else {
      files.push('kept' in read ? read : { id: entry.id, path, ...read });
      stamps.set(path, read.stamp);
      bytes += read.bytes;
    }
    onProgress?.({ files: index + 1, totalFiles: listing.files.length, bytes });
    // A kept file costs no I/O: pausing after each of 90k would cost more than keeping them.
    if (kept === undefined || atPausePoint(index)) await pause();
  }
  return { files, stamps };
}

/** `listing`, else the folder listed now (without stamps). */
export async function listingOf(dir: string, options: ListOptions & { listing?: CorpusListing }, sliceMs: number): Promise<CorpusListing> {
  if (options.listing) return options.listing;
  const listed = await listCorpusFiles(dir, options, sliceMs);
  return { ...listed, files: listed.files.map((entry) => ({ ...entry, stamp: null })) };
}

/** Where a corpus file may lie: inside `root`, the corpus folder's real path, unless `followLinks`. */
export interface FileSafety {
  root: string;
  followLinks: boolean;
}

/** Why a file was skipped, and its stamp when it could be taken (with its hash when it was read). */
export interface Skipped {
  reason: string;
  stamp?: FileStamp;
}

/** The file read by its format's reader, or why it is skipped. */
export async function readDocument(
  entry: StampedEntry,
  where: FileSafety,
): Promise<{ extracted: ExtractedDocument; bytes: number; stamp: FileStamp } | Skipped> {
  const read = await readCorpusBytes(entry.real, where);
  if ('reason' in read) return read;
  const { buffer, stamp } = read;
  const skip = (reason: string): Skipped => ({ reason, stamp });
  const reader = DOCUMENT_READERS[extname(entry.rel).toLowerCase()]!;
  try {
    if (reader.input === 'bytes') {
      if (buffer.length === 0) return skip('empty file, skipped');
      return { extracted: blankExtracted(await reader.read(buffer)), bytes: buffer.length, stamp };
    }
    const decoded = decodeCorpusBuffer(buffer);
    if (typeof decoded === 'string') return skip(decoded);
    return { extracted: blankExtracted(reader.read(decoded.text)), bytes: buffer.length, stamp };
  } catch (error) {
    // A reader's own failure on one odd file must never stop the corpus from being served.
    const message = error instanceof UnreadableDocumentError ? error.message : `cannot be read (${firstLineOf(error)})`;
    return skip(`${message}, skipped`);
  }
}

/**
 * What a reader extracted, with control characters blanked in its text and in what citations show (title,
 * author, date, URL, section names): entities such as `&#27;` and a PDF's text layer can make them too.
 * Offsets stay exact, since each control character becomes one space.
 */
function blankExtracted(extracted: ExtractedDocument): ExtractedDocument {
  const blank = (value: string | null) => (value === null ? null : blankControlCharacters(value));
  return {
    ...extracted,
    text: blankControlCharacters(extracted.text),
    title: blank(extracted.title),
    date: blank(extracted.date),
    url: blank(extracted.url),
    author: blank(extracted.author),
    locations: extracted.locations.map((marker) => ({
      ...marker,
      ...(marker.section !== undefined && { section: blankControlCharacters(marker.section) }),
      ...(marker.anchor !== undefined && { anchor: blankControlCharacters(marker.anchor) }),
    })),
  };
}

/**
 * A corpus file's bytes with its stamp and their SHA-256, or why they cannot be served. Opens without
 * blocking (a FIFO put in place of a file after listing would otherwise wait for a writer forever), checks
 * the open file is a regular one, that it lies inside the corpus folder (every folder on its path, not only
 * the last name: one may have been replaced by a link since listing), and its size, before reading a byte.
 */
export async function readCorpusBytes(path: string, where: FileSafety): Promise<{ buffer: Buffer; stamp: FileStamp } | Skipped> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const info = await handle.stat();
    if (!info.isFile()) return { reason: 'not a regular file (a FIFO, socket or device), skipped' };
    if (!where.followLinks) {
      const opened = openedPath(handle.fd, path, info);
      if (opened === null || !isInside(where.root, opened)) return { reason: `opened ${OUTSIDE_CORPUS}` };
    }
    if (info.size > READING_LIMITS.fileBytes) return { reason: tooLarge(), stamp: stampOf(info) };
    const buffer = await handle.readFile();
    return { buffer, stamp: stampOf(info, createHash('sha256').update(buffer).digest('hex')) };
  } catch (error) {
    return { reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'}), skipped` };
  } finally {
    await handle?.close();
  }
}

/**
 * The real path of the file open as `fd`: the kernel's own answer where there is one (Linux), else where
 * `path` leads now, provided it is still the file that was opened (null otherwise).
 */
function openedPath(fd: number, path: string, info: { dev: number; ino: number }): string | null {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    try {
      const real = realpathSync.native(path);
      const now = statSync(real);
      return now.dev === info.dev && now.ino === info.ino ? real : null;
    } catch {
      return null;
    }
  }
}
