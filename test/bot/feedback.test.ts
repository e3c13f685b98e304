import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/bot/storage/sqliteStore.ts';
import { Engine } from '../../src/engine.ts';
import { botUser, humanUser, ids, permissions } from '../../testbed/discord/fixtures.ts';
import { type RunningBot, startBot } from '../../testbed/discord/harness.ts';
import { callbackOf, clickButton, type SentInteraction, sendCommand, sendMessage } from '../../testbed/discord/interactions.ts';
import type { FakeDiscord, MessageObject } from '../../testbed/discord/server.ts';

type AnswerData = {
  content?: string;
  embeds?: { title: string; description?: string; fields: { name: string; value: string }[] }[];
  components?: { components: { custom_id: string; label: string }[] }[];
};

const question = "who met Portugal's minister?";
const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-feedback-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
const freshStore = () => openSqliteStore(join(scratch, `data-${++folders}`), { retentionDays: 90 }).store;

let engine: Engine;
/** The citation of the sentence that answers `question` when no one has voted. */
let firstSource: string;
beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
  const doc = engine.document('001_84108df0aac265aa')!;
  firstSource = `${doc.title} · \`${doc.path}\` · ${doc.date}`;
});

/** Members of the test guild: distinct ids, none with Manage Server. */
const member = (n: number) => humanUser(`4100000000000${String(n).padStart(5, '0')}`);

async function askIn(fake: FakeDiscord, guild: string = ids.guild, text = question): Promise<{ sent: SentInteraction; data: AnswerData }> {
  const sent = sendCommand(fake, 'ask', [{ name: 'question', type: 3, value: text }], humanUser(), guild);
  return { sent, data: (await callbackOf(fake, sent)).data as AnswerData };
}

const sourceOf = (data: AnswerData) => data.embeds?.[0]?.fields[0]?.value;
/** The quote an answer shows: a demoted sentence may give way to another sentence of the same document. */
const quoteOf = (data: AnswerData) => data.embeds?.[0]?.description;
const buttonsOf = (data: AnswerData) => data.components?.[0]?.components.map((b) => [b.custom_id, b.label]) ?? [];

/** Clicks a button as `user` (with the given permissions) and returns the private reply's text. */
async function click(fake: FakeDiscord, message: MessageObject, customId: string, user = humanUser(), memberPermissions?: string) {
  const sent = clickButton(fake, message, customId, user, memberPermissions);
  const callback = await callbackOf(fake, sent);
  expect((callback.data as { flags: number }).flags).toBe(64);
  return (callback.data as { content: string }).content;
}

