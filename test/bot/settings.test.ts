import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersMentionsIn, defaultGuildSettings } from '../../src/bot/storage/guildSettings.ts';
import { openSqliteStore, type SqliteStore } from '../../src/bot/storage/sqliteStore.ts';
import { Engine } from '../../src/engine.ts';
import { botUser, humanUser, ids, permissions } from '../../testbed/discord/fixtures.ts';
import { type RunningBot, startBot } from '../../testbed/discord/harness.ts';
import { type CommandOption, callbackOf, sendCommand, sendMessage } from '../../testbed/discord/interactions.ts';
import type { FakeDiscord, RecordedRequest } from '../../testbed/discord/server.ts';

type Reply = { content?: string; embeds?: { fields: { name: string; value: string }[] }[]; flags?: number };

const question = "who met Portugal's minister?";
const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-settings-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
});

/** Runs `/settings <sub>` as the server's owner (or as `memberPermissions`) and returns the private reply. */
async function settings(fake: FakeDiscord, sub: string, options: CommandOption[] = [], memberPermissions?: string): Promise<Reply> {
  const sent = sendCommand(fake, 'settings', [{ name: sub, type: 1, options }], humanUser(), ids.guild, memberPermissions);
  const data = (await callbackOf(fake, sent)).data as Reply;
  expect(data.flags).toBe(64);
  return data;
}
const fieldsOf = (reply: Reply) => Object.fromEntries(reply.embeds?.[0]?.fields.map((f) => [f.name, f.value]) ?? []);

async function ask(fake: FakeDiscord, user = humanUser()): Promise<Reply> {
  const sent = sendCommand(fake, 'ask', [{ name: 'question', type: 3, value: question }], user);
  return (await callbackOf(fake, sent)).data as Reply;
}

/** The bot's reply to a message, if it sends one. */
function replyTo(fake: FakeDiscord, messageId: string): Promise<RecordedRequest> {
  return fake.waitForRequest(
    (r) => r.method === 'POST' && (r.body.message_reference as { message_id?: string } | undefined)?.message_id === messageId,
  );
}

