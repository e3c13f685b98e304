import { runStepsInSlices, type Steps } from '../slices.ts';
import { buildDocument, type SegmentOptions } from './buildDocument.ts';
import { type CorpusFile, type ListOptions, readCorpusFiles } from './readCorpusFiles.ts';
import type { CorpusDocument, CorpusWarning, DocumentInput } from './types.ts';

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
   * Longest stretch of synchronous work before yielding to the event loop, in ms: small enough that a bot
   * keeps answering and its gateway heartbeats go out while a large corpus is (re)built. Default 20.
   */
  sliceMs?: number;
}

export const DEFAULT_SLICE_MS = 20;

/** Documents of an earlier load of the same folder with the same options, by id. */
export type PreviousDocuments = ReadonlyMap<string, CorpusDocument>;

/**
 * Reads a corpus folder into cleaned documents, in slices of at most `sliceMs` of synchronous work; files
 * that cannot be served become warnings. Throws CorpusError when the folder cannot be read at all.
 * A file whose path and text equal a `previous` document's is not analyzed again: that document is reused,
 * so a reload after editing one file of thousands costs reading them, not analyzing them.
 */
export async function loadCorpus(
  dir: string,
  options: SegmentOptions & ListOptions & BuildReporting & { previous?: PreviousDocuments },
): Promise<{ documents: CorpusDocument[]; warnings: CorpusWarning[] }> {
  const report = options.onBuildProgress;
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const warnings: CorpusWarning[] = [];
  let lastReport = 0;
  const files = await readCorpusFiles(
    dir,
    options,
    (warning) => {
      warnings.push(warning);
      options.onWarning?.(warning);
    },
    (progress) => {
      // Reading reports per file; throttle so a 100k-file corpus does not report 100k times.
      const now = performance.now();
      if (now - lastReport < 100 && progress.files < progress.totalFiles) return;
      lastReport = now;
      report?.({ phase: 'reading', ...progress, totalBytes: progress.bytes });
    },
  );
  const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0);
  const documents = await runStepsInSlices(analyzeSteps(files, totalBytes, options), sliceMs, report);
  report?.({ phase: 'analyzing', files: files.length, totalFiles: files.length, bytes: totalBytes, totalBytes });
  return { documents, warnings };
}

/** Cleans each file into a document, reusing an unchanged previous one; pauses after each file. */
function* analyzeSteps(
  files: readonly CorpusFile[],
  totalBytes: number,
  options: SegmentOptions & { previous?: PreviousDocuments },
): Steps<CorpusDocument[], BuildProgress> {
  const totalFiles = files.length;
  const documents: CorpusDocument[] = [];
  let bytes = 0;
  for (const file of files) {
    const previous = options.previous?.get(file.id);
    const unchanged = previous !== undefined && previous.path === file.path && previous.text === file.text;
    documents.push(unchanged ? previous : buildDocument(file.id, file.path, file.text, options));
    bytes += file.bytes;
    yield { phase: 'analyzing', files: documents.length, totalFiles, bytes, totalBytes };
  }
  return documents;
}

/** Builds documents from in-memory text (tests, library users with their own storage). */
export function documentsFromInputs(inputs: readonly DocumentInput[], options: SegmentOptions): CorpusDocument[] {
  const seen = new Set<string>();
  return inputs.map((input) => {
    if (seen.has(input.id)) throw new Error(`corpus-qa: duplicate document id ${input.id}`);
    seen.add(input.id);
    return buildDocument(input.id, input.path ?? `${input.id}.txt`, input.text, options);
  });
}
