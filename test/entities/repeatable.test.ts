import { describe, expect, it } from 'vitest';
import { documentsFromInputs } from '../../src/corpus/loadCorpus.ts';
import { collectMentions, type Mention } from '../../src/entities/entityMentions.ts';
import { recognizeNames } from '../../src/entities/recognizeNames.ts';
import { wordTokens } from '../../src/entities/wordTokens.ts';
import { resolveOptions } from '../../src/options.ts';

// Sentences of the BBC news set. Each test reads a sentence that ends a name with a possessive before
// punctuation, which a wink-nlp instance once learned as one word and then kept whole in every sentence.
// politics_166, then politics_046.
const FINAL_POSSESSIVE = "She denies he is Mr Blunkett's.";
const LATER_POSSESSIVE =
  "Mr Blunkett's conduct is being looked at to establish whether he abused his position in relation to his ex-lover.";

const names = (text: string): string[] => recognizeNames(text).map((name) => `${name.text}/${name.type}`);
const mentionKey = (m: Mention): string => `${m.doc.id} ${m.start}-${m.end} ${m.text}/${m.type}`;

describe('names are found the same way whatever was read before', () => {
  it('finds the person Blunkett before and after a sentence ending in "Mr Blunkett\'s."', () => {
    expect(names(LATER_POSSESSIVE)).toEqual(['Blunkett/person']);
    expect(names(FINAL_POSSESSIVE)).toEqual(['Blunkett/person']);
    expect(names(LATER_POSSESSIVE)).toEqual(['Blunkett/person']);
  });

  it('finds Sony and its Playstation before and after "not Sony\'s,"', () => {
    // business_254, then tech_319.
    const products =
      "The success of products such as Sony's Playstation, Microsoft's X-Box and Nintendo's Game Cube have boosted " +
      'demand for video games.';
    const before = names(products);
    expect(before).toEqual([
      'Sony/organization',
      'Playstation/organization',
      'Microsoft/organization',
      'X-Box/organization',
      'Nintendo/organization',
    ]);
    const rival =
      'Microsoft is going to be pushing its Xbox 2 as hard as possible to make sure that its technology, ' +
      "not Sony's, will be under your tree next Christmas.";
    expect(names(rival)).toEqual(['Microsoft/organization', 'Xbox/organization', 'Sony/organization']);
    expect(names(products)).toEqual(before);
  });

  it('collects the same mentions on a second pass over the same documents', () => {
    const documents = documentsFromInputs(
      [
        { id: 'politics_046', path: 'politics_046.txt', text: `Blunkett inquiry\n\n${LATER_POSSESSIVE}\n` },
        { id: 'politics_166', path: 'politics_166.txt', text: `Blunkett tells of love and pain\n\n${FINAL_POSSESSIVE}\n` },
      ],
      resolveOptions({}),
    );
    const first = collectMentions(documents).map(mentionKey);
    const second = collectMentions(documents).map(mentionKey);
    expect(second).toEqual(first);
    expect(first).toEqual(['politics_046 21-29 Blunkett/person', 'politics_166 53-61 Blunkett/person']);
  });
});

describe('wordTokens', () => {
  it('splits a possessive off a name at the end of a sentence, as in the middle of one', () => {
    // `+`: glued to the token before.
    const tokens = wordTokens(FINAL_POSSESSIVE).map((t) => `${t.value}/${t.pos}${t.glued ? '+' : ''}`);
    expect(tokens).toEqual(['She/PRON', 'denies/VERB', 'he/PRON', 'is/AUX', 'Mr/PROPN', 'Blunkett/PROPN', "'s/PART+", './PUNCT+']);
  });

  it("leaves wink-nlp's own contractions to it: the 's of \"he's\" is a verb", () => {
    expect(wordTokens("He said he's here.").map((t) => `${t.value}/${t.pos}`)).toEqual([
      'He/PRON',
      'said/VERB',
      'he/PRON',
      "'s/AUX",
      'here/ADV',
      './PUNCT',
    ]);
  });

  it('returns no tokens for empty input', () => {
    expect(wordTokens('')).toEqual([]);
  });
});
