import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import { hideLongRuns } from '../../src/text/terms.ts';
import { readTokens, splitSentences } from '../../src/text/tokens.ts';

/**
 * Text as corpora hold it, and as they should not: words, names and possessives, punctuation, every kind
 * of space and line break, characters wink-nlp drops (U+2028, a byte-order mark), emoji and combining
 * marks, runs too long to be words, data URIs, and arbitrary Unicode.
 */
const piece = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'the',
      'minister',
      'met',
      'Ali',
      'Abbasov',
      'Baku',
      'Mr.',
      'A.Abbasov',
      "Blunkett's",
      'U.S.',
      '2021',
      'Portugal’s',
      'Montréal',
    ),
  },
  { weight: 4, arbitrary: fc.constantFrom('.', ',', '?', '!', '"', '“', '”', "'", '(', ')', '-', '—', ':', ';', '...', '#', '*') },
  { weight: 5, arbitrary: fc.constantFrom(' ', ' ', '\n', '\n\n', '\t', '\r\n', '\u00a0', '\u2028', '\uFEFF', '\u200b') },
  { weight: 1, arbitrary: fc.constantFrom('👍🏽', 'e\u0301', 'İ', 'ﬁ', '\ud800', 'ß') },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('A', 'b', '9', '+', '/', '='), minLength: 90, maxLength: 400 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 0, maxLength: 60 }).map((s) => `data:image/png;base64,${s}`) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const text = fc.array(piece, { maxLength: 120 }).map((pieces) => pieces.join(''));

// Many runs each: time limits for a busy machine, not targets.
describe('every quote is a slice of its source, for any text', () => {
  it('tokens and sentences are in order, and together hold every visible character', () => {
    fc.assert(
      fc.property(text, (input) => {
        const shown = hideLongRuns(input);
        const visible = (i: number) => !/\s/.test(input[i]!) && shown[i] === input[i];
        const inToken = new Uint8Array(input.length);
        let end = 0;
        for (const token of readTokens(input, { pipeline: 'tags', possessivesApart: true })) {
          expect(token.start).toBeGreaterThanOrEqual(end);
          expect(input.slice(token.start, token.end)).toBe(token.value);
          inToken.fill(1, token.start, token.end);
          end = token.end;
        }
        const inSentence = new Uint8Array(input.length);
        end = 0;
        for (const span of splitSentences(input)) {
          expect(span.start).toBeGreaterThanOrEqual(end);
          expect(span.end).toBeGreaterThan(span.start);
          inSentence.fill(1, span.start, span.end);
          end = span.end;
        }
        for (let i = 0; i < input.length; i += 1) {
          if (visible(i)) expect([i, inToken[i], inSentence[i]]).toEqual([i, 1, 1]);
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('passages, sentences, answers and ranked sentences', () => {
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('Who met Ali Abbasov?', 'What did the minister say?', 'When was 2021?', 'Baku'),
        (input, question) => {
          const engine = Engine.fromDocuments([{ id: 'doc', text: input }]);
          for (const passage of engine.documents[0]!.passages) {
            expect(input.slice(passage.start, passage.end)).toBe(passage.text);
            for (const sentence of passage.sentences) {
              expect(input.slice(sentence.start, sentence.end)).toBe(sentence.text);
              // A sentence never quotes a run too long to be words (an inlined image's base64).
              expect(hideLongRuns(sentence.text)).toBe(sentence.text);
            }
          }
          const answer = engine.answer(question);
          if (answer.source) expect(input.slice(answer.source.start, answer.source.end)).toBe(answer.quote);
          for (const sentence of answer.sentences) expect(input.slice(sentence.start, sentence.end)).toBe(sentence.text);
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);
});
