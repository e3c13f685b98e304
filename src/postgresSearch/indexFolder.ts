import { resolve } from 'node:path';
import type { CorpusWarning } from '../corpus/corpusDocument.ts';
import { corpusPath } from '../corpus/documentIds.ts';
import type { CorpusListing, StampedEntry } from '../corpus/listCorpusFiles.ts';
import { type BuildReporting, DEFAULT_SLICE_MS, loadCorpus, readingReporter } from '../corpus/loadCorpus.ts';
import { listingOf, type ReadProgress, readCorpusBytes } from '../corpus/readCorpusFiles.ts';
import { type EngineOptionsInput, resolveOptions } from '../options.ts';
import { loadCorpusInWorkers } from '../parallel/loadCorpusInWorkers.ts';
import { openSearchDatabase } from './schema.ts';
import { type IndexWriteReport, type StoredHash, storedHashes, type UnreadDocument, writeSearchIndex } from './writeIndex.ts';

/** Options for indexing a folder into PostgreSQL: engine options, reporting, and worker threads. */
export interface IndexFolderOptions extends EngineOptionsInput, BuildReporting {
  /** Worker threads that read and analyze the files (`FolderOptions.jobs`); 1 reads on this thread. */
  jobs?: number;
}

/** What indexing a folder did: what it wrote, how many files it analyzed (new and changed ones), and the files it skipped. */
export interface IndexFolderReport extends IndexWriteReport {
  analyzed: number;
  warnings: CorpusWarning[];
}

/**
 * Reads the corpus folder `dir` and brings its index in the PostgreSQL database at `url` up to date
 * (`writeSearchIndex`): a file whose content hash is the one stored (with the same options) is neither
 * analyzed nor written; new and changed files are analyzed, their names recognised (by the worker threads,
 * with `jobs`) and written; removed ones are deleted. Returns what it did and the files it skipped.
 */
export async function indexFolderToPostgres(url: string, dir: string, options: IndexFolderOptions = {}): Promise<IndexFolderReport> {
  const resolved = resolveOptions(options);
  const corpus = resolve(dir);
  const pool = await openSearchDatabase(url, 2);
  try {
    const listing = await listingOf(dir, resolved, options.sliceMs ?? DEFAULT_SLICE_MS);
    const stored = await storedHashes(pool, corpus, resolved);
    const { unread, changed } = await sortByHash(listing, stored, resolved.followLinks, readingReporter(options.onBuildProgress));
    const toRead = { ...listing, files: changed };
    const jobs = options.jobs ?? 1;
    const read =
      jobs > 1
        ? await loadCorpusInWorkers(dir, { ...options, ...resolved, listing: toRead, jobs })
        : await loadCorpus(dir, { ...options, ...resolved, listing: toRead });
    // Back in the folder's order, the unread files in their places.
    const byPath = new Map(read.documents.map((document) => [document.path, document]));
    const documents = listing.files.flatMap((entry) => {
      const path = corpusPath(entry.rel);
      const document = byPath.get(path) ?? unread.get(path);
      return document ? [document] : [];
    });
    const report = await writeSearchIndex(pool, corpus, { ...read, documents }, resolved, { onProgress: options.onBuildProgress });
    return { ...report, analyzed: changed.length, warnings: read.warnings };
  } finally {
    await pool.end();
  }
}

/**
 * The listed files whose bytes hash to what the index stores for their path (and id): left unread, by path;
 * and the others, to read and analyze. Hashing reads each file once, which costs far less than analysis.
 */
async function sortByHash(
  listing: CorpusListing,
  stored: ReadonlyMap<string, StoredHash>,
  followLinks: boolean,
  onProgress: (progress: ReadProgress) => void,
): Promise<{ unread: Map<string, UnreadDocument>; changed: StampedEntry[] }> {
  const unread = new Map<string, UnreadDocument>();
  const changed: StampedEntry[] = [];
  let bytes = 0;
  for (const [i, entry] of listing.files.entries()) {
    onProgress({ files: i, totalFiles: listing.files.length, bytes });
    const path = corpusPath(entry.rel);
    const before = stored.get(path);
    if (before?.id === entry.id) {
      const read = await readCorpusBytes(entry.real, { root: listing.root, followLinks });
      // A file that cannot be read is read again with the others, which say why.
      if (!('reason' in read)) {
        bytes += read.buffer.length;
        if (read.stamp.sha256 === before.sha256) {
          unread.set(path, { id: entry.id, path, unread: true });
          continue;
        }
      }
    }
    changed.push(entry);
  }
  return { unread, changed };
}
