import { describe, expect, it } from 'vitest';
import { describeEntity } from '../../src/entities/describe.ts';
import { buildEntityIndex } from '../../src/entities/index.ts';
import { shippedDocuments } from './shippedCorpus.ts';

const documents = shippedDocuments();
const index = buildEntityIndex(documents);
const names = (query: string, limit?: number): string[] => index.search(query, limit).map((entity) => entity.name);

describe('entity autocomplete', () => {
  it('ranks name prefixes, then word prefixes, most mentioned first', () => {
    expect(names('a')).toEqual([
      'Azerbaijan',
      'Ali Abbasov',
      'AzerTelecom',
      'Africa',
      'Asia',
      'Mohammad Javad Azari Jahromi',
      'Fuad Allahverdiyev',
      'Central Asia',
      'e-Government Agency',
      'Serjan Abdikarimov',
    ]);
    expect(names('abb')).toEqual(['Ali Abbasov']);
    expect(names('kaz')).toEqual(['Kazakhstan', 'Kazakh Embassy']);
  });

  it('matches aliases but returns canonical names', () => {
    expect(names('IGF')).toEqual(['Internet Governance Forum', 'IGF Village']);
    expect(names('A.Abba')).toEqual(['Ali Abbasov']);
    expect(names('portuguese')).toEqual(['Portugal']);
  });

  it('forgives a typing error', () => {
    expect(names('Abasov')).toEqual(['Ali Abbasov']);
    expect(names('Allahverdiev')).toEqual(['Fuad Allahverdiyev']);
  });

  it('lists the most mentioned for an empty query, at most 25', () => {
    expect(names('')).toHaveLength(25);
    expect(names('').slice(0, 3)).toEqual(['Azerbaijan', 'Turkey', 'Iran']);
    expect(names('', 100)).toHaveLength(25);
    expect(names('a', 2)).toEqual(['Azerbaijan', 'Ali Abbasov']);
    expect(names('a', 0)).toEqual([]);
  });

  it('matches nothing for unknown names, emoji and punctuation', () => {
    expect(names('Zzyzx')).toEqual([]);
    expect(names('🎉')).toEqual([]);
    expect(names('...')).toEqual([]);
  });
});

describe('entity cards for bad input', () => {
  it('returns no card for empty, one-letter, unknown or emoji names', () => {
    for (const name of ['', '   ', 'A', 'Zzyzx', '🎉']) expect(index.card(name), name).toBeUndefined();
  });
});

describe('describeEntity', () => {
  it('answers who someone is with their title and the sentence that gives it', () => {
    const answer = describeEntity(index, 'Paulo Portas');
    expect(answer?.answer).toBe('Minister of State and Foreign Affairs of Portugal');
    expect(answer?.quote).toBe(
      'The Minister of State and Foreign Affairs\u00a0of Portugal Paulo Portas has met with the Minister of Communications and Information Technologies Ali Abbasov in the framework of an official visit of the Portuguese delegation to the Republic of Azerbaijan.',
    );
    const doc = documents.find((candidate) => candidate.id === answer?.source.doc);
    expect(doc?.text.slice(answer!.source.start, answer!.source.end)).toBe(answer?.quote);
  });

  it('answers from a surname or an initial form', () => {
    expect(describeEntity(index, 'Abbasov')?.answer).toBe('Minister of Communications and Information Technologies');
    expect(describeEntity(index, 'Allahverdiyev')?.answer).toBe('Chairman of the Board of Directors at AzerTelecom');
  });

  it('answers what an organization is from what a sentence says it is', () => {
    expect(describeEntity(index, 'Bakcell')?.answer).toBe("the country's first mobile operator and the fastest mobile internet provider");
  });

  it('returns undefined when the corpus never says, or never names it', () => {
    expect(describeEntity(index, 'Portugal')).toBeUndefined();
    expect(describeEntity(index, 'Zzyzx')).toBeUndefined();
    expect(describeEntity(index, '')).toBeUndefined();
  });
});
