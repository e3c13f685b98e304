import { describe, expect, it } from 'vitest';
import { irregularVerbLemma } from '../../src/text/nlp.ts';
import { analyzeSentence, readTokens, splitSentences } from '../../src/text/tokens.ts';

const slices = (text: string) => splitSentences(text).map((span) => text.slice(span.start, span.end));

describe('the tokenizer', () => {
  it('gives each token its offsets into the text, with POS tags', () => {
    const text = 'The Minister met A.Abbasov in Baku.';
    const tokens = readTokens(text, { pipeline: 'tags' });
    expect(tokens.map((t) => t.value)).toEqual(['The', 'Minister', 'met', 'A.', 'Abbasov', 'in', 'Baku', '.']);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.value);
    expect(tokens.find((t) => t.value === 'met')?.pos).toBe('VERB');
    expect(tokens.map((t) => t.glued)).toEqual([false, false, false, false, true, false, false, true]);
    expect(tokens[0]?.initial).toBe(true);
  });

  it('reads nothing from empty or blank text', () => {
    expect(readTokens('', { pipeline: 'tags' })).toEqual([]);
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n ')).toEqual([]);
  });

  it('splits sentences around characters wink-nlp drops, keeping offsets exact', () => {
    expect(slices('He came.\uFEFF She left. Then\u2028he wrote.')).toEqual(['He came.', 'She left.', 'Then\u2028he wrote.']);
  });

  it('finds a token after a hidden run and a dropped character past the run, never inside it', () => {
    const text = 'data:image/png;base64,#\uFEFF# ok';
    expect(readTokens(text, { pipeline: 'tags' }).map((t) => [t.value, t.start])).toEqual([
      ['#', 24],
      ['ok', 26],
    ]);
  });

  it('reads a possessive apart when asked, with offsets into the original text', () => {
    const text = "He met Mr Blunkett's aide.";
    const tokens = readTokens(text, { pipeline: 'tags', possessivesApart: true });
    expect(tokens.map((t) => t.value)).toEqual(['He', 'met', 'Mr', 'Blunkett', "'s", 'aide', '.']);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.value);
  });

  it('gives an analyzed sentence its index terms and built-in entities', () => {
    const sentence = analyzeSentence('He met the minister on 5 March 2021.');
    expect(sentence.tokens.map((t) => t.term)).toEqual([null, 'meet', null, 'minist', null, '5', 'march', '2021', '.']);
    const dates = sentence.entities.filter((e) => e.type === 'DATE').map((e) => sentence.text.slice(e.start, e.end));
    expect(dates).toEqual(['5 March 2021']);
  });
});

describe('irregular verb lemmas', () => {
  it('come from the model, and other words stay as they are', () => {
    expect(['met', 'spoke', 'went', 'sought'].map(irregularVerbLemma)).toEqual(['meet', 'speak', 'go', 'seek']);
    expect(['meets', 'media', 'higher', 'portugal'].map(irregularVerbLemma)).toEqual(['meets', 'media', 'higher', 'portugal']);
  });
});
