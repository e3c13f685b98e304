import { describe, expect, it } from 'vitest';
import { recognizeNames } from '../../src/entities/recognizeNames.ts';

const names = (text: string): string[] => recognizeNames(text).map((name) => `${name.text}/${name.type}`);

describe('recognizeNames', () => {
  it('keeps titles out of person names and finds the country inside a title', () => {
    expect(
      names(
        'The Minister of State and Foreign Affairs of Portugal Paulo Portas has met with the Minister of Communications and Information Technologies Ali Abbasov',
      ),
    ).toEqual(['Portugal/place', 'Paulo Portas/person', 'Ali Abbasov/person']);
  });

  it('returns the title written before a person as its role', () => {
    const [, portas] = recognizeNames('The Minister of State and Foreign Affairs of Portugal Paulo Portas has met with him.');
    expect(portas?.role?.text).toBe('Minister of State and Foreign Affairs of Portugal');
  });

  it('reads initials, honorifics, company names and regions', () => {
    expect(names('During the meeting A.Abbasov and P.Portas also exchanged their opinions.')).toEqual([
      'A.Abbasov/person',
      'P.Portas/person',
    ]);
    expect(names('It should be noted that Mr. Velizade made a speech.')).toEqual(['Velizade/person']);
    expect(names('AzerTelecom is a telecommunications operator in Azerbaijan.')).toEqual(['AzerTelecom/organization', 'Azerbaijan/place']);
    expect(names('The cable line will meet the needs of Central Asia and surrounding countries.')).toEqual(['Central Asia/place']);
  });

  it('finds organizations by their head word and stops before the country they belong to', () => {
    expect(names('The staff of the Ministry of Communications and High Technologies of the Republic of Azerbaijan attended.')).toEqual([
      'Ministry of Communications and High Technologies/organization',
      'Republic of Azerbaijan/place',
    ]);
    expect(names('He attended the 9th Meeting of Internet Governance Forum in Istanbul, Turkey.')).toEqual([
      'Internet Governance Forum/organization',
      'Istanbul/place',
      'Turkey/place',
    ]);
  });

  it('folds demonyms and alternative names into their country', () => {
    const found = recognizeNames('An official visit of the Portuguese delegation to the Republic of Azerbaijan.');
    expect(found.map((name) => [name.text, name.canonical])).toEqual([
      ['Portuguese', 'Portugal'],
      ['Republic of Azerbaijan', 'Azerbaijan'],
    ]);
  });

  it('rejects sentence-initial capitals and menus of links', () => {
    expect(names('Currently, we are taking necessary measures.')).toEqual([]);
    expect(names('Generally, during the event days the delegation held meetings.')).toEqual([]);
    expect(names('Views: 1752')).toEqual([]);
    expect(names('Follow us on Twitter @AzerNewsAz')).not.toContain('Follow/organization');
    expect(names('Facebook Google Favorites.Live BobrDobr Delicious Twitter Propeller Diigo Yahoo')).toEqual([]);
  });

  it('keeps a sentence-initial surname that is no dictionary word', () => {
    expect(names('Allahverdiyev noted that the project would contribute.')).toEqual(['Allahverdiyev/person']);
  });

  it('gives every item of a list the type of the items typed on evidence', () => {
    expect(names('Hanley; Mayor, Payne, Rhys Jones, Wigglesworth; Hercus, Redpath (capt); Turner, Roddam, Stewart.')).toEqual([
      'Hanley/organization',
      'Payne/person',
      'Rhys Jones/person',
      'Wigglesworth/person',
      'Hercus/person',
      'Redpath/person',
      'Roddam/person',
      'Stewart/person',
    ]);
    expect(names('Laptops were left in cabs in other cities (Helsinki, Oslo, Munich, Paris and Chicago).')).toEqual([
      'Helsinki/place',
      'Oslo/place',
      'Munich/place',
      'Paris/place',
      'Chicago/place',
    ]);
  });

  it('does not take places or companies for people', () => {
    expect(names('It led to gains on the Tel Aviv stock market.')).toEqual(['Tel Aviv/organization']);
    expect(names("Liverpool's new stadium in Stanley Park is set to open.")).toEqual(['Liverpool/organization', 'Stanley Park/place']);
    expect(names('Conservative Michael Howard met American Andy Roddick.')).toEqual([
      'Michael Howard/person',
      'American/place',
      'Andy Roddick/person',
    ]);
  });

  it('returns offsets into the input', () => {
    const text = 'Fuad Allahverdiyev, Chairman of the Board of Directors at AzerTelecom spoke.';
    for (const name of recognizeNames(text)) expect(text.slice(name.start, name.end)).toBe(name.text);
  });

  it('returns nothing for empty, lower-case and emoji input', () => {
    expect(recognizeNames('')).toEqual([]);
    expect(recognizeNames('a')).toEqual([]);
    expect(recognizeNames('no names here at all')).toEqual([]);
    expect(recognizeNames('🎉🎉')).toEqual([]);
  });
});
