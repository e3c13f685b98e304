import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { formatAnswer, formatMoreSources, interpretationLine } from '../../src/bot/replies/formatAnswer.ts';
import { limitViolations } from '../../src/bot/replies/limits.ts';
import type { Citation } from '../../src/corpus/corpusDocument.ts';

const path = 'corpus/001_84108df0aac265aa.txt';
const text = readFileSync(path, 'utf8');
const title = 'Azerbaijani ICT companies to join Europe and Africa markets trough Portugal';
// The file has a no-break space after "Affairs"; the quote keeps it, as a verbatim quote must.
const quote =
  'The Minister of State and Foreign Affairs\u00a0of Portugal Paulo Portas has met with the Minister of Communications and Information Technologies Ali Abbasov in the framework of an official visit of the Portuguese delegation to the Republic of Azerbaijan.';

function citation(span: string, doc = '001_84108df0aac265aa'): Citation {
  const start = text.indexOf(span);
  if (start < 0) throw new Error(`not in ${path}: ${span}`);
  return { doc, title, path, url: null, date: null, start, end: start + span.length, location: null, elided: null };
}

function answerOf(overrides: Partial<Answer> = {}): Answer {
  return {
    question: "who met Portugal's minister?",
    answered: true,
    answer: 'Ali Abbasov',
    quote,
    source: citation(quote),
    confidence: 0.82,
    answerConfidence: 0.9,
    sentences: [],
    nearest: [],
    interpreted: null,
    references: [],
    ...overrides,
  };
}

describe('formatAnswer', () => {
  it('puts the answer in bold, the quote with the answer bold and question terms italic, and the citation', () => {
    expect(formatAnswer(answerOf())).toEqual({
      content: '**Ali Abbasov**',
      embeds: [
        {
          color: 0x5865f2,
          title: "who met Portugal's minister?",
          description:
            '> The *Minister* of State and Foreign Affairs\u00a0of *Portugal* Paulo Portas has *met* with the *Minister* of Communications and Information Technologies **Ali Abbasov** in the framework of an official visit of the *Portuguese* delegation to the Republic of Azerbaijan.',
          fields: [
            {
              name: 'Source',
              value: 'Azerbaijani ICT companies to join Europe and Africa markets trough Portugal · `corpus/001_84108df0aac265aa.txt`',
            },
          ],
          footer: { text: 'Answer almost certainly right · quote very likely holds it' },
        },
      ],
      components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'ask:more:0', label: 'More sources', disabled: false }] }],
      allowedMentions: { parse: [] },
    });
  });

  it('omits the bold answer when its confidence is low, and says in words how sure the quote is', () => {
    const payload = formatAnswer(answerOf({ answerConfidence: 0.3, confidence: 0.55 }));
    expect(payload.content).toBeUndefined();
    expect(payload.embeds?.[0]?.description).not.toContain('**');
    expect(payload.embeds?.[0]?.description).toContain('Ali Abbasov');
    expect(payload.embeds?.[0]?.footer).toEqual({ text: 'The quote possibly holds the answer' });
  });

  it('never shows a percentage, even for a confident answer', () => {
    const payload = formatAnswer(answerOf({ answerConfidence: 0.999, confidence: 1 }));
    expect(payload.content).toBe('**Ali Abbasov**');
    expect(payload.embeds?.[0]?.footer?.text).toBe('Answer almost certainly right · quote almost certainly holds it');
    expect(JSON.stringify(payload)).not.toMatch(/\d%/);
  });

  it('escapes markdown and mentions in corpus text so a quote cannot break the formatting or ping', () => {
    const nasty = 'Officials said **nothing** to @everyone and <@123456789012345678> about `code` || spoilers ||.';
    const payload = formatAnswer(answerOf({ question: 'what did officials say?', answer: 'nothing', quote: nasty }));
    expect(payload.embeds?.[0]?.description).toBe(
      '> *Officials* *said* \\*\\***nothing**\\*\\* to @everyone and \\<@123456789012345678\\> about \\`code\\` \\|\\| spoilers \\|\\|.',
    );
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  it('cuts a long quote at a word boundary with "…" and keeps every Discord limit', () => {
    const long = `${quote} ${'Azerbaijan and Portugal highlighted the cooperation at the meeting. '.repeat(80)}`.trim();
    const payload = formatAnswer(answerOf({ quote: long, question: `${'why '.repeat(60)}did Portugal meet Azerbaijan?` }));
    const description = payload.embeds?.[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description.endsWith('meeting. Azerbaijan…') || /[\p{L}.]…$/u.test(description)).toBe(true);
    expect(description.match(/\*\*/g)?.length).toBe(2);
    expect((description.replace(/\*\*/g, '').match(/(?<!\\)\*/g)?.length ?? 0) % 2).toBe(0);
    expect(limitViolations(payload)).toEqual([]);
  });

  it('drops the "More sources" button when the question does not fit the embed title it is read back from', () => {
    const question = `${'very '.repeat(60)}long question about Portugal?`;
    const payload = formatAnswer(answerOf({ question }));
    expect(payload.embeds?.[0]?.title).toBe(`${'very '.repeat(51).trim()}…`);
    expect(payload.components).toEqual([]);
  });

  it('answers an abstention with a plain "not in the corpus" text listing the nearest sources', () => {
    const near = citation('A.Abbasov informed the guest about the broad reforms being implemented in Azerbaijan');
    const payload = formatAnswer(answerOf({ answered: false, answer: null, quote: null, source: null, nearest: [near] }), [
      { citation: near, text: '' },
    ]);
    expect(payload).toEqual({
      content:
        "That's not in the corpus: no passage answers this question.\nNearest sources:\n• Azerbaijani ICT companies to join Europe and Africa markets trough Portugal · `corpus/001_84108df0aac265aa.txt`",
      allowedMentions: { parse: [] },
    });
  });

  it('says only "not in the corpus" when there is no near source either', () => {
    expect(formatAnswer(answerOf({ answered: false, answer: null, quote: null, source: null })).content).toBe(
      "That's not in the corpus: no passage answers this question.",
    );
  });
});

