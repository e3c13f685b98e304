import { describe, expect, it } from 'vitest';
import { termFrequencies } from '../../src/postgresSearch/passageRows.ts';

// A tsvector as PostgreSQL 15 prints it (`'…'::tsvector::text`): lexemes sorted, a quote doubled, a
// backslash doubled, weight D bare.
const PRINTED = "'a\\\\b':7 'meet':3C,9C 'meet''s':10C 'o''brien':2B,5 'portug':1A,4C 'x':8";

describe('termFrequencies', () => {
  it('counts each wanted term per field (title, prose, headings, code), quotes and backslashes included', () => {
    const found = termFrequencies(PRINTED, new Set(['meet', "o'brien", 'portug', 'x', 'a\\b', 'absent']));
    expect(Object.fromEntries(found)).toEqual({
      meet: [0, 2, 0, 0],
      "o'brien": [0, 0, 1, 1],
      portug: [1, 1, 0, 0],
      x: [0, 0, 0, 1],
      'a\\b': [0, 0, 0, 1],
    });
  });

  it('does not read a term inside a longer lexeme', () => {
    expect(termFrequencies(PRINTED, new Set(['s', 'brien', "meet's"]))).toEqual(new Map([["meet's", [0, 1, 0, 0]]]));
  });
});
