import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CorpusWarning } from '../corpus/corpusDocument.ts';
import { PhraseBridge } from './phraseBridge.ts';

/** The glossary's file names in the corpus folder, the first found read. */
export const GLOSSARY_FILES = ['glossary.yaml', 'glossary.yml'] as const;
/** What a match on the glossary's word for a member's words counts for, against 1 for the question's own. */
export const GLOSSARY_WEIGHT = 0.8;
/** A glossary larger than this is not read: it is a glossary, not a corpus. */
const MAX_GLOSSARY_BYTES = 1024 * 1024;

/** One entry: the documentation's word, and the words members use for it. */
export interface GlossaryEntry {
  term: string;
  says: readonly string[];
}

/**
 * The owner's glossary: for each word the documentation uses, the words members use instead
 * (`ephemeral: [hidden, only visible to me]`). A question that says a member's words ("only visible to
 * me") is searched for the documentation's word too, weighed at `GLOSSARY_WEIGHT`.
 *
 * @example
 * const glossary = new Glossary([{ term: 'guild', says: ['server'] }]);
 * glossary.relatedTerms(['ban', 'server']) // → [{ term: 'guild', of: 'server', weight: 0.8, source: 'glossary' }]
 */
export class Glossary extends PhraseBridge {
  static readonly empty = new Glossary([]);

  constructor(readonly entries: readonly GlossaryEntry[]) {
    super(
      entries.flatMap((entry) => entry.says.map((said) => ({ said, means: entry.term }))),
      { weight: GLOSSARY_WEIGHT, source: 'glossary' },
    );
  }

  get size(): number {
    return this.entries.length;
  }
}

/**
 * Reads the glossary of a corpus folder (`glossary.yaml`), if it has one: a mapping from the
 * documentation's words to a member's word or a list of them. What cannot be read is a warning, never an
 * error: the corpus is served without it, or without the entries that are not words.
 */
export async function readGlossary(dir: string): Promise<{ glossary: Glossary; warnings: CorpusWarning[] }> {
  for (const name of GLOSSARY_FILES) {
    let text: string;
    try {
      const bytes = await readFile(join(dir, name));
      if (bytes.length > MAX_GLOSSARY_BYTES) return refused(name, `larger than ${MAX_GLOSSARY_BYTES / 1024 / 1024} MB, not read`);
      text = bytes.toString('utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return refused(name, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    return parseGlossary(text, name);
  }
  return { glossary: Glossary.empty, warnings: [] };
}

/** A glossary from its YAML text; entries that are not words are left out with one warning each. */
export function parseGlossary(text: string, path: string): { glossary: Glossary; warnings: CorpusWarning[] } {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    return refused(path, `is not valid YAML (${(error as Error).message.split('\n')[0]}); the corpus is served without it`);
  }
  if (data === null || data === undefined) return { glossary: Glossary.empty, warnings: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return refused(path, 'must map each documentation word to the words members use (term: [word, word]); not read');
  }
  const entries: GlossaryEntry[] = [];
  const warnings: CorpusWarning[] = [];
  for (const [term, value] of Object.entries(data as Record<string, unknown>)) {
    const says = (Array.isArray(value) ? value : [value]).filter(
      (said): said is string | number => typeof said === 'string' || typeof said === 'number',
    );
    if (says.length === 0 || says.length !== (Array.isArray(value) ? value.length : 1)) {
      warnings.push({ path, reason: `entry "${term}" is not a word or a list of words; left out` });
      continue;
    }
    entries.push({ term, says: says.map(String) });
  }
  return { glossary: new Glossary(entries), warnings };
}

function refused(path: string, reason: string): { glossary: Glossary; warnings: CorpusWarning[] } {
  return { glossary: Glossary.empty, warnings: [{ path, reason }] };
}
