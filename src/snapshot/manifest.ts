import { createHash } from 'node:crypto';
import type { CorpusWarning } from '../corpus/corpusDocument.ts';
import type { CorpusFingerprint } from './fingerprint.ts';
import { type PartInfo, SnapshotError } from './parts.ts';

/**
 * What a snapshot folder holds, written last: a folder without a complete manifest is never trusted. The
 * engine options are not read from it: they are part of the fingerprint, which the loading process
 * computes from its own options, so a snapshot built with other options is stale, never served.
 */
export interface Manifest {
  format: number;
  fingerprint: CorpusFingerprint;
  warnings: CorpusWarning[];
  documents: number;
  passages: number;
  /** Every part file by name, with its length and SHA-256. */
  parts: Record<string, PartInfo>;
  /** What the retriever needs besides its parts (counts, byte order). */
  index: Record<string, unknown>;
  createdAt: string;
}

/** The manifest file: the manifest's own SHA-256 next to it, so no byte of it goes unchecked. */
interface ManifestFile {
  sha256: string;
  manifest: Manifest;
}

/** The manifest as file text: `{"sha256": <hash of the manifest's JSON>, "manifest": <that JSON>}`. */
export function encodeManifest(manifest: Manifest): string {
  const json = JSON.stringify(manifest);
  return `{"sha256":"${sha256(json)}","manifest":${json}}\n`;
}

/**
 * The manifest back from `encodeManifest`, checked: its checksum (of the manifest re-serialized as read, so
 * any changed byte shows) and then its whole shape. Throws SnapshotError with a one-line reason.
 */
export function decodeManifest(text: string): Manifest {
  let file: ManifestFile;
  try {
    file = JSON.parse(text) as ManifestFile;
  } catch {
    throw new SnapshotError('manifest is not valid JSON (corrupt)');
  }
  if (!isRecord(file) || typeof file.sha256 !== 'string' || !isRecord(file.manifest))
    throw new SnapshotError('manifest has the wrong shape');
  if (sha256(JSON.stringify(file.manifest)) !== file.sha256) throw new SnapshotError('manifest checksum mismatch (corrupt)');
  const problem = shapeProblem(file.manifest);
  if (problem !== null) throw new SnapshotError(`manifest has the wrong shape (${problem})`);
  return file.manifest;
}

const PART_NAME = /^[a-z][a-z0-9-]*\.[a-z]+$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** What is wrong with a manifest's shape, or null. */
function shapeProblem(m: Record<string, unknown>): string | null {
  if (!isCount(m.format)) return 'format';
  const fingerprint = m.fingerprint;
  if (!isRecord(fingerprint) || typeof fingerprint.hash !== 'string' || !SHA256.test(fingerprint.hash)) return 'fingerprint';
  if (!isCount(fingerprint.files) || !isCount(fingerprint.bytes)) return 'fingerprint';
  if (!Array.isArray(m.warnings) || !m.warnings.every((w) => isRecord(w) && typeof w.path === 'string' && typeof w.reason === 'string')) {
    return 'warnings';
  }
  if (!isCount(m.documents) || !isCount(m.passages)) return 'counts';
  if (!isRecord(m.parts)) return 'parts';
  for (const [name, info] of Object.entries(m.parts)) {
    if (!PART_NAME.test(name) || !isRecord(info) || !isCount(info.bytes) || typeof info.sha256 !== 'string' || !SHA256.test(info.sha256)) {
      return `part ${name}`;
    }
  }
  if (!isRecord(m.index)) return 'index';
  if (typeof m.createdAt !== 'string') return 'createdAt';
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
