import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusDocument } from '../../src/corpus/corpusDocument.ts';
import { documentsFromInputs } from '../../src/corpus/loadCorpus.ts';
import { resolveOptions } from '../../src/options.ts';

/** The four shipped articles, read the way the engine reads them. */
export function shippedDocuments(): CorpusDocument[] {
  const dir = join(import.meta.dirname, '../../corpus');
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort();
  return documentsFromInputs(
    files.map((file) => ({ id: file.replace(/\.txt$/, ''), path: `corpus/${file}`, text: readFileSync(join(dir, file), 'utf8') })),
    resolveOptions({}),
  );
}
