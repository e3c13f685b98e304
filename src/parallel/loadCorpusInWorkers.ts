import { join } from 'node:path';
import type { SegmentOptions } from '../corpus/buildDocument.ts';
import type { CorpusDocument, CorpusWarning } from '../corpus/corpusDocument.ts';
import { corpusPath } from '../corpus/documentIds.ts';
import type { FileStamp } from '../corpus/fileStamps.ts';
import type { CorpusListing, ListOptions, StampedEntry } from '../corpus/listCorpusFiles.ts';
import {
  type BuildReporting,
  cannotBeAnalyzed,
  DEFAULT_SLICE_MS,
  type LoadedCorpus,
  loadCorpus,
  readingReporter,
} from '../corpus/loadCorpus.ts';
import { type FileSafety, listingOf } from '../corpus/readCorpusFiles.ts';
import { PublishedUrls } from '../corpus/urlManifest.ts';
import type { Mention } from '../entities/entityMentions.ts';
import { firstLineOf } from '../errors.ts';
import { type AnalyzedFile, type AnalyzeTask, withSlicedText } from './analyzeFile.ts';
import { WorkerPool } from './workerPool.ts';

/** Files handed to each worker ahead of the one the build waits for, so no worker idles between files. */
const FILES_AHEAD_PER_WORKER = 4;

/**
 * Files per worker thread at least: starting one (loading the TypeScript loader and the language model)
 * costs about as much as analyzing a few hundred news articles, so a smaller folder is read on this thread.
 */
export const MIN_FILES_PER_WORKER = 100;

/** What `loadCorpusInWorkers` reads: a folder's documents, and the names the workers recognised in them. */
export interface LoadedInWorkers extends LoadedCorpus {
  /** Absent when the folder was too small for workers (`MIN_FILES_PER_WORKER`) and read on this thread. */
  names?: Map<CorpusDocument, Mention[]>;
}

/**
 * `loadCorpus` of a whole folder (no earlier load to reuse) on up to `jobs` worker threads, one per
 * `MIN_FILES_PER_WORKER` files (fewer than two: on this thread, as `loadCorpus`): each file is read,
 * cleaned into a document and its names recognised on a worker (`analyzeFile`), and the results are taken
 * in the folder's order, so documents, warnings, stamps and names are those of a single-threaded build.
 * Progress counts the files every worker has done, as one reading phase.
 */
export async function loadCorpusInWorkers(
  dir: string,
  options: SegmentOptions &
    ListOptions &
    BuildReporting & {
      listing?: CorpusListing;
      jobs: number;
      /** Called with each document in the folder's order as it is taken (to index it while workers go on), and awaited. */
      onDocument?: (document: CorpusDocument) => Promise<void>;
    },
): Promise<LoadedInWorkers> {
  const warnings: CorpusWarning[] = [];
  const warn = (warning: CorpusWarning) => {
    warnings.push(warning);
    options.onWarning?.(warning);
  };
  const listing = await listingOf(dir, options, options.sliceMs ?? DEFAULT_SLICE_MS);
  const { files } = listing;
  const workers = Math.min(options.jobs, Math.floor(files.length / MIN_FILES_PER_WORKER));
  if (workers < 2) {
    const loaded = await loadCorpus(dir, { ...options, listing });
    for (const document of loaded.documents) await options.onDocument?.(document);
    return loaded;
  }
  for (const warning of listing.warnings) warn(warning);
  const pool = new WorkerPool<AnalyzeTask, AnalyzedFile>(new URL('./analyzeWorker.ts', import.meta.url), workers);
  const { maxPassageChars, maxSentenceChars, baseUrl } = options;
  const task = {
    where: { root: listing.root, followLinks: options.followLinks } satisfies FileSafety,
    options: { maxPassageChars, maxSentenceChars, baseUrl },
  };
  const published = new PublishedUrls(dir);
  const report = readingReporter(options.onBuildProgress);
  let done = 0;
  let bytes = 0;
  const analyze = async (entry: StampedEntry): Promise<AnalyzedFile> => {
    const url = await published.urlOf(corpusPath(entry.rel));
    const analyzed = await pool.run({ ...task, entry, url }).catch((error: unknown) => ({ reason: cannotBeAnalyzed(firstLineOf(error)) }));
    done += 1;
    if (!('reason' in analyzed)) bytes += analyzed.bytes;
    report({ files: done, totalFiles: files.length, bytes });
    return analyzed;
  };
  const documents: CorpusDocument[] = [];
  const stamps = new Map<string, FileStamp>();
  const names = new Map<CorpusDocument, Mention[]>();
  const failures: CorpusWarning[] = [];
  let served = 0;
  try {
    const ahead: [StampedEntry, Promise<AnalyzedFile>][] = [];
    let next = 0;
    for (;;) {
      while (next < files.length && ahead.length < pool.size * FILES_AHEAD_PER_WORKER) {
        const entry = files[next++]!;
        options.onFileRead?.(corpusPath(entry.rel));
        ahead.push([entry, analyze(entry)]);
      }
      const first = ahead.shift();
      if (first === undefined) break;
      const [entry, pending] = first;
      const analyzed = await pending;
      const path = corpusPath(entry.rel);
      if ('reason' in analyzed) {
        warn({ path: join(dir, entry.rel), reason: analyzed.reason });
        if (analyzed.stamp) stamps.set(path, analyzed.stamp);
        continue;
      }
      stamps.set(path, analyzed.stamp);
      served += 1;
      if ('failure' in analyzed) {
        failures.push({ path: join(dir, path), reason: cannotBeAnalyzed(analyzed.failure) });
        continue;
      }
      documents.push(withSlicedText(analyzed.document));
      await options.onDocument?.(analyzed.document);
      if (analyzed.mentions) names.set(analyzed.document, analyzed.mentions);
    }
  } finally {
    await pool.close();
  }
  // As in a single-threaded build, files that fail analysis are reported after every file is read.
  for (const failure of failures) warn(failure);
  options.onBuildProgress?.({ phase: 'analyzing', files: served, totalFiles: served, bytes, totalBytes: bytes });
  return { documents, warnings, sources: stamps, names };
}
