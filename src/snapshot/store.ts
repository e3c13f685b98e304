import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CorpusDocument } from '../corpus/corpusDocument.ts';
import type { FileStamp } from '../corpus/fileStamps.ts';
import type { CorpusListing } from '../corpus/listCorpusFiles.ts';
import { DEFAULT_SLICE_MS, type SourceStamps } from '../corpus/loadCorpus.ts';
import { withCurrentUrls } from '../corpus/urlManifest.ts';
import { Engine } from '../engine.ts';
import { decodeMentionSteps, encodeMentions } from '../entities/snapshot.ts';
import type { EngineOptions } from '../options.ts';
import { miniSearchRetrievers } from '../search/miniSearchRetriever.ts';
import type { RetrieverFactory } from '../search/retriever.ts';
import { atPausePoint, runStepsInSlices, type Steps } from '../slices.ts';
import { decodeDocument, decodeSource, encodeDocument, encodeSource } from './encode.ts';
import { currentSources, fingerprintOfSources, SNAPSHOT_FORMAT } from './fingerprint.ts';
import { decodeManifest, encodeManifest, type Manifest } from './manifest.ts';
import { lineChunks, type PartInfo, readPart, readRegularFile, SnapshotError, splitLines, writeChunks } from './parts.ts';

/**
 * A snapshot folder: `documents.jsonl` (one document per line), `sources.jsonl` (the stamp and content hash
 * of each corpus file as it was read), `mentions.jsonl` (the recognised names by document, when the entity
 * index was built), one `index-<name>.bin` part per part of the retriever's saved state, and
 * `manifest.json`, written last, checksummed itself, with each part's length and checksum.
 */
const MANIFEST = 'manifest.json';
const DOCUMENTS = 'documents.jsonl';
const SOURCES = 'sources.jsonl';
const MENTIONS = 'mentions.jsonl';
const indexPartFile = (name: string) => `index-${name}.bin`;
/** A manifest lists a part per file and a few counts: far below this, whatever the corpus. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** Size of a saved snapshot, for reports and the benchmark. */
export interface SnapshotInfo {
  dir: string;
  bytes: number;
  documents: number;
  passages: number;
}

/**
 * Saves the engine, read from a corpus folder, under `dir` (replacing what was there) by writing a sibling
 * temporary folder and renaming it into place, so a crash mid-write leaves no half snapshot under `dir`. The
 * fingerprint is taken of the files as the engine read them (`fingerprintOfSources`). Parts are written
 * chunk by chunk, pausing for the event loop every `sliceMs`. Fails (and leaves `dir` as it was) when the
 * engine changes while it is being saved.
 */
