import type { CorpusDocument } from '../corpus/corpusDocument.ts';
import { PhraseBridge } from './phraseBridge.ts';

/** What a match on a name the corpus itself gives a thing counts for, against 1 for the question's own word. */
export const GIVEN_NAME_WEIGHT = 0.5;

/**
 * The names the corpus gives one thing ("command line interface" = "CLI", a page's front matter aliases;
 * `CorpusDocument.aliases`), each standing for the other: a question may say either.
 */
export function givenNames(documents: readonly CorpusDocument[]): PhraseBridge {
  const pairs = documents.flatMap((document) =>
    document.aliases.flatMap(([a, b]) => [
      { said: a, means: b },
      { said: b, means: a },
    ]),
  );
  return new PhraseBridge(pairs, { weight: GIVEN_NAME_WEIGHT, source: 'corpus' });
}
