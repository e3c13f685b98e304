import { buildDocument, type SegmentOptions } from './buildDocument.ts';
import { readCorpusFiles, type ReadProgress } from './readCorpusFiles.ts';
import type { CorpusDocument, CorpusWarning, DocumentInput } from './types.ts';

export interface LoadCorpusOptions extends SegmentOptions {
  onWarning?: (warning: CorpusWarning) => void;
  onProgress?: (progress: ReadProgress) => void;
}

/** Reads a corpus folder into cleaned documents; files that cannot be served become warnings. */
export async function loadCorpus(
  dir: string,
  options: LoadCorpusOptions,
): Promise<{ documents: CorpusDocument[]; warnings: CorpusWarning[] }> {
  const warnings: CorpusWarning[] = [];
  const files = await readCorpusFiles(
    dir,
    (warning) => {
      warnings.push(warning);
      options.onWarning?.(warning);
    },
    options.onProgress,
  );
  const documents = files.map((file) => buildDocument(file.id, file.path, file.text, options));
  return { documents, warnings };
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
