import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AsPlainObject } from 'minisearch';
import type { CorpusDocument, CorpusWarning } from '../corpus/types.ts';
import { Engine } from '../engine.ts';
import { decodeDocument, encodeDocument } from './encode.ts';
import { SNAPSHOT_FORMAT, type CorpusFingerprint } from './fingerprint.ts';
import { readLines, SnapshotError, writeLines, type PartInfo } from './parts.ts';

/**
 * Written last, after both parts: a snapshot folder without a complete manifest is never trusted.
 * `documents.jsonl` holds one document per line; `index.jsonl` holds the minisearch state without its
 * term index, then the passage frequencies, then one term of the index per line.
 */
interface Manifest {
  format: number;
  fingerprint: CorpusFingerprint;
  options: Engine['options'];
  warnings: CorpusWarning[];
  documents: number;
  passages: number;
  parts: { documents: PartInfo; index: PartInfo };
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
    const documents = await writeLines(join(temporary, 'documents.jsonl'), (function* () {
      for (const document of state.documents) yield encodeDocument(document);
    })());
    const { index: terms, ...header } = state.index.search;
    const index = await writeLines(join(temporary, 'index.jsonl'), (function* () {
      yield JSON.stringify(header);
      yield JSON.stringify(state.index.passageFrequency);
      for (const entry of terms) yield JSON.stringify(entry);
    })());
    const passages = state.documents.reduce((sum, document) => sum + document.passages.length, 0);
    const manifest: Manifest = {
      format: SNAPSHOT_FORMAT,
      fingerprint,
      options: state.options,
      warnings: state.warnings,
      documents: state.documents.length,
      passages,
      parts: { documents, index },
      createdAt: new Date().toISOString(),
    };
    await writeFile(join(temporary, MANIFEST), JSON.stringify(manifest));
    await rm(dir, { recursive: true, force: true });
    await rename(temporary, dir);
    return { dir, bytes: documents.bytes + index.bytes, documents: manifest.documents, passages };
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
  if (manifest.fingerprint.hash !== fingerprint.hash) throw new SnapshotError('corpus, engine version or options changed since the snapshot');
  const documentLines = await readLines(join(dir, 'documents.jsonl'), manifest.parts.documents);
  const indexLines = await readLines(join(dir, 'index.jsonl'), manifest.parts.index);
  try {
    const documents = await decodeInSlices(documentLines);
    const [headerLine, frequencyLine, ...termLines] = indexLines;
    if (headerLine === undefined || frequencyLine === undefined) throw new SnapshotError('index part has no header');
    const header = JSON.parse(headerLine) as Omit<AsPlainObject, 'index'>;
    const search: AsPlainObject = { ...header, index: termLines.map((line) => JSON.parse(line) as AsPlainObject['index'][number]) };
    const passageFrequency = JSON.parse(frequencyLine) as [string, number][];
    if (documents.length !== manifest.documents) throw new SnapshotError(`${documents.length} documents, manifest says ${manifest.documents}`);
    return Engine.fromSnapshot({ documents, warnings: manifest.warnings, options: manifest.options, index: { search, passageFrequency } });
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

/** Decodes document lines, yielding to the event loop every ~20 ms so a bot stays responsive while loading. */
async function decodeInSlices(lines: readonly string[]): Promise<CorpusDocument[]> {
  const documents: CorpusDocument[] = [];
  let sliceStart = performance.now();
  for (const line of lines) {
    documents.push(decodeDocument(line));
    if (performance.now() - sliceStart > 20) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return documents;
}
