import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type CorpusListing, statCorpusFiles } from '../corpus/readCorpusFiles.ts';
import type { EngineOptions } from '../options.ts';
import { DEFAULT_SLICE_MS, runStepsInSlices, type Steps } from '../slices.ts';

/** Bump when the snapshot layout changes, so old snapshots are rebuilt rather than misread. */
export const SNAPSHOT_FORMAT = 4;

/** What a snapshot was built from; any difference means it must be rebuilt. */
export interface CorpusFingerprint {
  /** sha256 over the file list, engine version, snapshot format and options. */
  hash: string;
  files: number;
  bytes: number;
}

/** The package version: a new engine may analyze text differently, so its snapshots are not reused. */
export const ENGINE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Fingerprints a corpus folder by the paths, sizes and modification times of its files (not their content:
 * hashing gigabytes at every start would cost as much as part of a build), plus engine version and options.
 */
export async function corpusFingerprint(dir: string, options: EngineOptions, sliceMs?: number): Promise<CorpusFingerprint> {
  return fingerprintOfListing(await statCorpusFiles(dir, options, sliceMs), options, sliceMs);
}

/** `corpusFingerprint` of a folder already listed and stamped (`statCorpusFiles`), pausing every `sliceMs`. */
export function fingerprintOfListing(
  listing: CorpusListing,
  options: EngineOptions,
  sliceMs = DEFAULT_SLICE_MS,
): Promise<CorpusFingerprint> {
  return runStepsInSlices(fingerprintSteps(listing, options), sliceMs);
}

function* fingerprintSteps(listing: CorpusListing, options: EngineOptions): Steps<CorpusFingerprint> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: SNAPSHOT_FORMAT, version: ENGINE_VERSION, options }));
  let bytes = 0;
  for (const [i, { rel, stamp }] of listing.files.entries()) {
    // A file that vanished between listing and stat still changes the hash, as "missing".
    hash.update(`\n${rel}\t${stamp ? `${stamp.size}\t${stamp.mtimeMs}` : 'missing'}`);
    bytes += stamp?.size ?? 0;
    if (i % 1000 === 999) yield;
  }
  return { hash: hash.digest('hex'), files: listing.files.length, bytes };
}
