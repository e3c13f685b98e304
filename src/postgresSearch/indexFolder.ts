import { resolve } from 'node:path';
import type { CorpusWarning } from '../corpus/corpusDocument.ts';
import { type BuildReporting, loadCorpus } from '../corpus/loadCorpus.ts';
import { type EngineOptionsInput, resolveOptions } from '../options.ts';
import { loadCorpusInWorkers } from '../parallel/loadCorpusInWorkers.ts';
import { openSearchDatabase } from './schema.ts';
import { type IndexWriteReport, writeSearchIndex } from './writeIndex.ts';

/** Options for indexing a folder into PostgreSQL: engine options, reporting, and worker threads. */
export interface IndexFolderOptions extends EngineOptionsInput, BuildReporting {
  /** Worker threads that read and analyze the files (`FolderOptions.jobs`); 1 reads on this thread. */
  jobs?: number;
}

/**
 * Reads the corpus folder `dir` and brings its index in the PostgreSQL database at `url` up to date
 * (`writeSearchIndex`): unchanged files are left, changed ones replaced, removed ones deleted. Returns what
 * it did and the files it skipped.
 */
export async function indexFolderToPostgres(
  url: string,
  dir: string,
  options: IndexFolderOptions = {},
): Promise<IndexWriteReport & { warnings: CorpusWarning[] }> {
  const resolved = resolveOptions(options);
  const pool = await openSearchDatabase(url, 2);
  try {
    const jobs = options.jobs ?? 1;
    const read =
      jobs > 1 ? await loadCorpusInWorkers(dir, { ...options, ...resolved, jobs }) : await loadCorpus(dir, { ...options, ...resolved });
    const report = await writeSearchIndex(pool, resolve(dir), read, resolved, { onProgress: options.onBuildProgress });
    return { ...report, warnings: read.warnings };
  } finally {
    await pool.end();
  }
}
