import { extname, join } from 'node:path';
import { firstLineOf } from '../errors.ts';
import { DEFAULT_SLICE_MS, runStepsInSlices, type Steps } from '../slices.ts';
import { buildDocument, buildDocumentSteps, type SegmentOptions } from './buildDocument.ts';
import type { CorpusDocument, CorpusWarning, DocumentInput } from './corpusDocument.ts';
import { corpusPath } from './documentIds.ts';
import { type FileStamp, isUnchanged } from './fileStamps.ts';
import { DOCUMENT_READERS } from './formats/documentReaders.ts';
import type { ExtractedDocument } from './formats/extractedDocument.ts';
import { readPlainText } from './formats/plainText.ts';
import { type CorpusListing, type ListOptions, type StampedEntry, statCorpusFiles } from './listCorpusFiles.ts';
import { type CorpusFile, type KeptFile, type ReadProgress, readCorpusFiles } from './readCorpusFiles.ts';
import { withPublishedUrls } from './urlManifest.ts';

/** Where a build is: the phase, files and bytes done out of the totals known so far. */
export interface BuildProgress {
  phase: 'reading' | 'analyzing' | 'indexing' | 'names';
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

/** How long building may hold the event loop, and who hears about progress and skipped files. */
export interface BuildReporting {
  /** Called once per file that cannot be served (unreadable, binary, empty, a link out of the folder); it is skipped. */
  onWarning?: (warning: CorpusWarning) => void;
  /** Called as reading, sentence analysis, indexing and name recognition advance (throttled). */
  onBuildProgress?: (progress: BuildProgress) => void;
  /**
   * Called with the path (relative to the corpus folder, `/`-separated) of each file read from disk: every
   * file in a build, only new and changed ones in a reload.
   */
  onFileRead?: (path: string) => void;
  /**
   * Longest stretch of synchronous work before yielding to the event loop, in ms: small enough that a bot
   * keeps answering and its gateway heartbeats go out while a large corpus is (re)built. Default 20.
   */
  sliceMs?: number;
}

export { DEFAULT_SLICE_MS };

/** Documents of an earlier load of the same folder with the same options, by id. */
export type PreviousDocuments = ReadonlyMap<string, CorpusDocument>;

/**
 * The stamp (and content hash) of each corpus file as it was read, by path (`/`-separated, as in
 * `CorpusDocument.path`): the files the documents are from, and those skipped after being stat'ed.
 */
export type SourceStamps = ReadonlyMap<string, FileStamp>;

/** What an earlier load left to reuse, and the folder already listed. */
export interface Reuse {
  /** Documents of an earlier load of the same folder with the same options. */
  previous?: PreviousDocuments;
  /**
   * The stamps of the files the `previous` documents were read from: a file whose stamp is unchanged is not
   * read again. Without them every file is read, and a `previous` document is reused when its text is.
   */
  sources?: SourceStamps;
  /** The folder listed and stamped just before (`statCorpusFiles`), so it is not listed twice. */
  listing?: CorpusListing;
}

/** Cleaned documents, the files that could not be served, and the stamps of the files read. */
export interface LoadedCorpus {
  documents: CorpusDocument[];
  warnings: CorpusWarning[];
  sources: SourceStamps;
}

/**
 * Reads a corpus folder into cleaned documents, in slices of at most `sliceMs` of synchronous work; files
 * that cannot be served become warnings. Throws CorpusError when the folder cannot be read at all.
 * With `sources`, a file whose stamp (size, modification and change times, inode) is unchanged since its
 * `previous` document was read keeps that document without being read; a file read again whose path and
 * text equal a `previous` document's keeps it too. So a reload after editing one file of thousands costs
 * stamping them and reading one.
 */
export async function loadCorpus(dir: string, options: SegmentOptions & ListOptions & BuildReporting & Reuse): Promise<LoadedCorpus> {
  const report = options.onBuildProgress;
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const warnings: CorpusWarning[] = [];
  const { previous, sources } = options;
  const listing = options.listing ?? (sources ? await statCorpusFiles(dir, options, sliceMs) : undefined);
  const keep = (entry: StampedEntry): KeptFile | undefined => {
    const path = corpusPath(entry.rel);
    const document = previous?.get(entry.id);
    const stamp = sources?.get(path);
    if (document?.path !== path || stamp === undefined || entry.stamp === null || !isUnchanged(stamp, entry.stamp)) return undefined;
    return { kept: document, bytes: stamp.size, stamp };
  };
  const read = await readCorpusFiles(
    dir,
    { ...options, ...(listing && { listing }), keep, sliceMs, ...(options.onFileRead && { onRead: options.onFileRead }) },
    (warning) => {
      warnings.push(warning);
      options.onWarning?.(warning);
    },
    readingReporter(report),
  );
  const files = await withPublishedUrls(dir, read.files);
  const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0);
  const onFailure = (file: CorpusFile, error: unknown) => {
    const warning = { path: join(dir, file.path), reason: cannotBeAnalyzed(firstLineOf(error)) };
    warnings.push(warning);
    options.onWarning?.(warning);
  };
  const documents = await runStepsInSlices(analyzeSteps(files, totalBytes, options, onFailure), sliceMs, report);
  report?.({ phase: 'analyzing', files: files.length, totalFiles: files.length, bytes: totalBytes, totalBytes });
  return { documents, warnings, sources: read.stamps };
}

