import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SLICE_MS } from '../corpus/loadCorpus.ts';
import type { CorpusDocument, CorpusWarning } from '../corpus/types.ts';
import { Engine } from '../engine.ts';
import { decodeMentionSteps, encodeMentions } from '../entities/snapshot.ts';
import { runStepsInSlices, type Steps } from '../slices.ts';
import { decodeDocument, encodeDocument } from './encode.ts';
import { decodePostings, type PostingsShape, postingsChunks, postingsShape } from './encodePostings.ts';
import { type CorpusFingerprint, SNAPSHOT_FORMAT } from './fingerprint.ts';
import { type PartInfo, readLines, readPart, SnapshotError, writeChunks, writeLines } from './parts.ts';

/**
 * Written last, after the parts: a snapshot folder without a complete manifest is never trusted.
 * `documents.jsonl` holds one document per line; `terms.txt` one index term per line (a term's id is its
 * line number); `postings.bin` the index's arrays, cut back apart by `postings`; `mentions.jsonl`, when the
 * entity index was built, the recognised names by document.
 */
interface Manifest {
  format: number;
  fingerprint: CorpusFingerprint;
  options: Engine['options'];
  warnings: CorpusWarning[];
  documents: number;
  passages: number;
  parts: { documents: PartInfo; terms: PartInfo; postings: PartInfo; mentions?: PartInfo };
  postings: PostingsShape;
  createdAt: string;
}

const MANIFEST = 'manifest.json';

/** Size of a saved snapshot, for reports and the benchmark. */
export interface SnapshotInfo {
  dir: string;
  bytes: number;
  documents: number;
  passages: number;
}

/**
 * Saves the engine under `dir` (replacing what was there) by writing a sibling temporary folder and renaming
 * it into place, so a crash mid-write leaves no half snapshot under `dir`.
 */
export async function saveSnapshot(dir: string, engine: Engine, fingerprint: CorpusFingerprint): Promise<SnapshotInfo> {
  const temporary = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(temporary, { recursive: true });
  try {
    const state = engine.toSnapshot();
    const documents = await writeLines(
      join(temporary, 'documents.jsonl'),
      (function* () {
        for (const document of state.documents) yield encodeDocument(document);
      })(),
    );
    const terms = await writeLines(join(temporary, 'terms.txt'), state.index.terms);
    const postings = await writeChunks(join(temporary, 'postings.bin'), postingsChunks(state.index));
    const mentions = state.mentions && (await writeLines(join(temporary, 'mentions.jsonl'), encodeMentions(state.mentions)));
    const passages = state.documents.reduce((sum, document) => sum + document.passages.length, 0);
    const manifest: Manifest = {
      format: SNAPSHOT_FORMAT,
      fingerprint,
      options: state.options,
      warnings: state.warnings,
      documents: state.documents.length,
      passages,
      parts: { documents, terms, postings, ...(mentions && { mentions }) },
      postings: postingsShape(state.index),
      createdAt: new Date().toISOString(),
    };
    await writeFile(join(temporary, MANIFEST), JSON.stringify(manifest));
    await rm(dir, { recursive: true, force: true });
    await rename(temporary, dir);
    const bytes = documents.bytes + terms.bytes + postings.bytes + (mentions?.bytes ?? 0);
    return { dir, bytes, documents: manifest.documents, passages };
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Loads the snapshot under `dir` if it was built from exactly `fingerprint`. Throws SnapshotError (one-line
 * message) when it is missing, stale, truncated or corrupt; the caller rebuilds.
 */
export async function loadSnapshot(dir: string, fingerprint: CorpusFingerprint): Promise<Engine> {
  const manifest = await readManifest(dir);
  if (manifest.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`snapshot format ${manifest.format}, expected ${SNAPSHOT_FORMAT}`);
  if (manifest.fingerprint.hash !== fingerprint.hash)
    throw new SnapshotError('corpus, engine version or options changed since the snapshot');
  const documentLines = await readLines(join(dir, 'documents.jsonl'), manifest.parts.documents);
  const terms = await readLines(join(dir, 'terms.txt'), manifest.parts.terms);
  const postings = await readPart(join(dir, 'postings.bin'), manifest.parts.postings);
  const mentionLines = manifest.parts.mentions && (await readLines(join(dir, 'mentions.jsonl'), manifest.parts.mentions));
  try {
    const fields = decodePostings(postings, manifest.postings);
    if (terms.length !== manifest.postings.terms)
      throw new SnapshotError(`${terms.length} index terms, manifest says ${manifest.postings.terms}`);
    const documents = await runStepsInSlices(decodeDocumentSteps(documentLines), DEFAULT_SLICE_MS);
    if (documents.length !== manifest.documents)
      throw new SnapshotError(`${documents.length} documents, manifest says ${manifest.documents}`);
    const mentions = mentionLines && (await runStepsInSlices(decodeMentionSteps(mentionLines, documents), DEFAULT_SLICE_MS));
    return Engine.fromSnapshot({
      documents,
      warnings: manifest.warnings,
      options: manifest.options,
      index: { terms, fields },
      ...(mentions && { mentions }),
    });
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(`unreadable snapshot: ${(error as Error).message.split('\n')[0]}`);
  }
}

async function readManifest(dir: string): Promise<Manifest> {
  const text = await readFile(join(dir, MANIFEST), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new SnapshotError(error.code === 'ENOENT' ? 'no snapshot yet' : `cannot read manifest (${error.code ?? error.message})`);
  });
  try {
    return JSON.parse(text) as Manifest;
  } catch {
    throw new SnapshotError('manifest is not valid JSON (corrupt)');
  }
}

function* decodeDocumentSteps(lines: readonly string[]): Steps<CorpusDocument[]> {
  const documents: CorpusDocument[] = [];
  for (const line of lines) {
    documents.push(decodeDocument(line));
    yield;
  }
  return documents;
}
