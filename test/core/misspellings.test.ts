import { beforeAll, describe, expect, it } from 'vitest';
import { heldReading } from '../../src/answer/answerQuestion.ts';
import { Engine } from '../../src/engine.ts';
import { miniSearchRetrievers } from '../../src/search/miniSearchRetriever.ts';
import type { PassageRetriever } from '../../src/search/retriever.ts';
import { singleEdits } from '../../src/search/spelling.ts';

let engine: Engine;
let retriever: PassageRetriever;
beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
  retriever = miniSearchRetrievers.create(engine.options);
  for (const document of engine.documents) retriever.add(document);
});

const corrections = (question: string) => Object.fromEntries(retriever.retrieve(question, { limit: 8 }).corrections);

describe('casually typed questions', () => {
  const pairs = [
    ['who is the chairmen of azertelcom', 'Who is the Chairman of the Board of Directors at AzerTelecom?'],
    ['where was the 9th meeting of the internet goverance forum', 'Where was the 9th meeting of the Internet Governance Forum held?'],
    ['who is the turkish minster of transport and infrastucture', "Who is Turkey's Minister of Transport and Infrastructure?"],
    ['which countrys are part of the multilateral traety iran wants', 'Which countries are part of the multilateral treaty Iran pursues?'],
    ['who is the ambasador of kazakstan to azerbaijan', 'Who is the ambassador of Kazakhstan to Azerbaijan?'],
    ['where was the buisness meeting organised', 'Where was the business meeting organized?'],
  ] as const;

  it('rank first the sentence the clean question is answered from', () => {
    for (const [typed, clean] of pairs) {
      const [first] = engine.rankSentences(typed);
      const source = engine.answer(clean).source!;
      expect([first?.doc, first?.start], typed).toEqual([source.doc, source.start]);
    }
  });

  it('are answered from that sentence', () => {
    for (const [typed, clean] of pairs) {
      const answer = engine.answer(typed);
      expect(answer.answered, typed).toBe(true);
      expect(answer.source, typed).toEqual(engine.answer(clean).source);
    }
    expect(engine.answer('who is the chairmen of azertelcom').quote).toMatch(
      /^Fuad Allahverdiyev, Chairman of the Board of Directors at AzerTelecom/,
    );
  });

  it('read each word the index lacks as its closest spellings in the index', () => {
    expect(corrections('who is the chairmen of azertelcom')).toEqual({ chairmen: ['chairman'], azertelcom: ['azertelecom'] });
    expect(corrections('what did abasov tell the guest about')).toEqual({ abasov: ['abbasov'] });
    // A typo can change where the stemmer cuts: "minster" stays whole, "minister" becomes "minist".
    expect(corrections('the turkish minster')).toEqual({ minster: ['minist'] });
    expect(corrections('foregin affairs, the multilateral traety')).toEqual({ foregin: ['foreign'], traeti: ['treati'] });
  });

  it('leave dictionary words, numbers, short words and unknown names alone', () => {
    expect(corrections('how much does a mobile plan cost')).toEqual({});
    expect(corrections('who won the world cup in 2018 or 2031')).toEqual({});
    expect(corrections('ppl xyzzyq')).toEqual({});
    expect(corrections('')).toEqual({});
  });

  it('still abstain when the corpus does not hold the answer', () => {
    for (const question of ['who won the footbal world cup in 2018', 'who is the ceo of aple', 'how many ppl live in lisbon']) {
      expect(engine.answer(question).answered, question).toBe(false);
    }
  });
});

describe('how much of a misspelt question the corpus holds', () => {
  let docs: Engine;
  beforeAll(async () => {
    docs = await Engine.fromFolder('test/fixtures/docs');
  });
  const held = (question: string) => docs.evidence(question)[0]?.held;

  it('counts a long word read as its correction as held', () => {
    expect(held('how do i send an ephmeral reply')).toBe(1);
  });

  it('does not count a short unknown word as held because it is one letter from a corpus word', () => {
    // "ponk" is read as "pong" for retrieval, but a four-letter name the pages lack (SAML, QUIC) is as close to
    // some corpus word: the question is about something the corpus may not hold.
    expect(held('can i edit a reply with pong')).toBe(1);
    expect(held('can i edit a reply with ponk')).toBeLessThan(0.6);
  });

  it('reads only corrections of words longer than four characters', () => {
    const corrections = new Map([
      ['ponk', ['pong']],
      ['ephmer', ['ephemer']],
    ]);
    expect(heldReading(['edit', 'ponk', 'ephmer'], corrections)).toEqual(['edit', 'ponk', 'ephemer']);
    expect(heldReading(['sampl', 'ephmer', 'ephemer'], new Map([['ephmer', ['ephemer']]]))).toEqual(['sampl', 'ephemer']);
  });
});

describe('clean questions', () => {
  it('keep their ranking: nothing is corrected when the index holds every word', () => {
    expect(corrections('Who is the Chairman of the Board of Directors at AzerTelecom?')).toEqual({});
    const ranking = (question: string) => engine.rankSentences(question).map((s) => [s.doc, s.start, s.score]);
    expect(ranking('Who is the Chairman of the Board of Directors at AzerTelecom?')).toEqual([
      ['003_31b3e27154ee3997', 631, 2.7238],
      ['003_31b3e27154ee3997', 51, 0.7057],
      ['003_31b3e27154ee3997', 2004, 0.6801],
    ]);
    expect(ranking('Where was the 9th meeting of the Internet Governance Forum held?')).toEqual([
      ['002_b4e39bc22c88a020', 219, 2.5549],
      ['002_b4e39bc22c88a020', 1666, 1.363],
      ['002_b4e39bc22c88a020', 1864, 1.0141],
    ]);
  });
});

describe('singleEdits', () => {
  it('lists every string one typing error away: a letter left out, swapped, replaced or added', () => {
    const edits = new Set(singleEdits('cat'));
    for (const edit of ['at', 'ct', 'ca', 'act', 'cta', 'bat', 'cut', 'cab', 'scat', 'cart', 'cats']) expect(edits).toContain(edit);
    expect(edits).not.toContain('cat');
    expect(edits).not.toContain('tac');
    expect([...singleEdits('')]).toEqual([...'abcdefghijklmnopqrstuvwxyz']);
  });
});
