import { type Dirent, type Stats, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { CorpusError } from '../errors.ts';
import { atPausePoint, DEFAULT_SLICE_MS, pauseEvery, runStepsInSlices, type Steps, sortSteps } from '../slices.ts';
import type { CorpusWarning } from './corpusDocument.ts';
import { documentIdSteps } from './documentIds.ts';
import { type FileStamp, stampOf } from './fileStamps.ts';
import { CORPUS_EXTENSIONS } from './formats/documentReaders.ts';

/** A file found in the corpus folder, to be read. */
export interface CorpusEntry {
  /** Path relative to the corpus folder, in the platform's form. */
  rel: string;
  /** Where the file really is, links resolved: what is opened. */
  real: string;
  /** Its document id (`documentIds`): unique in the listing. */
  id: string;
}

/** A listed corpus file and its stamp (null when it could not be stat'ed: it vanished after listing). */
export interface StampedEntry extends CorpusEntry {
  stamp: FileStamp | null;
}

/** The corpus files of a folder with their stamps, and the warnings for what listing left out. */
export interface CorpusListing {
  /** The corpus folder's real path: no file outside it is served unless `followLinks`. */
  root: string;
  files: StampedEntry[];
  warnings: CorpusWarning[];
}

/** How a corpus folder is listed. */
export interface ListOptions {
  /** Serve files that links inside the folder point to outside it (off: such links are skipped). */
  followLinks: boolean;
}

/** The reason given for a link out of the corpus folder, and for a file found outside it when opened. */
export const OUTSIDE_CORPUS = 'outside the corpus folder, skipped (--follow-links or CORPUS_FOLLOW_LINKS=1 serves it)';

/**
 * Lists the corpus files under `dir` (recursively, sorted, hidden folders and node_modules skipped), each
 * with its real path and document id. A link whose target lies outside the folder's real path (unless
 * `followLinks`), a broken link, anything that is not a regular file (a FIFO, a device) and a folder that
 * cannot be read are left out, with a warning each: they are never opened. Pauses every `sliceMs`: a
 * 90k-file folder took 3 s to list in one piece. Throws CorpusError when `dir` is not a readable folder.
 */
export async function listCorpusFiles(
  dir: string,
  options: ListOptions,
  sliceMs: number = DEFAULT_SLICE_MS,
): Promise<{ root: string; files: CorpusEntry[]; warnings: CorpusWarning[] }> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new CorpusError(`corpus folder not found: ${dir}`);
  const root = await realpath(dir);
  const { found, warnings } = await findCandidates(dir, sliceMs);
  const candidates = await runStepsInSlices(
    sortSteps(found, (a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0)),
    sliceMs,
  );
  const files: Omit<CorpusEntry, 'id'>[] = [];
  const pause = pauseEvery(sliceMs);
  const inRoot = root.endsWith(sep) ? root : `${root}${sep}`;
  for (const [i, { entry, rel }] of candidates.entries()) {
    if (atPausePoint(i)) await pause();
    // readdir does not follow links, so a regular file it lists lies inside the folder (unless a folder on
    // its path is replaced by a link before it is opened: reading checks where the opened file lies).
    if (entry.isFile()) {
      files.push({ rel, real: `${inRoot}${rel}` });
      continue;
    }
    const item = await resolveLink(dir, root, entry, rel, options);
    if ('real' in item) files.push(item);
    else warnings.push(item);
  }
  const ids = await runStepsInSlices(documentIdSteps(files.map((file) => file.rel)), sliceMs);
  warnings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root, files: files.map((file, i) => ({ rel: file.rel, real: file.real, id: ids[i]! })), warnings };
}

/**
 * The corpus files under `dir` with their paths relative to it, folder by folder: a folder that cannot be
 * read is a warning, not the end of the listing (the folder itself excepted: CorpusError).
 */
async function findCandidates(
  dir: string,
  sliceMs: number,
): Promise<{ found: { entry: Dirent; rel: string }[]; warnings: CorpusWarning[] }> {
  const found: { entry: Dirent; rel: string }[] = [];
  const warnings: CorpusWarning[] = [];
  const folders = [''];
  const pause = pauseEvery(sliceMs);
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(folder === '' ? dir : join(dir, folder), { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      if (folder === '') throw new CorpusError(`cannot read corpus folder ${dir}: ${code}`);
      // A folder removed since its parent was listed holds nothing to serve.
      if (code !== 'ENOENT') warnings.push({ path: join(dir, folder), reason: `unreadable folder (${code}), skipped` });
      continue;
    }
    for (const [i, entry] of entries.entries()) {
      if (atPausePoint(i)) await pause();
      if (entry.name.startsWith('.')) continue;
      const rel = folder === '' ? entry.name : `${folder}${sep}${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') folders.push(rel);
      } else if (CORPUS_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
        found.push({ entry, rel });
      }
    }
    await pause();
  }
  return { found, warnings };
}

/** What a listed link that is not a regular file stands for: the file it points to, or why it is skipped. */
async function resolveLink(
  dir: string,
  root: string,
  entry: Dirent,
  rel: string,
  options: ListOptions,
): Promise<Omit<CorpusEntry, 'id'> | CorpusWarning> {
  const path = join(dir, rel);
  if (!entry.isSymbolicLink()) return { path, reason: 'not a regular file (a FIFO, socket or device), skipped' };
  const real = await realpath(path).catch(() => null);
  if (real === null) return { path, reason: 'broken link, skipped' };
  if (!(await stat(real).catch(() => null))?.isFile()) return { path, reason: 'link to something that is not a regular file, skipped' };
  if (!options.followLinks && !isInside(root, real)) return { path, reason: `link to a file ${OUTSIDE_CORPUS}` };
  return { rel, real };
}

/** Whether `path` lies inside the folder `root` (both real paths). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep);
}

/**
 * Lists the corpus files (`listCorpusFiles`) and stamps each, pausing every `sliceMs`: what a reload compares
 * with the stamps of the files' last reading, and what a snapshot's sources are checked against.
 */
export async function statCorpusFiles(dir: string, options: ListOptions, sliceMs: number = DEFAULT_SLICE_MS): Promise<CorpusListing> {
  const { root, files, warnings } = await listCorpusFiles(dir, options, sliceMs);
  return { root, files: await runStepsInSlices(stampSteps(files), sliceMs), warnings };
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