describe('/settings', () => {
  let store: SqliteStore;
  let running: RunningBot;
  const dataDir = join(scratch, 'data');
  beforeAll(async () => {
    store = openSqliteStore(dataDir, { retentionDays: 90 }).store;
    running = await startBot({ engine, store });
  });
  afterAll(async () => {
    await running.stop();
    store.close();
  });

  it('shows the defaults to a manager', async () => {
    expect(fieldsOf(await settings(running.fake, 'show'))).toEqual({
      'Mentions answered': 'in every channel',
      Threads: 'not opened (answers offer a follow-up button)',
      'Rate limit': '5 questions per 30 s per member (the default)',
      'Short answer': 'in bold',
    });
  });

  it('is refused to a member without Manage Server, and changes nothing', async () => {
    const refused = await settings(running.fake, 'bold-answer', [{ name: 'bold', type: 5, value: false }], permissions.member);
    expect(refused.content).toBe('Only members with the Manage Server permission can use /settings.');
    expect((await ask(running.fake)).content).toBe('**Ali Abbasov**');
  });

  it('shows the short answer plain once bold is turned off, from the next question on', async () => {
    const saved = await settings(running.fake, 'bold-answer', [{ name: 'bold', type: 5, value: false }]);
    expect(saved.content).toBe('Saved: short answers are shown plain.');
    expect(fieldsOf(saved)['Short answer']).toBe('plain');
    expect((await ask(running.fake)).content).toBe('Ali Abbasov');
    await settings(running.fake, 'bold-answer', [{ name: 'bold', type: 5, value: true }]);
    expect((await ask(running.fake)).content).toBe('**Ali Abbasov**');
  });

  it('answers mentions only in the listed channels once a manager says so', async () => {
    const listed = await settings(running.fake, 'channel', [
      { name: 'channel', type: 7, value: ids.otherChannel },
      { name: 'listed', type: 5, value: true },
    ]);
    expect(listed.content).toBe(
      `Saved: <#${ids.otherChannel}> is listed. Lists apply once \`/settings mentions answer-in: listed channels only\` is set.`,
    );
    const only = await settings(running.fake, 'mentions', [{ name: 'answer-in', type: 3, value: 'listed' }]);
    expect(fieldsOf(only)['Mentions answered']).toBe(`only in <#${ids.otherChannel}> (and their threads)`);

    const unlisted = sendMessage(running.fake, `<@${ids.bot}> ${question}`, { mentions: [botUser], channel: ids.channel });
    const inListed = sendMessage(running.fake, `<@${ids.bot}> ${question}`, { mentions: [botUser], channel: ids.otherChannel });
    expect((await replyTo(running.fake, inListed.id)).body.content).toBe('**Ali Abbasov**');
    // The message in the unlisted channel came first; by the time the later one is answered it would have been too.
    expect(
      running.fake.requests.some((r) => (r.body.message_reference as { message_id?: string } | undefined)?.message_id === unlisted.id),
    ).toBe(false);
    // Slash commands are not limited by the list: Discord's own per-channel command permissions do that.
    expect((await ask(running.fake)).content).toBe('**Ali Abbasov**');

    await settings(running.fake, 'mentions', [{ name: 'answer-in', type: 3, value: 'all' }]);
    const anywhere = sendMessage(running.fake, `<@${ids.bot}> ${question}`, { mentions: [botUser], channel: ids.channel });
    expect((await replyTo(running.fake, anywhere.id)).body.content).toBe('**Ali Abbasov**');
  });

  it("applies the server's rate limit per member", async () => {
    const saved = await settings(running.fake, 'rate-limit', [
      { name: 'questions', type: 4, value: 1 },
      { name: 'seconds', type: 4, value: 120 },
    ]);
    expect(saved.content).toBe('Saved: each member may ask 1 question per 120 s.');
    expect(fieldsOf(saved)['Rate limit']).toBe('1 question per 120 s per member');
    const asker = humanUser('410000000000000077');
    expect((await ask(running.fake, asker)).content).toBe('**Ali Abbasov**');
    expect((await ask(running.fake, asker)).content).toBe("You're asking quickly — try again in 120 s.");
    // Another member has their own allowance.
    expect((await ask(running.fake, humanUser(ids.otherUser))).content).toBe('**Ali Abbasov**');
  });

  it('opens a thread under each answer to a mention once the server turns threads on', async () => {
    const threadsOf = (answerId: string) =>
      running.fake.requests.some((r) => r.path === `/channels/${ids.channel}/messages/${answerId}/threads`);
    // New members each time: the rate limit set above allows one question per member.
    const before = sendMessage(running.fake, `<@${ids.bot}> ${question}`, { mentions: [botUser], author: humanUser('410000000000000091') });
    const firstAnswer = (await replyTo(running.fake, before.id)).body;
    expect(firstAnswer.content).toBe('**Ali Abbasov**');

    const saved = await settings(running.fake, 'threads', [{ name: 'open', type: 5, value: true }]);
    expect(saved.content).toBe('Saved: answers to mentions open a thread.');
    expect((await store.settings.get(ids.guild)).threads).toBe(true);
    const after = sendMessage(running.fake, `<@${ids.bot}> ${question}`, { mentions: [botUser], author: humanUser('410000000000000092') });
    await replyTo(running.fake, after.id);
    const answer = [...running.fake.messages.values()].find(
      (m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === after.id,
    )!;
    const created = await running.fake.waitForRequest((r) => r.path === `/channels/${ids.channel}/messages/${answer.id}/threads`);
    expect(created.body.name).toBe(question);
    const earlier = [...running.fake.messages.values()].find(
      (m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === before.id,
    )!;
    expect(threadsOf(earlier.id)).toBe(false);
  });

  it('keeps every setting across a restart', async () => {
    await running.stop();
    store.close();
    store = openSqliteStore(dataDir, { retentionDays: 90 }).store;
    running = await startBot({ engine, store });
    expect(fieldsOf(await settings(running.fake, 'show'))).toEqual({
      'Mentions answered': 'in every channel',
      Threads: 'opened under each answer to a mention',
      'Rate limit': '1 question per 120 s per member',
      'Short answer': 'in bold',
    });
    expect((await store.settings.get(ids.guild)).channels).toEqual([ids.otherChannel]);
    // Another server never set anything: it has the defaults.
    expect(await store.settings.get(ids.secondGuild)).toEqual(defaultGuildSettings);
  });
});

describe('answersMentionsIn', () => {
  const listed = { ...defaultGuildSettings, mentions: 'listed' as const, channels: ['100'] };
  it('answers everywhere by default, and only in listed channels and their threads when listed', () => {
    expect(answersMentionsIn(defaultGuildSettings, '300', null)).toBe(true);
    expect(answersMentionsIn(listed, '100', null)).toBe(true);
    expect(answersMentionsIn(listed, '300', null)).toBe(false);
    // A thread is answered when its parent channel is listed.
    expect(answersMentionsIn(listed, '555', '100')).toBe(true);
    expect(answersMentionsIn(listed, '555', '300')).toBe(false);
    expect(answersMentionsIn({ ...listed, channels: [] }, '100', null)).toBe(false);
  });
});
