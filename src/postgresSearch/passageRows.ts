import type { CorpusDocument } from '../corpus/corpusDocument.ts';
import { indexedPassage } from '../search/miniSearchRetriever.ts';
import { fieldTokens } from '../search/passageSearch.ts';
import { normalizeTerm } from '../text/terms.ts';

/**
 * The fields a passage is searched by, in the order of `field_lengths` and of the term frequencies, each
 * with its tsvector weight (`postgresRetriever.ts` weighs them by the engine's boosts).
 */
export const FIELDS = [
  { name: 'title', weight: 'A' },
  { name: 'text', weight: 'C' },
  { name: 'headings', weight: 'B' },
  { name: 'code', weight: 'D' },
] as const;

export type FieldName = (typeof FIELDS)[number]['name'];

/** A passage as the search index stores it (one row of `search_passages`). */
export interface PassageRow {
  passage: number;
  headings: readonly string[];
  /** A tsvector literal: each index term with a position per occurrence, weighted by field. */
  terms: string;
  /** Each field's length as minisearch counts it: its distinct words. */
  fieldLengths: number[];
  /** Each field's distinct index terms, by field name. */
  fieldTerms: Record<FieldName, string[]>;
}

/** PostgreSQL keeps at most 256 positions of a lexeme, each below 16,384. */
const MAX_POSITIONS = 255;
const MAX_POSITION = 16_383;

/**
 * A document's passages as rows of the search index, read as the embedded index reads them (the same
 * fields, tokenizer and term pipeline), so that question terms and frequencies agree with it.
 */
export function passageRows(document: CorpusDocument): PassageRow[] {
  return document.passages.map((passage) => {
    const fields = indexedPassage(passage.index, document, passage);
    const positions = new Map<string, string[]>();
    const fieldLengths: number[] = [];
    const fieldTerms = {} as Record<FieldName, string[]>;
    let position = 0;
    for (const { name, weight } of FIELDS) {
      const tokens = fieldTokens(fields[name], name);
      fieldLengths.push(new Set(tokens).size);
      const terms = new Set<string>();
      for (const token of tokens) {
        const term = normalizeTerm(token);
        if (term === null) continue;
        terms.add(term);
        position = Math.min(position + 1, MAX_POSITION);
        const at = positions.get(term) ?? [];
        if (at.length < MAX_POSITIONS) at.push(`${position}${weight}`);
        positions.set(term, at);
      }
      fieldTerms[name] = [...terms];
    }
    return {
      passage: passage.index,
      headings: passage.headings,
      terms: [...positions].map(([term, at]) => `${lexeme(term)}:${at.join(',')}`).join(' '),
      fieldLengths,
      fieldTerms,
    };
  });
}

/** A term quoted as a tsvector or tsquery lexeme. */
export function lexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * How often each of `wanted` occurs in each field of a passage, from its tsvector as PostgreSQL prints it
 * (`'meet':3C,9C 'portug':1A,4C`; weight D is printed bare). Each wanted term is looked up where it is
 * printed rather than every lexeme read: a question reads a few terms of 200 passages of dozens each.
 */
export function termFrequencies(vector: string, wanted: ReadonlySet<string>): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const term of wanted) {
    const at = printedAt(vector, lexeme(term));
    if (at < 0) continue;
    const counts = FIELDS.map(() => 0);
    const end = vector.indexOf(' ', at);
    const positions = vector[at] === ':' ? vector.slice(at + 1, end < 0 ? undefined : end).split(',') : [''];
    for (const position of positions) {
      const weight = /[A-D]$/.test(position) ? position.at(-1)! : 'D';
      counts[FIELDS.findIndex((field) => field.weight === weight)]! += 1;
    }
    found.set(term, counts);
  }
  return found;
}

/**
 * Where the positions of a quoted lexeme start in a printed tsvector (just after the lexeme), or -1. A
 * quote inside a lexeme is printed doubled, so a match that starts the vector or follows a space, and is
 * followed by `:`, a space or the end, is the lexeme itself.
 */
function printedAt(vector: string, quoted: string): number {
  for (let at = vector.indexOf(quoted); at >= 0; at = vector.indexOf(quoted, at + 1)) {
    const after = at + quoted.length;
    if ((at === 0 || vector[at - 1] === ' ') && (after === vector.length || vector[after] === ':' || vector[after] === ' ')) return after;
  }
  return -1;
}
