import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/index.ts';
import { givenNames } from '../../src/vocabulary/givenNames.ts';
import { Glossary, parseGlossary } from '../../src/vocabulary/glossary.ts';
import { relatedWords } from '../../src/vocabulary/wordNetRelated.ts';

describe('the words a question may stand for', () => {
  it('reads a glossary phrase only when the question says its words in order', () => {
    const glossary = new Glossary([{ term: 'guild', says: ['discord server'] }]);
    expect(glossary.relatedTerms(['ban', 'discord', 'server'])).toEqual([
      { term: 'guild', of: 'discord', weight: 0.8, source: 'glossary' },
      { term: 'guild', of: 'server', weight: 0.8, source: 'glossary' },
    ]);
    expect(glossary.relatedTerms(['server', 'ban', 'discord'])).toEqual([]);
  });

  it('leaves out glossary entries that are not words, with one warning each', () => {
    const { glossary, warnings } = parseGlossary('guild: [server]\nbroken: {a: 1}\n', 'glossary.yaml');
    expect(glossary.size).toBe(1);
    expect(warnings).toEqual([{ path: 'glossary.yaml', reason: 'entry "broken" is not a word or a list of words; left out' }]);
  });

  it('takes the names a document gives one thing from abbreviations in brackets, both ways', () => {
    const engine = Engine.fromDocuments([{ id: 'cli', text: 'Usage\n\nStart the command line interface (CLI) with npx tool.' }]);
    const names = givenNames(engine.documents);
    expect(names.relatedTerms(['cli']).map((term) => term.term)).toEqual(['command', 'line', 'interfac']);
    expect(names.relatedTerms(['command', 'line', 'interfac']).map((term) => term.term)).toEqual(['cli', 'cli', 'cli']);
  });

  it('gives WordNet synonyms of a word in its first sense, and none for a word of many senses', () => {
    expect(relatedWords('conceal', 'verb')).toContain('hide');
    expect(relatedWords('get', 'verb')).toEqual([]);
  });

  it('reads a question word no passage holds as its WordNet synonyms, and only when asked to', async () => {
    const text = 'Privacy\n\nDiscord lets you hide a response from everyone but the member who ran the command.';
    const engine = Engine.fromDocuments([{ id: 'privacy', text }]);
    expect(engine.rankSentences('how do i conceal a response')[0]?.score).toBeGreaterThan(
      Engine.fromDocuments([{ id: 'privacy', text }], { vocabulary: { wordNet: false } }).rankSentences('how do i conceal a response')[0]
        ?.score ?? 0,
    );
  });
});