describe('a follow-up answer', () => {
  const followUp = answerOf({
    question: 'who did he meet?',
    interpreted: 'who did Paulo Portas meet?',
    references: [{ said: 'he', as: 'Paulo Portas' }],
  });

  it('says how the question was read in a quiet line, and titles the embed with the question as read', () => {
    const payload = formatAnswer(followUp);
    expect(payload.content).toBe('**Ali Abbasov**\n-# taking *he* as Paulo Portas');
    expect(payload.embeds?.[0]?.title).toBe('who did Paulo Portas meet?');
  });

  it('names every reference, escaping what the user typed', () => {
    const answer = answerOf({
      question: 'did *he* meet the company?',
      interpreted: 'did Paulo Portas meet AzerTelecom?',
      references: [
        { said: '*he*', as: 'Paulo Portas' },
        { said: 'the company', as: 'AzerTelecom' },
      ],
    });
    expect(interpretationLine(answer)).toBe('-# taking *\\*he\\** as Paulo Portas, *the company* as AzerTelecom');
  });

  it('gives the whole question a fragment was read as', () => {
    const answer = answerOf({
      question: 'And in Portugal?',
      interpreted: 'Who did the minister meet in Portugal?',
      references: [{ said: 'And in Portugal?', as: 'Who did the minister meet in Portugal?' }],
    });
    expect(interpretationLine(answer)).toBe('-# reading this as *Who did the minister meet in Portugal?*');
  });

  it('keeps the line under an abstention, and adds nothing for a question read as asked', () => {
    const abstained = formatAnswer({ ...followUp, answered: false, answer: null, quote: null, source: null });
    expect(abstained.content).toBe("That's not in the corpus: no passage answers this question.\n-# taking *he* as Paulo Portas");
    expect(interpretationLine(answerOf())).toBeNull();
  });

  it('offers "Ask a follow-up" next to "More sources" when asked to', () => {
    expect(formatAnswer(answerOf(), [], { followUpButton: true }).components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, custom_id: 'ask:more:0', label: 'More sources', disabled: false },
          { type: 2, style: 2, custom_id: 'ask:thread', label: 'Ask a follow-up', disabled: false },
        ],
      },
    ]);
  });
});

describe('formatMoreSources', () => {
  it('lists each further quote with its citation and offers the next page', () => {
    const span =
      'A.Abbasov, in his turn, said that Azerbaijani companies are taking comprehensive measures for joining and investing in foreign markets, including\u00a0 the Portuguese market.';
    const payload = formatMoreSources(
      "who met Portugal's minister?",
      [{ citation: { ...citation(span), date: '2025-03-13' }, text: span }],
      3,
      true,
    );
    expect(payload.embeds?.[0]?.fields).toEqual([
      {
        name: '4. Azerbaijani ICT companies to join Europe and Africa markets trough Portugal',
        value:
          '> A.Abbasov, in his turn, said that Azerbaijani companies are taking comprehensive measures for joining and investing in foreign markets, including\u00a0 the *Portuguese* market.\nAzerbaijani ICT companies to join Europe and Africa markets trough Portugal · `corpus/001_84108df0aac265aa.txt` · 2025-03-13',
      },
    ]);
    expect(payload.components?.[0]?.components[0]).toMatchObject({ custom_id: 'ask:more:4', label: 'More sources' });
  });

  it('says so when there are no more sources', () => {
    expect(formatMoreSources('who?', [], 0, false)).toEqual({
      content: 'No more sources for this question.',
      allowedMentions: { parse: [] },
    });
  });
});

describe('formatAnswer on documentation', () => {
  const code = Array.from({ length: 400 }, (_, i) => `await step${i}(interaction); // part ${i} of the setup`).join('\n');
  const lead = 'Register the steps before you start the bot:';
  const docQuote = `${lead}\n\n${code}`;
  const docAnswer = answerOf({
    question: 'how do i register the steps',
    answer: null,
    answerConfidence: null,
    quote: docQuote,
    quoteLayout: [
      { start: 0, end: lead.length, kind: 'prose' },
      { start: lead.length + 2, end: docQuote.length, kind: 'code', language: 'js' },
    ],
  });

  it('shows prose as a block quote and code as a fenced block with its language, cut at a line within the limits', () => {
    const payload = formatAnswer(docAnswer);
    const description = payload.embeds?.[0]?.description ?? '';
    expect(
      description.startsWith(
        '> *Register* the *steps* before you start the bot:\n```js\nawait step0(interaction); // part 0 of the setup\n',
      ),
    ).toBe(true);
    expect(description.endsWith('\n…\n```')).toBe(true);
    // Whole lines only: the line before the "…" is one of the code's own lines.
    const lines = description.split('\n');
    expect(code.split('\n')).toContain(lines.at(-3));
    expect(limitViolations(payload)).toEqual([]);
  });

  it('keeps three backticks inside code from closing its block', () => {
    const fenced = 'Write it as:\n\n```js\nx()\n```';
    const payload = formatAnswer(
      answerOf({
        quote: fenced,
        answer: null,
        quoteLayout: [
          { start: 0, end: 12, kind: 'prose' },
          { start: 14, end: fenced.length, kind: 'code', language: 'md' },
        ],
      }),
    );
    expect(payload.embeds?.[0]?.description).toBe('> Write it as:\n```md\n``\u200b`js\nx()\n``\u200b`\n```');
  });
});