describe('👍/👎 on answers', () => {
  let store: SqliteStore;
  let running: RunningBot;
  beforeAll(async () => {
    store = freshStore();
    running = await startBot({ engine, store });
  });
  afterAll(async () => {
    await running.stop();
    store.close();
  });

  it('puts 👍 and 👎 beside "More sources" on every answer, rating the logged question', async () => {
    const { data } = await askIn(running.fake);
    expect(data.content).toBe('**Ali Abbasov**');
    const [more, up, down] = buttonsOf(data);
    expect([more?.[1], up?.[1], down?.[1]]).toEqual(['More sources', '👍', '👎']);
    expect(more?.[0]).toBe('ask:more:0');
    expect(up?.[0]).toMatch(/^ask:vote:up:\d+$/);
    expect(down?.[0]).toBe(up?.[0]?.replace(':up:', ':down:'));
  });

  it('records a vote, changes it with the other button and takes it back with the same one, one per member', async () => {
    const { sent } = await askIn(running.fake);
    const answer = running.fake.original(sent.token)!;
    const [, up, down] = buttonsOf(answer as unknown as AnswerData).map(([id]) => id!);
    const voter = member(1);
    const votes = async () => store.feedback.tally(ids.guild, (await store.questions.answer(Number(up!.split(':')[3])))!.key);
    expect(await click(running.fake, answer, up!, voter, permissions.member)).toBe(
      'Your 👍 is recorded; click it again to take it back. This source now wins ties for this question in this server.',
    );
    expect((await votes()).map((t) => [t.up, t.down])).toEqual([[1, 0]]);
    expect(await click(running.fake, answer, down!, voter, permissions.member)).toBe(
      'Your vote is now 👎; click it again to take it back.',
    );
    expect((await votes()).map((t) => [t.up, t.down])).toEqual([[0, 1]]);
    expect(await click(running.fake, answer, down!, voter, permissions.member)).toBe('Your 👎 is taken back.');
    expect(await votes()).toEqual([]);
  });

  it('stores the votes of 50 members clicking at once, every one of them', async () => {
    const { sent } = await askIn(running.fake, ids.guild, 'Who is the chairman of AzerTelecom?');
    const answer = running.fake.original(sent.token)!;
    const [, up] = buttonsOf(answer as unknown as AnswerData).map(([id]) => id!);
    const clicks = Array.from({ length: 50 }, (_, n) => clickButton(running.fake, answer, up!, member(100 + n), permissions.member));
    await Promise.all(clicks.map((c) => callbackOf(running.fake, c, 20_000)));
    const logged = (await store.questions.answer(Number(up!.split(':')[3])))!;
    expect((await store.feedback.tally(ids.guild, logged.key)).map((t) => t.up)).toEqual([50]);
  });

  it("demotes a source after two members' 👎 for that question in that server only", async () => {
    const first = await askIn(running.fake);
    expect(sourceOf(first.data)).toBe(firstSource);
    const answer = running.fake.original(first.sent.token)!;
    const [, , down] = buttonsOf(answer as unknown as AnswerData).map(([id]) => id!);
    expect(await click(running.fake, answer, down!, member(2), permissions.member)).toBe(
      'Your 👎 is recorded; click it again to take it back.',
    );
    // One member's 👎 is not enough.
    expect(sourceOf((await askIn(running.fake)).data)).toBe(firstSource);
    expect(await click(running.fake, answer, down!, member(3), permissions.member)).toBe(
      'Your 👎 is recorded; click it again to take it back. This source is no longer the first answer to this question in this server.',
    );
    // The same question, however it is typed, no longer gets that source first here…
    for (const typed of [question, 'Who met Portugal’s minister', '  WHO MET PORTUGAL S MINISTER?? ']) {
      const again = await askIn(running.fake, ids.guild, typed);
      expect(quoteOf(again.data), typed).not.toBe(quoteOf(first.data));
      expect(again.data.content ?? '', typed).not.toBe('**Ali Abbasov**');
    }
    // …while another server still gets it first.
    expect(sourceOf((await askIn(running.fake, ids.secondGuild)).data)).toBe(firstSource);
    // A different question in the same server is not affected.
    expect((await askIn(running.fake, ids.guild, 'Who did Paulo Portas meet?')).data.content).toBe('**Ali Abbasov**');
  });

  it('lets a manager see the votes and clear them, which restores the answer', async () => {
    const shown = sendCommand(running.fake, 'feedback', [
      { name: 'show', type: 1, options: [{ name: 'question', type: 3, value: question }] },
    ]);
    const embed = ((await callbackOf(running.fake, shown)).data as AnswerData).embeds![0]!;
    expect(embed.title).toBe(`Feedback: ${question}`);
    expect(embed.fields[0]!.name).toBe('Demoted: no longer the first answer · 👍 0 · 👎 2');
    expect(embed.fields[0]!.value.split('\n')[0]).toBe(firstSource);

    const refused = sendCommand(
      running.fake,
      'feedback',
      [{ name: 'clear', type: 1, options: [{ name: 'question', type: 3, value: question }] }],
      member(4),
      ids.guild,
      permissions.member,
    );
    expect(((await callbackOf(running.fake, refused)).data as { content: string }).content).toBe(
      'Only members with the Manage Server permission can use /feedback.',
    );

    const cleared = sendCommand(running.fake, 'feedback', [
      { name: 'clear', type: 1, options: [{ name: 'question', type: 3, value: question }] },
    ]);
    expect(((await callbackOf(running.fake, cleared)).data as { content: string }).content).toBe(
      `Forgot 2 votes on answers to "${question}"; it is answered as if no one had voted.`,
    );
    expect(sourceOf((await askIn(running.fake)).data)).toBe(firstSource);
  });

  it('demotes a source after one 👎 from a member with Manage Server', async () => {
    const text = 'Who met the Portuguese minister of state?';
    const first = await askIn(running.fake, ids.guild, text);
    const before = sourceOf(first.data);
    const answer = running.fake.original(first.sent.token)!;
    const [, , down] = buttonsOf(answer as unknown as AnswerData).map(([id]) => id!);
    expect(await click(running.fake, answer, down!, humanUser(), permissions.owner)).toMatch(/This source is no longer the first answer/);
    expect(sourceOf((await askIn(running.fake, ids.guild, text)).data)).not.toBe(before);
  });

  it('puts the buttons on answers to mentions too', async () => {
    const message = sendMessage(running.fake, `<@${ids.bot}> ${question}`, { mentions: [botUser] });
    const reply = await running.fake.waitForRequest(
      (r) => r.method === 'POST' && (r.body.message_reference as { message_id?: string } | undefined)?.message_id === message.id,
    );
    expect(buttonsOf(reply.body as AnswerData).map(([, label]) => label)).toEqual(['More sources', '👍', '👎', 'Ask a follow-up']);
  });

  it('keeps members only as salted hashes, and no question text with the votes', () => {
    const db = new Database(store.location, { readonly: true });
    try {
      const users = db.prepare('SELECT user_hash FROM questions UNION ALL SELECT user_hash FROM votes').pluck().all() as string[];
      expect(users.length).toBeGreaterThan(50);
      for (const hash of users) expect(hash).toMatch(/^[0-9a-f]{32}$/);
      const everything = JSON.stringify([db.prepare('SELECT * FROM votes').all(), users]);
      for (const id of [ids.user, member(1).id, member(100).id]) expect(everything).not.toContain(id);
      expect(everything).not.toMatch(/minister|Portugal/i);
    } finally {
      db.close();
    }
  });
});

