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
 * (`'meet':3C,9C 'portug':1A,4C`; weight D is printed bare).
 */
export function termFrequencies(vector: string, wanted: ReadonlySet<string>): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const match of vector.matchAll(/'((?:[^'\\]|''|\\.)*)'(?::([\dA-D,]+))?/g)) {
    const term = match[1]!.replace(/''/g, "'").replace(/\\(.)/g, '$1');
    if (!wanted.has(term)) continue;
    const counts = FIELDS.map(() => 0);
    for (const at of (match[2] ?? '').split(',')) {
      const weight = /[A-D]$/.test(at) ? at.at(-1)! : 'D';
      counts[FIELDS.findIndex((field) => field.weight === weight)]! += 1;
    }
    found.set(term, counts);
  }
  return found;
}
