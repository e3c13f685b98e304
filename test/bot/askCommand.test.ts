import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitViolations } from '../../src/bot/replies/limits.ts';
import { Engine } from '../../src/engine.ts';
import { ids } from '../../testbed/discord/fixtures.ts';
import { type RunningBot, startBot } from '../../testbed/discord/harness.ts';
import { callbackOf, clickButton, editOf, sendCommand } from '../../testbed/discord/interactions.ts';
import type { MessageObject } from '../../testbed/discord/server.ts';

const question = "who met Portugal's minister?";
const ephemeral = 64;
let engine: Engine;

beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
});

const askOption = (value: string) => [{ name: 'question', type: 3, value }];

describe('/ask', () => {
  let running: RunningBot;
  beforeAll(async () => {
    running = await startBot({ engine });
  });
  afterAll(() => running.stop());

  it('replies at once with the answer in bold, the quote and its citation, pinging no one', async () => {
    const sent = sendCommand(running.fake, 'ask', askOption(question));
    const callback = await callbackOf(running.fake, sent);
    const data = callback.data as {
      content: string;
      embeds: { title: string; description: string; fields: { name: string; value: string }[] }[];
      allowed_mentions: unknown;
      flags?: number;
    };
    expect(callback.type).toBe(4);
    expect(data.content).toBe('**Ali Abbasov**');
    expect(data.embeds[0]?.title).toBe(question);
    expect(data.embeds[0]?.description).toContain('**Ali Abbasov**');
    expect(data.embeds[0]?.description).toContain('*Portugal*');
    expect(data.embeds[0]?.fields[0]).toEqual({
      name: 'Source',
      value: 'Azerbaijani ICT companies to join Europe and Africa markets trough Portugal · `001_84108df0aac265aa.txt` · 2025-03-14',
    });
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.flags ?? 0).toBe(0);
  });

  it('shows the next citations when "More sources" is clicked', async () => {
    const sent = sendCommand(running.fake, 'ask', askOption(question));
    await callbackOf(running.fake, sent);
    const answer = running.fake.original(sent.token) as MessageObject;
    const click = clickButton(running.fake, answer, 'ask:more:0');
    const callback = await callbackOf(running.fake, click);
    const data = callback.data as {
      embeds: { title: string; fields: { name: string; value: string }[] }[];
      flags: number;
      allowed_mentions: unknown;
    };
    expect(callback.type).toBe(4);
    expect(data.flags).toBe(ephemeral);
    expect(data.embeds[0]?.title).toBe(`More sources: ${question}`);
    expect(data.embeds[0]?.fields.length).toBeGreaterThan(0);
    expect(data.embeds[0]?.fields.map((f) => f.name.slice(0, 3))).toEqual(['1. ', '2. ', '3. '].slice(0, data.embeds[0]?.fields.length));
    // The quote already shown is not repeated as a "more" source.
    expect(data.embeds[0]?.fields.some((f) => f.value.includes('Paulo Portas has'))).toBe(false);
    expect(data.embeds[0]?.fields[0]?.value).toMatch(/\n.+ · `\d{3}_[0-9a-f]+\.txt`( · \d{4}-\d{2}-\d{2})?$/);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('says plainly that something is not in the corpus, with the nearest sources', async () => {
    const sent = sendCommand(running.fake, 'ask', askOption('What is the boiling point of liquid nitrogen?'));
    const data = (await callbackOf(running.fake, sent)).data as { content: string; embeds?: unknown[] };
    expect(data.content.split('\n')[0]).toBe("That's not in the corpus: no passage answers this question.");
    expect(data.embeds ?? []).toEqual([]);
  });

  it('lists the nearest sources under "not in the corpus" when some come close', async () => {
    const sent = sendCommand(running.fake, 'ask', askOption('How much did the Caspian cable cost?'));
    const data = (await callbackOf(running.fake, sent)).data as { content: string; allowed_mentions: unknown };
    expect(data.content).toBe(
      "That's not in the corpus: no passage answers this question.\nNearest sources:\n• The digital submarine infrastructure project through the bottom of the Caspian Sea… · `003_31b3e27154ee3997.txt` · 2021-03-05",
    );
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it.each([
    ['an empty question', '   ', "Ask me a question about the corpus, for example: `/ask question: Who met Portugal's minister?`"],
    ['a huge question', 'Portugal '.repeat(200), 'The question is too long (1799 characters; the limit is 500). Ask one short question.'],
    ['a question with no words', '?!?! ... ???', 'The question has no words in it: ask with words, e.g. "who met Portugal\'s minister?"'],
  ])('answers %s with a short explanation only the asker sees', async (_, text, expected) => {
    const sent = sendCommand(running.fake, 'ask', askOption(text));
    const callback = await callbackOf(running.fake, sent);
    expect(callback).toEqual({
      type: 4,
      data: { content: expected, flags: ephemeral, allowed_mentions: { parse: [] }, tts: false, enforce_nonce: false },
    });
  });

  it('keeps every reply within Discord limits', async () => {
    const sent = sendCommand(running.fake, 'ask', askOption(question));
    const data = (await callbackOf(running.fake, sent)).data as { content?: string; embeds?: [] };
    expect(limitViolations(data)).toEqual([]);
  });
});

describe('/ask on a corpus large enough to risk the 3-second deadline', () => {
  let running: RunningBot;
  beforeAll(async () => {
    running = await startBot({ engine, deferAnswers: true });
  });
  afterAll(() => running.stop());

  it('acknowledges first, then edits the answer in', async () => {
    const sent = sendCommand(running.fake, 'ask', askOption(question));
    expect((await callbackOf(running.fake, sent)).type).toBe(5);
    const edit = await editOf(running.fake, sent);
    expect(edit.content).toBe('**Ali Abbasov**');
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    expect(running.fake.original(sent.token)?.content).toBe('**Ali Abbasov**');
  });

  it('still explains a bad question privately, replacing the public "thinking…" message', async () => {
    const sent = sendCommand(running.fake, 'ask', askOption('Portugal '.repeat(200)));
    expect((await callbackOf(running.fake, sent)).type).toBe(5);
    const followUp = await running.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/webhooks/${ids.application}/${sent.token}`,
    );
    expect(followUp.body).toMatchObject({
      content: 'The question is too long (1799 characters; the limit is 500). Ask one short question.',
      flags: ephemeral,
    });
    expect(running.fake.requests.some((r) => r.method === 'DELETE' && r.path.endsWith(`${sent.token}/messages/@original`))).toBe(true);
  });
});

describe('per-user rate limit', () => {
  let running: RunningBot;
  beforeAll(async () => {
    running = await startBot({ engine, rateLimit: { limit: 2, windowMs: 30_000 } });
  });
  afterAll(() => running.stop());

  it('answers a few questions, then tells that user alone to wait', async () => {
    const first = sendCommand(running.fake, 'ask', askOption(question));
    const second = sendCommand(running.fake, 'ask', askOption(question));
    const third = sendCommand(running.fake, 'ask', askOption(question));
    expect(((await callbackOf(running.fake, first)).data as { content: string }).content).toBe('**Ali Abbasov**');
    expect(((await callbackOf(running.fake, second)).data as { content: string }).content).toBe('**Ali Abbasov**');
    expect((await callbackOf(running.fake, third)).data).toEqual({
      content: "You're asking quickly — try again in 30 s.",
      flags: ephemeral,
      allowed_mentions: { parse: [] },
      tts: false,
      enforce_nonce: false,
    });
  });
});