export async function saveSnapshot(dir: string, engine: Engine, sliceMs: number = DEFAULT_SLICE_MS): Promise<SnapshotInfo> {
  const temporary = `${dir}${TEMPORARY_MARK}${process.pid}-${Date.now()}`;
  await makeFolders(temporary);
  try {
    const state = await engine.toSnapshotInSlices(sliceMs);
    if (!state.sources) throw new Error('corpus-qa: only an engine read from a corpus folder can be saved as a snapshot');
    const fingerprint = await fingerprintOfSources(state.sources, state.options, sliceMs);
    const parts: Record<string, PartInfo> = {};
    const write = async (file: string, chunks: Iterable<Uint8Array>) => {
      parts[file] = await writeChunks(join(temporary, file), chunks, sliceMs);
    };
    await write(DOCUMENTS, lineChunks(mapIterable(state.documents, encodeDocument)));
    await write(SOURCES, lineChunks(mapIterable(state.sources, ([path, stamp]) => encodeSource(path, stamp))));
    if (state.mentions) await write(MENTIONS, lineChunks(encodeMentions(state.mentions)));
    for (const [name, chunks] of Object.entries(state.index.parts)) await write(indexPartFile(name), chunks());
    const passages = state.documents.reduce((sum, document) => sum + document.passages.length, 0);
    const manifest: Manifest = {
      format: SNAPSHOT_FORMAT,
      fingerprint,
      warnings: state.warnings,
      documents: state.documents.length,
      passages,
      parts,
      index: state.index.meta,
      createdAt: new Date().toISOString(),
    };
    await writeFile(join(temporary, MANIFEST), encodeManifest(manifest));
    await rm(dir, { recursive: true, force: true });
    await rename(temporary, dir);
    const bytes = Object.values(parts).reduce((sum, part) => sum + part.bytes, 0);
    return { dir, bytes, documents: manifest.documents, passages };
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Loads the snapshot under `dir` if it was built from the corpus files of `listing` as they are now (their
 * contents: `currentSources` reads again only the files whose stamp differs from the one recorded), with
 * this engine version and `options`, restoring the engine with `options`. Throws SnapshotError (one-line
 * message) when it is missing, stale, truncated, corrupt or inconsistent; the caller rebuilds.
 */
export async function loadSnapshot(
  dir: string,
  listing: CorpusListing,
  options: EngineOptions,
  retrievers: RetrieverFactory = miniSearchRetrievers,
  sliceMs: number = DEFAULT_SLICE_MS,
): Promise<Engine> {
  const manifest = await readManifest(dir);
  if (manifest.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`snapshot format ${manifest.format}, expected ${SNAPSHOT_FORMAT}`);
  for (const part of [DOCUMENTS, SOURCES]) if (manifest.parts[part] === undefined) throw new SnapshotError(`manifest lists no ${part}`);
  const recorded = await readSources(join(dir, SOURCES), manifest.parts[SOURCES]!, sliceMs);
  const sources = await currentSources(listing, recorded, options, sliceMs);
  if ((await fingerprintOfSources(sources, options, sliceMs)).hash !== manifest.fingerprint.hash) {
    throw new SnapshotError('corpus, engine version or options changed since the snapshot');
  }
  const files = new Map<string, Buffer>();
  for (const [file, info] of Object.entries(manifest.parts)) if (file !== SOURCES) files.set(file, await readPart(join(dir, file), info));
  try {
    // A snapshot's documents carry the URLs the manifests gave when it was built; the manifests are not part of its fingerprint.
    const documents = await withCurrentUrls(
      listing.root,
      await runStepsInSlices(decodeDocumentSteps(splitLines(files.get(DOCUMENTS)!)), sliceMs),
    );
    const passages = documents.reduce((sum, document) => sum + document.passages.length, 0);
    if (documents.length !== manifest.documents || passages !== manifest.passages) {
      throw new SnapshotError(
        `${documents.length} documents and ${passages} passages, manifest says ${manifest.documents} and ${manifest.passages}`,
      );
    }
    const stored = {
      meta: manifest.index,
      part: (name: string) => {
        const bytes = files.get(indexPartFile(name));
        if (!bytes) throw new SnapshotError(`manifest lists no ${indexPartFile(name)}`);
        return bytes;
      },
    };
    const retriever = await retrievers.restore(stored, documents, options, sliceMs);
    const mentionLines = files.get(MENTIONS);
    const mentions = mentionLines && (await runStepsInSlices(decodeMentionSteps(splitLines(mentionLines), documents), sliceMs));
    return Engine.restore({
      documents,
      warnings: manifest.warnings,
      options,
      retriever,
      ...(mentions && { mentions }),
      sources,
    });
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(`unreadable snapshot: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * `mkdir -p` that fails with the real reason: Node's recursive mkdir reports ENOENT on a read-only file system
 * (EROFS), which sends a user looking for a missing folder instead of a writable one.
 */
async function makeFolders(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    await makeFolders(parent);
    await mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}

/** Marks a folder being written by `saveSnapshot`: `<dir>.tmp-<pid>-<time>`. */
const TEMPORARY_MARK = '.tmp-';

/**
 * Removes temporary folders that interrupted saves of the snapshot `dir` left behind: those of processes no
 * longer running (another process may be saving right now).
 */
export async function removeLeftoverSaves(dir: string): Promise<string[]> {
  const parent = dirname(dir);
  const prefix = `${basename(dir)}${TEMPORARY_MARK}`;
  const names = await readdir(parent).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const [pid, time] = name.slice(prefix.length).split('-').map(Number) as [number, number];
    // A folder named with this process's id but older than this process was left by an earlier one.
    const ours = pid === process.pid && time >= performance.timeOrigin;
    if (ours || (pid !== process.pid && Number.isSafeInteger(pid) && pid > 0 && isRunning(pid))) continue;
    await rm(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Whether a process with this id is running (one of another user's counts). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, MANIFEST);
  const bytes = await readRegularFile(path, MAX_MANIFEST_BYTES).catch((error: unknown) => {
    if (error instanceof SnapshotError && error.message === `${path} is missing`) throw new SnapshotError('no snapshot yet');
    throw error;
  });
  return decodeManifest(bytes.toString('utf8'));
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Iterable<U> {
  for (const item of items) yield map(item);
}

/** The sources a snapshot recorded, by path; SnapshotError when the part is not what the manifest says. */
async function readSources(path: string, info: PartInfo, sliceMs: number): Promise<SourceStamps> {
  const lines = splitLines(await readPart(path, info));
  try {
    return await runStepsInSlices(decodeSourceSteps(lines), sliceMs);
  } catch (error) {
    throw new SnapshotError(`unreadable snapshot: ${(error as Error).message.split('\n')[0]}`);
  }
}

function* decodeSourceSteps(lines: readonly string[]): Steps<Map<string, FileStamp>> {
  const sources = new Map<string, FileStamp>();
  for (const [i, line] of lines.entries()) {
    const [path, stamp] = decodeSource(line);
    sources.set(path, stamp);
    if (atPausePoint(i)) yield;
  }
  return sources;
}

function* decodeDocumentSteps(lines: readonly string[]): Steps<CorpusDocument[]> {
  const documents: CorpusDocument[] = [];
  for (const line of lines) {
    documents.push(decodeDocument(line));
    yield;
  }
  return documents;
}
