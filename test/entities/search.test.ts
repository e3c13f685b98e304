import { describe, expect, it } from 'vitest';
import { buildEntityIndex } from '../../src/entities/buildEntityIndex.ts';
import { describeEntity } from '../../src/entities/describe.ts';
import { shippedDocuments } from './shippedCorpus.ts';

const documents = shippedDocuments();
const index = buildEntityIndex(documents);
const names = (query: string, limit?: number): string[] => index.search(query, limit).map((entity) => entity.name);

describe('entity autocomplete', () => {
  it('finds names by a prefix of any of their words, the better match first, then the more mentioned', () => {
    expect(names('a', 10)).toEqual([
      'Ali Abbasov',
      'Azerbaijan',
      'Fuad Allahverdiyev',
      'Mohammad Javad Azari Jahromi',
      'AzerTelecom',
      'Africa',
      'Asia',
      'Serjan Abdikarimov',
      'e-Government Agency',
      'Central Asia',
    ]);
    expect(names('abb')).toEqual(['Ali Abbasov']);
    expect(names('kaz')).toEqual(['Kazakhstan', 'Kazakh Embassy']);
    expect(names('azer')).toEqual(['Azerbaijan', 'AzerTelecom']);
    expect(names('ali abb')).toEqual(['Ali Abbasov']);
    expect(names('internet gov')).toEqual(['Internet Governance Forum']);
  });

  it('matches aliases but returns canonical names, a match on the name first', () => {
    expect(names('IGF')).toEqual(['IGF Village', 'Internet Governance Forum']);
    expect(names('A.Abba')).toEqual(['Ali Abbasov']);
    expect(names('portuguese')).toEqual(['Portugal']);
  });

  it('forgives a typing error', () => {
    expect(names('Abasov')).toEqual(['Ali Abbasov']);
    expect(names('Allahverdiev')).toEqual(['Fuad Allahverdiyev']);
  });

  it('lists the most mentioned for an empty query, as many as asked', () => {
    expect(names('')).toHaveLength(index.list().length);
    expect(names('', 25)).toHaveLength(25);
    expect(names('').slice(0, 3)).toEqual(['Azerbaijan', 'Turkey', 'Iran']);
    expect(names('a', 2)).toEqual(['Ali Abbasov', 'Azerbaijan']);
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
