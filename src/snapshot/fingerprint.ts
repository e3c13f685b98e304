import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../corpus/documentIds.ts';
import { type FileStamp, isUnchanged } from '../corpus/fileStamps.ts';
import type { CorpusListing, ListOptions, StampedEntry } from '../corpus/listCorpusFiles.ts';
import type { SourceStamps } from '../corpus/loadCorpus.ts';
import { readCorpusBytes } from '../corpus/readCorpusFiles.ts';
import type { EngineOptions } from '../options.ts';
import { atPausePoint, DEFAULT_SLICE_MS, pauseEvery, runStepsInSlices, type Steps } from '../slices.ts';

/** Bump when the snapshot layout changes, so old snapshots are rebuilt rather than misread. */
export const SNAPSHOT_FORMAT = 6;

/** What a snapshot was built from; any difference means it must be rebuilt. */
export interface CorpusFingerprint {
  /** sha256 over the files' paths and content hashes, engine version, snapshot format and options. */
  hash: string;
  files: number;
  bytes: number;
}

/** The package version: a new engine may analyze text differently, so its snapshots are not reused. */
export const ENGINE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Fingerprints a corpus by what its files held when they were read (`sources`: each file's SHA-256, or its
 * stamp for a file too large or too odd to be read whole), plus engine version and options. The content,
 * not the modification time: a file rewritten with its old size and time (`cp -p`, `tar`) changes it.
 * Pauses every `sliceMs`.
 */
export function fingerprintOfSources(
  sources: SourceStamps,
  options: EngineOptions,
  sliceMs = DEFAULT_SLICE_MS,
): Promise<CorpusFingerprint> {
  return runStepsInSlices(fingerprintSteps(sources, options), sliceMs);
}

function* fingerprintSteps(sources: SourceStamps, options: EngineOptions): Steps<CorpusFingerprint> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: SNAPSHOT_FORMAT, version: ENGINE_VERSION, options }));
  const paths = [...sources.keys()].sort();
  yield;
  let bytes = 0;
  for (const [i, path] of paths.entries()) {
    const stamp = sources.get(path)!;
    hash.update(`\n${path}\t${stamp.sha256 ?? `stat ${stamp.size} ${stamp.mtimeMs} ${stamp.ctimeMs} ${stamp.ino}`}`);
    bytes += stamp.size;
    if (atPausePoint(i)) yield;
  }
  return { hash: hash.digest('hex'), files: paths.length, bytes };
}

/**
 * The sources of the listed files as they are now, from those recorded when a snapshot was built: a file
 * whose stamp (size, modification and change times, inode) is the recorded one keeps its recorded hash
 * without being read; any other file is read and hashed again (a restore that gives every file a new inode
 * costs reading the corpus once, not analysing it). What `fingerprintOfSources` is then taken of.
 */
export async function currentSources(
  listing: CorpusListing,
  recorded: SourceStamps,
  options: ListOptions,
  sliceMs: number = DEFAULT_SLICE_MS,
): Promise<SourceStamps> {
  const sources = new Map<string, FileStamp>();
  const pause = pauseEvery(sliceMs);
  const toRead: StampedEntry[] = [];
  for (const [i, entry] of listing.files.entries()) {
    const before = recorded.get(corpusPath(entry.rel));
    if (before !== undefined && entry.stamp !== null && isUnchanged(before, entry.stamp)) sources.set(corpusPath(entry.rel), before);
    else toRead.push(entry);
    if (atPausePoint(i)) await pause();
  }
  const where = { root: listing.root, followLinks: options.followLinks };
  // Read a few at a time: one by one, 100k small files took 17 to 26 s, mostly waiting on each round trip.
  for (let start = 0; start < toRead.length; start += READS_IN_FLIGHT) {
    const batch = toRead.slice(start, start + READS_IN_FLIGHT);
    const reads = await Promise.all(batch.map((entry) => readCorpusBytes(entry.real, where)));
    for (const [i, read] of reads.entries()) if (read.stamp) sources.set(corpusPath(batch[i]!.rel), read.stamp);
    await pause();
  }
  return sources;
}

/** Files read at once when hashing them again. */
const READS_IN_FLIGHT = 16;
