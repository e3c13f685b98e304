import { buildDocument } from '../corpus/buildDocument.ts';
import { readCorpusFiles } from '../corpus/readCorpusFiles.ts';
import type { CorpusDocument, CorpusWarning } from '../corpus/types.ts';
import { Engine } from '../engine.ts';
import { resolveOptions, type EngineOptionsInput } from '../options.ts';
import { PassageIndex } from '../search/passageIndex.ts';
import { pickEngineOptions } from './fingerprint.ts';

/** Where a build is: the phase, files and bytes done out of the totals known so far. */
export interface BuildProgress {
  phase: 'reading' | 'analysing' | 'indexing';
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

export interface SlicedBuildOptions extends EngineOptionsInput {
  onWarning?: (warning: CorpusWarning) => void;
  onBuildProgress?: (progress: BuildProgress) => void;
  /**
   * Longest stretch of synchronous work before yielding to the event loop, in ms. Small enough that a bot
   * keeps answering and its gateway heartbeats go out while a large corpus is (re)built. Default 20.
   */
  sliceMs?: number;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Builds the engine like `Engine.fromFolder`, but in slices of at most `sliceMs` of synchronous work (reading
 * is already asynchronous; sentence analysis and indexing are not), reporting progress after each slice.
 * Same documents, same order, same index as `Engine.fromFolder`.
 */
export async function buildEngineInSlices(corpusDir: string, options: SlicedBuildOptions = {}): Promise<Engine> {
  const resolved = pickEngineOptions(resolveOptions(options));
  const sliceMs = options.sliceMs ?? 20;
  const report = options.onBuildProgress;
  const warnings: CorpusWarning[] = [];
  let lastReport = 0;
  const files = await readCorpusFiles(
    corpusDir,
    (warning) => {
      warnings.push(warning);
      options.onWarning?.(warning);
    },
    (progress) => {
      // Reading reports per file; throttle so a 100k-file corpus does not print 100k times.
      const now = performance.now();
      if (now - lastReport < 100 && progress.files < progress.totalFiles) return;
      lastReport = now;
      report?.({ phase: 'reading', ...progress, totalBytes: progress.bytes });
    },
  );
  const totalFiles = files.length;
  const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0);

  const documents: CorpusDocument[] = [];
  let bytes = 0;
  let sliceStart = performance.now();
  for (const file of files) {
    documents.push(buildDocument(file.id, file.path, file.text, resolved));
    bytes += file.bytes;
    if (performance.now() - sliceStart > sliceMs) {
      report?.({ phase: 'analysing', files: documents.length, totalFiles, bytes, totalBytes });
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  report?.({ phase: 'analysing', files: totalFiles, totalFiles, bytes: totalBytes, totalBytes });

  // One document per call, checking the clock after each: addDocuments appends, so the result equals one
  // big call, and a slice never runs much longer than `sliceMs` (fixed-size batches ran 150-350 ms here).
  const index = new PassageIndex(resolved);
  bytes = 0;
  sliceStart = performance.now();
  for (const [position, document] of documents.entries()) {
    index.addDocuments([document]);
    bytes += files[position]!.bytes;
    if (performance.now() - sliceStart > sliceMs) {
      report?.({ phase: 'indexing', files: position + 1, totalFiles, bytes, totalBytes });
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  report?.({ phase: 'indexing', files: totalFiles, totalFiles, bytes: totalBytes, totalBytes });
  return Engine.fromParts(documents, warnings, resolved, index);
}
