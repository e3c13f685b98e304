import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';

const report = [
  'Port Ellery opens its new lighthouse',
  'The new lighthouse at Port Ellery was designed by the architect Mirela Vondracek.',
  'The harbour council said the light can be seen from 40 kilometres away.',
].join('\n\n');
// The same report carried by two outlets: their sentences score exactly alike.
const engine = Engine.fromDocuments([
  { id: 'coast-herald', text: report },
  { id: 'harbour-news', text: report },
  { id: 'weather', text: 'Storms are expected along the coast this week, the weather service said.' },
]);
const question = 'Who designed the lighthouse at Port Ellery?';
const sentence = (doc: string) => {
  const text = engine.document(doc)!.text;
  const start = text.indexOf('The new lighthouse');
  return { doc, start, end: text.indexOf('.', start) + 1 };
};

describe('feedback in ranking', () => {
  it('changes nothing when there is none', () => {
    expect(engine.answer(question, { feedback: {} })).toEqual(engine.answer(question));
    expect(engine.answer(question, { feedback: { demote: [], prefer: [] } })).toEqual(engine.answer(question));
  });

  it('lets a preferred sentence win a tie of score, which the document id broke before', () => {
    const plain = engine.answer(question);
    expect(plain.answer).toBe('Mirela Vondracek');
    expect(plain.sentences.slice(0, 2).map((s) => s.doc)).toEqual(['coast-herald', 'harbour-news']);
    expect(plain.sentences[0]!.score).toBe(plain.sentences[1]!.score);
    const preferred = engine.answer(question, { feedback: { prefer: [sentence('harbour-news')] } });
    expect(preferred.source?.doc).toBe('harbour-news');
    expect(preferred.answer).toBe('Mirela Vondracek');
    expect(preferred.confidence).toBe(plain.confidence);
  });

  it('never lets a preferred sentence pass a better one', () => {
    const lead = engine.document('coast-herald')!.text.indexOf('The harbour council');
    const weaker = { doc: 'coast-herald', start: lead, end: engine.document('coast-herald')!.text.length };
    const answer = engine.answer(question, { feedback: { prefer: [weaker] } });
    expect(answer.source?.doc).toBe('coast-herald');
    expect(answer.quote).toBe('The new lighthouse at Port Ellery was designed by the architect Mirela Vondracek.');
  });

  it('ranks a demoted sentence below every other, so the next best answers', () => {
    const answer = engine.answer(question, { top: 50, feedback: { demote: [sentence('coast-herald')] } });
    expect(answer.source).toMatchObject(sentence('harbour-news'));
    expect(answer.sentences.length).toBeGreaterThan(3);
    expect(answer.sentences.at(-1)).toMatchObject(sentence('coast-herald'));
    // With every copy demoted, whatever comes next answers (or the engine abstains), never a demoted one.
    const both = engine.answer(question, { feedback: { demote: [sentence('coast-herald'), sentence('harbour-news')] } });
    expect(both.answer).not.toBe('Mirela Vondracek');
    expect(both.quote).not.toBe('The new lighthouse at Port Ellery was designed by the architect Mirela Vondracek.');
  });

  it('reads a follow-up without answering it, so its feedback is looked up by the question it was read as', () => {
    const first = engine.answer(question);
    const after = { question, answer: first };
    const interpreted = engine.interpret('What did she design?', { after });
    expect(interpreted).toBe('What did Mirela Vondracek design?');
    expect(engine.interpret(question, {})).toBeNull();
    const followUp = engine.answer('What did she design?', { after, feedback: { demote: [sentence('coast-herald')] } });
    expect(followUp.interpreted).toBe(interpreted);
    expect(followUp.source).toMatchObject(sentence('harbour-news'));
  });

  it('drops a demoted sentence from rankSentences the same way', () => {
    const ranked = engine.rankSentences(question, { feedback: { demote: [sentence('coast-herald')] } });
    expect(ranked[0]).toMatchObject(sentence('harbour-news'));
  });
});

describe('feedback on an answer drawn from what the corpus says of a name', () => {
  it('does not describe a person from a demoted sentence', async () => {
    const corpus = await Engine.fromFolder('corpus');
    const described = corpus.answer('Who is Ali Abbasov?');
    expect(described.answered).toBe(true);
    const source = described.source!;
    const after = corpus.answer('Who is Ali Abbasov?', { feedback: { demote: [source] } });
    expect(after.source === null || after.source.start !== source.start || after.source.doc !== source.doc).toBe(true);
  });
});
