import { describe, expect, it } from 'vitest';
import { normalizeTerm, termsOf, tokenize } from '../../src/text/terms.ts';

describe('the term pipeline', () => {
  it('folds possessives, case and curly apostrophes', () => {
    expect(normalizeTerm("Portugal's")).toBe(normalizeTerm('portugal'));
    expect(normalizeTerm('Portugal’s')).toBe(normalizeTerm('PORTUGAL'));
  });

  it('unifies irregular verb forms with their lemma and stems regular ones', () => {
    expect(normalizeTerm('met')).toBe('meet');
    expect(normalizeTerm('meeting')).toBe('meet');
    expect(normalizeTerm('connects')).toBe(normalizeTerm('connecting'));
  });

  it('folds demonyms into their country', () => {
    expect(normalizeTerm('Turkish')).toBe(normalizeTerm('Turkey'));
    expect(normalizeTerm('Portuguese')).toBe(normalizeTerm('Portugal'));
  });

  it('drops stop words and keeps numbers', () => {
    expect(normalizeTerm('the')).toBeNull();
    expect(normalizeTerm('Who')).toBeNull();
    expect(termsOf('Who met the minister in 2021?')).toEqual(['meet', 'minist', '2021']);
  });

  it('folds diacritics so accented and plain spellings match', () => {
    expect(normalizeTerm('Montréal')).toBe(normalizeTerm('Montreal'));
  });

  it('tokenises words, keeping possessives whole and dropping punctuation', () => {
    expect(tokenize("who met Portugal's minister?")).toEqual(['who', 'met', "Portugal's", 'minister']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize('🙂 ?!')).toEqual([]);
  });
});
