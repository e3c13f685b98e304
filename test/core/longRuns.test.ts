import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import { splitSentences } from '../../src/text/tokens.ts';

/** 100 KB of base64, the same on every run: an image inlined in a Markdown file. */
const BASE64 = Buffer.from(Array.from({ length: 75_000 }, (_, i) => (i * 7919 + (i >> 8)) % 256)).toString('base64');

const article = (blob: string) =>
  [
    'Baku telecom news',
    'The Minister of Communications met Ali Abbasov in Baku on Monday.',
    blob,
    'Abbasov said the new satellite will be launched next year.',
  ].join('\n\n');

const quoteOf = (engine: Engine, question: string) => {
  const answer = engine.answer(question);
  const document = engine.document(answer.source!.doc)!;
  return { quote: answer.quote, slice: document.text.slice(answer.source!.start, answer.source!.end) };
};

describe('runs of text without spaces', () => {
  for (const [name, blob] of [
    ['a 100 KB data URI', `![logo](data:image/png;base64,${BASE64})`],
    ['a 100 KB base64 line', BASE64],
    ['200 KB of one letter', 'a'.repeat(200_000)],
  ]) {
    it(`are indexed past ${name}, and the sentences around it are quoted verbatim`, () => {
      const engine = Engine.fromDocuments([{ id: 'baku', text: article(blob!) }]);
      expect(quoteOf(engine, 'Who met Ali Abbasov?')).toEqual({
        quote: 'The Minister of Communications met Ali Abbasov in Baku on Monday.',
        slice: 'The Minister of Communications met Ali Abbasov in Baku on Monday.',
      });
      expect(quoteOf(engine, 'When will the satellite be launched?').quote).toBe(
        'Abbasov said the new satellite will be launched next year.',
      );
      const sentences = engine.documents[0]!.passages.flatMap((passage) => passage.sentences.map((sentence) => sentence.text));
      expect(sentences.some((sentence) => sentence.includes(blob!.slice(0, 200)))).toBe(false);
      expect(engine.entities.card('Abbasov')?.name).toBe('Ali Abbasov');
    });
  }

  it('keep the words on either side of an inlined image inside a sentence, each quoted apart', () => {
    const text = `See the chart ![chart](data:image/png;base64,${BASE64}) for the figures.`;
    expect(splitSentences(text).map((span) => text.slice(span.start, span.end))).toEqual(['See the chart', 'for the figures.']);
  });

  it('are left whole when they are short enough to be words: a long URL stays in its sentence', () => {
    const text = 'Read the report at https://example.org/reports/2025/telecom-satellite-launch-schedule-for-azerbaijan.html today.';
    expect(splitSentences(text)).toEqual([{ start: 0, end: text.length }]);
  });
});
