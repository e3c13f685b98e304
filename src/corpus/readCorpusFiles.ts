import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { CorpusError } from '../errors.ts';
import type { CorpusWarning } from './types.ts';

/** A corpus file that decoded cleanly. */
export interface CorpusFile {
  /** Relative path without extension, `/`-separated. */
  id: string;
  /** The corpus folder as given, joined with the relative path. */
  path: string;
  text: string;
  bytes: number;
}

/** Progress of reading a corpus folder, reported after each file. */
export interface ReadProgress {
  files: number;
  totalFiles: number;
  bytes: number;
}

const EXTENSIONS = new Set(['.txt', '.md']);
/** Larger files are almost certainly not articles (logs, dumps) and would stall indexing. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Lists the `.txt` and `.md` files under `dir` (recursively, sorted, hidden folders and node_modules skipped).
 * Throws CorpusError when `dir` is not a readable folder.
 */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new CorpusError(`corpus folder not found: ${dir}`);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new CorpusError(`cannot read corpus folder ${dir}: ${error.code ?? error.message}`);
  });
  // Symbolic links count when they point at a file: people link documents in from elsewhere.
  const isFile = async (entry: (typeof entries)[number]) =>
    entry.isFile() || (entry.isSymbolicLink() && ((await stat(join(entry.parentPath, entry.name)).catch(() => null))?.isFile() ?? false));
  const candidates = entries.filter((entry) => EXTENSIONS.has(extname(entry.name).toLowerCase()));
  const files = await Promise.all(candidates.map(async (entry) => ((await isFile(entry)) ? entry : null)));
  return files
    .filter((entry) => entry !== null)
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((rel) => !rel.split(sep).some((part) => part.startsWith('.') || part === 'node_modules'))
    .sort();
}

/**
 * Reads and decodes every corpus file. A binary, empty, oversized, unreadable or non-UTF-8 file is skipped
 * and reported through `onWarning`; the rest of the corpus is served.
 */
export async function readCorpusFiles(
  dir: string,
  onWarning: (warning: CorpusWarning) => void,
  onProgress?: (progress: ReadProgress) => void,
): Promise<CorpusFile[]> {
  const relPaths = await listCorpusFiles(dir);
  const files: CorpusFile[] = [];
  let bytes = 0;
  for (const [index, rel] of relPaths.entries()) {
    const path = join(dir, rel);
    const decoded = await readText(path);
    if (typeof decoded === 'string') {
      onWarning({ path, reason: decoded });
    } else {
      files.push({ id: documentId(rel), path, text: decoded.text, bytes: decoded.bytes });
      bytes += decoded.bytes;
    }
    onProgress?.({ files: index + 1, totalFiles: relPaths.length, bytes });
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

/** The decoded text, or the reason it cannot be served. */
export function decodeCorpusBuffer(buffer: Buffer): { text: string; bytes: number } | string {
  if (buffer.length > MAX_FILE_BYTES) return `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, skipped`;
  if (looksBinary(buffer)) return 'binary file (not text), skipped';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return 'not valid UTF-8 text, skipped (re-save it as UTF-8)';
  }
  if (text.trim() === '') return 'empty file, skipped';
  return { text, bytes: buffer.length };
}

async function readText(path: string): Promise<{ text: string; bytes: number } | string> {
  try {
    return decodeCorpusBuffer(await readFile(path));
  } catch (error) {
    return `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'}), skipped`;
  }
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
