import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/index.ts';

/** Short real passages, each a document of its own, so every question has one place to look. */
const DOCUMENTS = [
  {
    id: 'tesla',
    text: 'Nikola Tesla\n\nNikola Tesla emigrated to the United States in 1884. He worked for Thomas Edison at the Edison Machine Works in Manhattan.',
  },
  {
    id: 'treaty',
    text: 'Amsterdam\n\nThe 1997 Treaty of Amsterdam extended the powers of the European Parliament over the budget.',
  },
  {
    id: 'caspian',
    text: 'Caspian cable\n\nThe partners discussed the Trans-Caspian Fiber Optic Cable, which will connect Azerbaijan and Kazakhstan under the sea.',
  },
  {
    id: 'summit',
    text: 'Summit\n\nThe summit was attended by the leaders of France, Germany, Italy and Spain, who signed a joint declaration on energy.',
  },
  {
    id: 'thunder',
    text: 'Experiments\n\nIn Colorado Springs the artificial thunder of his coils could be heard 15 miles away, according to witnesses.',
  },
  {
    id: 'cluny',
    text: 'Chant\n\nAt Cluny, under two French abbots, Odo of Cluny and Mayeul of Cluny, a new system of chant was developed and taught.',
  },
  {
    id: 'harvest',
    text: 'Farming\n\nThe size of the harvest in any year depended on whether a drought or a flood occurred.',
  },
  {
    id: 'newcomen',
    text: 'Steam\n\nThe first commercially successful steam engine was the atmospheric engine, invented by Thomas Newcomen in 1712.',
  },
];

let engine: Engine;
beforeAll(() => {
  engine = Engine.fromDocuments(DOCUMENTS);
});

describe('short answers for each kind of question', () => {
  it.each([
    ['Who worked for Thomas Edison at the Edison Machine Works?', 'Nikola Tesla', 'a pronoun names its referent'],
    ['Which treaty extended the powers of the European Parliament over the budget?', '1997 Treaty of Amsterdam', 'an of-phrase'],
    ['What cable will connect Azerbaijan and Kazakhstan?', 'Trans-Caspian Fiber Optic Cable', 'a hyphenated name'],
    ['Which countries signed a joint declaration on energy?', 'France, Germany, Italy and Spain', 'a list'],
    ['How far away could the artificial thunder be heard?', '15 miles away', 'a measure'],
    ['In what year did Thomas Newcomen invent the atmospheric engine?', '1712', 'the year alone'],
    ['Who were the two abbots at Cluny?', 'Odo of Cluny and Mayeul of Cluny', 'the names set after the question’s own noun'],
    ['What did the size of the harvest depend on?', 'drought or a flood', 'the object of the matched verb, not a phrase before it'],
  ])('%s → %s (%s)', (question, answer) => {
    const found = engine.answer(question);
    expect(found.answered).toBe(true);
    expect(found.answer).toBe(answer);
    expect(found.answerConfidence).toBeGreaterThan(0);
  });

  it('gives no short answer, and no answer confidence, when it abstains', () => {
    const found = engine.answer('Who won the 2018 FIFA World Cup?');
    expect(found.answered).toBe(false);
    expect(found.answer).toBeNull();
    expect(found.answerConfidence).toBeNull();
  });
});

describe('short answers over the shipped corpus', () => {
  let shipped: Engine;
  beforeAll(async () => {
    shipped = await Engine.fromFolder('corpus');
  });

  it('names the whole name, not its tail after "of"', () => {
    // The sentence lists "the State Fund for the Development of Information Technologies" and "the
    // University of Information Technologies": the tail "Information Technologies" is no university.
    expect(shipped.answer('Which university was opened in Azerbaijan?').answer).toBe('University of Information Technologies');
  });
});
