import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { citationLine, formatAbstention, formatAnswer } from '../../src/bot/replies/formatAnswer.ts';
import { formatSource } from '../../src/bot/replies/formatSource.ts';
import { answerJson, formatAnswerText } from '../../src/cli/formatAnswer.ts';
import { citationOf } from '../../src/corpus/citation.ts';
import { Engine } from '../../src/index.ts';

const fixtures = 'test/fixtures/documents';

describe('citations that link to their source', () => {
  let engine: Engine;
  let breakwater: Answer;
  beforeAll(async () => {
    engine = await Engine.fromFolder(fixtures, { baseUrl: 'https://docs.example.org/tides/' });
    breakwater = engine.answer('When was the new breakwater completed?');
  });

  it('links the title in Discord without a preview, with the page the quote is on', () => {
    expect(formatAnswer(breakwater).embeds?.[0]?.fields).toEqual([
      {
        name: 'Source',
        value:
          '[Harbour Authority Annual Report 2023](<https://docs.example.org/tides/reports/annual#page=2>) · `reports/annual.pdf` · page 2 · 2024-02-15',
      },
    ]);
  });

  it('links the nearest sources of an abstention too', () => {
    const near = engine.answer('Which Node.js version does the tide gauge server need?');
    const [first] = near.nearest;
    expect(first).toBeDefined();
    const content = formatAbstention([{ citation: first!, text: '' }]).content ?? '';
    expect(content).toContain('• [Setting up the tide gauge server](<https://docs.example.org/tides/guide/setup');
  });

  it('names the line of a Markdown file and keeps a link that would break the message safe', () => {
    const document = engine.document('guide/setup')!;
    const sentence = document.passages.flatMap((passage) => passage.sentences).find((s) => s.text.startsWith('Readings older'))!;
    expect(citationLine(citationOf(document, sentence))).toBe(
      '[Setting up the tide gauge server](<https://docs.example.org/tides/guide/setup#troubleshooting>) · `guide/setup.md` · line 42 · 2024-03-18',
    );
    const odd = { ...citationOf(document, sentence), url: 'https://example.org/a_(b)>c' };
    expect(citationLine(odd)).toBe(
      '[Setting up the tide gauge server](<https://example.org/a_%28b%29%3Ec>) · `guide/setup.md` · line 42 · 2024-03-18',
    );
  });

  it('prints the link in the terminal and carries it as source.url in JSON, null when there is none', async () => {
    expect(formatAnswerText(breakwater).split('\n').at(-1)).toBe(
      '— "Harbour Authority Annual Report 2023" (reports/annual.pdf, page 2, 2024-02-15) https://docs.example.org/tides/reports/annual#page=2',
    );
    expect(answerJson(breakwater).source).toMatchObject({
      url: 'https://docs.example.org/tides/reports/annual#page=2',
      location: { page: 2 },
    });
    const plain = await Engine.fromFolder(fixtures);
    expect(answerJson(plain.answer('How much does a cabin for two cost?')).source).toMatchObject({ path: 'ferry-memo.docx', url: null });
  });

  it('shows the link on the /source card', () => {
    const embed = formatSource(engine.document('ferry-terminal')!).embeds?.[0];
    expect(embed?.url).toBe('https://news.example.org/2024/05/ferry-terminal-opens');
    expect(embed?.fields).toContainEqual({ name: 'Link', value: '<https://news.example.org/2024/05/ferry-terminal-opens>', inline: false });
  });
});

describe('a quote cut from a long sentence', () => {
  const clause = 'the committee reviewed clause number 4 about harbour dues and berth fees';
  const sentence = `In its long session ${Array.from({ length: 12 }, () => clause).join(' and ')}.`;
  const engine = Engine.fromDocuments([{ id: 'minutes', text: `Committee minutes\n\n${sentence}\n` }]);

  it('shows "…" where the sentence goes on, in Discord and in the terminal', () => {
    const answer = engine.answer('What did the committee review in its long session?');
    expect(answer.source?.elided).toBe('after');
    expect(answer.quote?.endsWith('…')).toBe(false);
    expect(formatAnswer(answer).embeds?.[0]?.description?.endsWith('…')).toBe(true);
    expect(formatAnswerText(answer)).toMatch(/\w…\n— "Committee minutes" \(minutes.txt\)$/);
  });
});