/** Why a file that was read is skipped all the same: its analysis failed, with `why` (an error's first line). */
export const cannotBeAnalyzed = (why: string): string => `cannot be analyzed (${why}), skipped`;

/**
 * Reading's progress as build progress, at most every 100 ms (and at the end): reading reports per file,
 * and a 100k-file corpus must not report 100k times.
 */
export function readingReporter(report: BuildReporting['onBuildProgress']): (progress: ReadProgress) => void {
  let lastReport = 0;
  return (progress) => {
    const now = performance.now();
    if (now - lastReport < 100 && progress.files < progress.totalFiles) return;
    lastReport = now;
    report?.({ phase: 'reading', ...progress, totalBytes: progress.bytes });
  };
}

/**
 * Cleans each file into a document, reusing an unchanged previous one; pauses after each block of each file.
 * A file whose analysis fails is reported to `onFailure` and left out: one odd file never stops the corpus.
 */
function* analyzeSteps(
  files: readonly (CorpusFile | KeptFile)[],
  totalBytes: number,
  options: SegmentOptions & { previous?: PreviousDocuments },
  onFailure: (file: CorpusFile, error: unknown) => void,
): Steps<CorpusDocument[], BuildProgress> {
  const totalFiles = files.length;
  const documents: CorpusDocument[] = [];
  let bytes = 0;
  for (const file of files) {
    const previous = 'kept' in file ? undefined : options.previous?.get(file.id);
    if ('kept' in file) {
      documents.push(file.kept);
    } else if (previous !== undefined && sameSource(previous, file)) {
      documents.push(previous);
    } else {
      // Stepped through block by block: one long file (a 200-page PDF) still pauses every `sliceMs`.
      try {
        const steps = buildDocumentSteps(file.id, file.path, file.extracted, options);
        let step = steps.next();
        while (!step.done) {
          yield { phase: 'analyzing', files: documents.length, totalFiles, bytes, totalBytes };
          step = steps.next();
        }
        documents.push(step.value);
      } catch (error) {
        onFailure(file, error);
      }
    }
    bytes += file.bytes;
    yield { phase: 'analyzing', files: documents.length, totalFiles, bytes, totalBytes };
  }
  return documents;
}

/** True when a file read again gives what an earlier document was built from: that document can be reused. */
function sameSource(previous: CorpusDocument, file: CorpusFile): boolean {
  const { extracted } = file;
  return (
    previous.path === file.path &&
    previous.text === extracted.text &&
    previous.format === extracted.format &&
    (extracted.title === null || previous.title === extracted.title) &&
    (extracted.date === null || previous.date === extracted.date) &&
    (extracted.url === null || previous.url === extracted.url) &&
    previous.author === extracted.author &&
    JSON.stringify(previous.locations) === JSON.stringify(extracted.locations)
  );
}

/**
 * Builds documents from in-memory text (tests, library users with their own storage). A path whose format
 * is read from text (`DOCUMENT_READERS`: `.md`, `.markdown`, `.html`, `.htm`) has its text read as that
 * format; any other, `.pdf` and `.docx` included, as plain text.
 */
export function documentsFromInputs(inputs: readonly DocumentInput[], options: SegmentOptions): CorpusDocument[] {
  const seen = new Set<string>();
  return inputs.map((input) => {
    if (seen.has(input.id)) throw new Error(`corpus-qa: duplicate document id ${input.id}`);
    seen.add(input.id);
    const path = input.path ?? `${input.id}.txt`;
    return buildDocument(input.id, path, readText(path, input.text), options);
  });
}

function readText(path: string, text: string): ExtractedDocument {
  const reader = DOCUMENT_READERS[extname(path).toLowerCase()];
  return reader?.input === 'text' ? reader.read(text) : readPlainText(text);
}