describe('votes across a restart', () => {
  it('keeps every vote, and their effect, when the bot and its database are reopened', async () => {
    const dataDir = join(scratch, 'restart');
    let { store } = openSqliteStore(dataDir, { retentionDays: 90 });
    let running = await startBot({ engine, store });
    const first = await askIn(running.fake);
    const answer = running.fake.original(first.sent.token)!;
    const [, , down] = buttonsOf(answer as unknown as AnswerData).map(([id]) => id!);
    await click(running.fake, answer, down!, member(5), permissions.member);
    await click(running.fake, answer, down!, member(6), permissions.member);
    await running.stop();
    store.close();

    ({ store } = openSqliteStore(dataDir, { retentionDays: 90 }));
    running = await startBot({ engine, store });
    try {
      expect(quoteOf((await askIn(running.fake)).data)).not.toBe(quoteOf(first.data));
      const key = (await store.questions.answer(Number(down!.split(':')[3])))!.key;
      expect((await store.feedback.tally(ids.guild, key)).map((t) => [t.down, t.effect])).toEqual([[2, 'demoted']]);
      // A member's second click after the restart still finds their vote: it takes it back.
      expect(await click(running.fake, answer, down!, member(5), permissions.member)).toBe('Your 👎 is taken back.');
    } finally {
      await running.stop();
      store.close();
    }
  });
});

describe('a vote while another process holds the database', () => {
  it('tells the member their vote was not saved, and takes it once the lock is gone', async () => {
    const dataDir = join(scratch, 'locked');
    const { store } = openSqliteStore(dataDir, { retentionDays: 90, busyTimeoutMs: 50 });
    const running = await startBot({ engine, store });
    const other = new Database(join(dataDir, 'corpus-qa.db'));
    try {
      const { sent } = await askIn(running.fake);
      const answer = running.fake.original(sent.token)!;
      const [, up] = buttonsOf(answer as unknown as AnswerData).map(([id]) => id!);
      other.exec('BEGIN IMMEDIATE');
      expect(await click(running.fake, answer, up!)).toBe(
        "Your vote was not saved: the bot's database is busy. Please click again in a moment.",
      );
      other.exec('ROLLBACK');
      expect(await click(running.fake, answer, up!)).toBe(
        'Your 👍 is recorded; click it again to take it back. This source now wins ties for this question in this server.',
      );
    } finally {
      other.close();
      await running.stop();
      store.close();
    }
  });
});
