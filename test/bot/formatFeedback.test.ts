import { beforeAll, describe, expect, it } from 'vitest';
import { formatAnswer } from '../../src/bot/replies/formatAnswer.ts';
import { clearedText, formatFeedbackTally, voteText } from '../../src/bot/replies/formatFeedback.ts';
import type { SourceTally } from '../../src/bot/storage/feedbackStore.ts';
import { Engine } from '../../src/engine.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
});
const question = "who met Portugal's minister?";

describe('vote buttons on an answer', () => {
  it('adds 👍 and 👎 for the logged answer after "More sources", in one row', () => {
    const payload = formatAnswer(engine.answer(question), [], { voteId: 7 });
    expect(payload.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, custom_id: 'ask:more:0', label: 'More sources', disabled: false },
          { type: 2, style: 2, custom_id: 'ask:vote:up:7', label: '👍', disabled: false },
          { type: 2, style: 2, custom_id: 'ask:vote:down:7', label: '👎', disabled: false },
        ],
      },
    ]);
  });

  it('puts none on an abstention, which cites nothing to rate', () => {
    const payload = formatAnswer(engine.answer('What is the boiling point of liquid nitrogen?'), [], { voteId: 8 });
    expect(payload.components ?? []).toEqual([]);
  });

  it('shows the short answer plain, in the message and the quote, when the server turned bold off', () => {
    const payload = formatAnswer(engine.answer(question), [], { boldAnswer: false });
    expect(payload.content).toBe('Ali Abbasov');
    expect(payload.embeds?.[0]?.description).not.toContain('**');
    expect(payload.embeds?.[0]?.description).toContain('Ali Abbasov');
  });
});

const tally = (overrides: Partial<SourceTally> = {}): SourceTally => ({
  doc: '001_84108df0aac265aa',
  start: 78,
  end: 327,
  up: 0,
  down: 0,
  managerDown: 0,
  effect: 'none',
  ...overrides,
});

describe('voteText', () => {
  it('says what the click did and what the votes now do', () => {
    expect(voteText('recorded', 1, tally({ up: 1, effect: 'preferred' }))).toBe(
      'Your 👍 is recorded; click it again to take it back. This source now wins ties for this question in this server.',
    );
    expect(voteText('changed', -1, tally({ down: 1 }))).toBe('Your vote is now 👎; click it again to take it back.');
    expect(voteText('recorded', -1, tally({ down: 2, effect: 'demoted' }))).toBe(
      'Your 👎 is recorded; click it again to take it back. This source is no longer the first answer to this question in this server.',
    );
    expect(voteText('withdrawn', -1, undefined)).toBe('Your 👎 is taken back.');
  });
});

describe('/feedback replies', () => {
  it('lists each voted source with its counts, effect, citation and text', () => {
    const answer = engine.answer(question);
    const source = answer.source!;
    const text = engine.document(source.doc)!.text.slice(source.start, source.end);
    const payload = formatFeedbackTally(question, [
      {
        tally: tally({ down: 2, managerDown: 1, effect: 'demoted', start: source.start, end: source.end }),
        cited: { citation: source, text },
      },
      { tally: tally({ doc: 'gone', up: 1, effect: 'preferred' }), cited: null },
    ]);
    const embed = payload.embeds![0]!;
    expect(embed.title).toBe("Feedback: who met Portugal's minister?");
    expect(embed.fields).toEqual([
      {
        name: 'Demoted: no longer the first answer · 👍 0 · 👎 2 (1 with Manage Server)',
        value: `${source.title} · \`${source.path}\` · ${source.date}\n> ${text.replace(/\s+/g, ' ')}`,
      },
      { name: 'Preferred: wins ties · 👍 1 · 👎 0', value: '`gone` (no longer in the corpus)' },
    ]);
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  it('says so when no one voted, and how many votes a clear forgot', () => {
    expect(formatFeedbackTally('who is **he**?', []).content).toBe(
      'No one in this server has voted on answers to "who is \\*\\*he\\*\\*?".',
    );
    expect(clearedText(question, 1)).toBe(`Forgot 1 vote on answers to "${question}"; it is answered as if no one had voted.`);
    expect(clearedText(question, 0)).toBe(`There were no votes on answers to "${question}" in this server.`);
  });
});
