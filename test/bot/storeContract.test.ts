import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { defaultGuildSettings } from '../../src/bot/storage/guildSettings.ts';
import { latestSchemaVersion } from '../../src/bot/storage/migrations.ts';
import { openPostgresStore } from '../../src/bot/storage/postgres/postgresStore.ts';
import type { QuestionEntry } from '../../src/bot/storage/questionLog.ts';
import { openSqliteStore } from '../../src/bot/storage/sqliteStore.ts';
import type { BotStore, OpenedStore } from '../../src/bot/storage/store.ts';
import { freshDatabase, noPostgres, postgresUrl } from '../postgres/database.ts';

/**
 * One behaviour, two stores: every test here runs against SQLite (a DATA_DIR) and PostgreSQL (a database of
 * the test run's server), through the BotStore seam the bot uses.
 */
interface Implementation {
  name: string;
  /** Why it cannot run here; undefined when it can. */
  skip?: string;
  /** A new, empty place for a store: a folder, or a database. */
  place(): Promise<string>;
  open(place: string, options: { retentionDays: number; now(): number }): Promise<OpenedStore>;
}

const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-stores-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;

const implementations: Implementation[] = [
  {
    name: 'SQLite',
    place: async () => join(scratch, `data-${++folders}`),
    open: async (dir, options) => openSqliteStore(dir, options),
  },
  {
    name: `PostgreSQL${noPostgres && ` ${noPostgres}`}`,
    ...(postgresUrl ? {} : { skip: noPostgres }),
    place: freshDatabase,
    open: (url, options) => openPostgresStore(url, options),
  },
];

const day = 86_400_000;

describe.each(implementations)('the store on $name', (implementation) => {
  const opened: BotStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  let now = Date.parse('2026-03-01T12:00:00Z');
  const clock = { retentionDays: 30, now: () => now };
  async function open(place?: string): Promise<OpenedStore & { place: string }> {
    const where = place ?? (await implementation.place());
    const result = await implementation.open(where, clock);
    opened.push(result.store);
    return { ...result, place: where };
  }
  const entry = (store: BotStore, question: string, overrides: Partial<QuestionEntry> = {}): QuestionEntry => ({
    guild: 'g',
    channel: 'c',
    userHash: store.hashUser('400000000000000004'),
    question,
    key: question,
    answered: true,
    source: { doc: 'guide/responses', start: 10, end: 110 },
    confidence: 0.9,
    nearest: [{ doc: 'guide/responses', title: 'Responses', path: 'guide/responses.md' }],
    ...overrides,
  });
  /** Logs a question `daysAgo` days before now. */
  async function logged(store: BotStore, question: string, daysAgo = 0, overrides: Partial<QuestionEntry> = {}): Promise<number> {
    const before = now;
    now -= daysAgo * day;
    try {
      return (await store.logQuestion(entry(store, question, overrides)))!;
    } finally {
      now = before;
    }
  }
  const vote = async (store: BotStore, id: number, member: string, value: 1 | -1, manager = false) =>
    store.feedback.vote((await store.questions.answer(id))!, store.hashUser(member), value, manager, now);

  it.skipIf(implementation.skip)('is created with every migration, and opens again without migrating, keeping its salt', async () => {
    const first = await open();
    expect([first.migratedFrom, first.purged]).toEqual([0, 0]);
    const hash = first.store.hashUser('400000000000000004');
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(hash).not.toContain('400000000000000004');
    await first.store.close();
    const again = await open(first.place);
    expect(again.migratedFrom).toBe(latestSchemaVersion);
    expect(again.store.hashUser('400000000000000004')).toBe(hash);
  });

  it.skipIf(implementation.skip)('logs questions and finds the answer a vote is on, with what it cited', async () => {
    const { store } = await open();
    const id = await logged(store, "who met Portugal's minister?");
    const abstained = await logged(store, 'what is the boiling point of nitrogen?', 0, { answered: false, source: null });
    expect(abstained).toBeGreaterThan(id);
    expect(await store.questions.answer(id)).toEqual({
      id,
      guild: 'g',
      key: "who met Portugal's minister?",
      source: { doc: 'guide/responses', start: 10, end: 110 },
    });
    expect((await store.questions.answer(abstained))?.source).toBeNull();
    expect(await store.questions.answer(abstained + 1000)).toBeUndefined();
  });

  it.skipIf(implementation.skip)('records, changes and withdraws a vote, and demotes a source after two 👎 or one manager’s', async () => {
    const { store } = await open();
    const id = await logged(store, 'how do i hide a reply');
    expect(await vote(store, id, 'm1', 1)).toBe('recorded');
    expect(await store.feedback.tally('g', 'how do i hide a reply')).toEqual([
      { doc: 'guide/responses', start: 10, end: 110, up: 1, down: 0, managerDown: 0, effect: 'preferred' },
    ]);
    expect(await vote(store, id, 'm1', -1)).toBe('changed');
    expect((await store.feedback.tally('g', 'how do i hide a reply'))[0]).toMatchObject({ up: 0, down: 1, effect: 'none' });
    expect(await vote(store, id, 'm1', -1)).toBe('withdrawn');
    expect(await store.feedback.tally('g', 'how do i hide a reply')).toEqual([]);

    await vote(store, id, 'm1', -1);
    await vote(store, id, 'm2', -1);
    expect((await store.feedback.tally('g', 'how do i hide a reply'))[0]).toMatchObject({ down: 2, effect: 'demoted' });
    const other = await logged(store, 'how do i edit a reply', 0, { source: { doc: 'guide/edits', start: 0, end: 50 } });
    await vote(store, other, 'm3', -1, true);
    expect(await store.feedback.rankingFeedback('g', 'how do i edit a reply')).toEqual({
      demote: [{ doc: 'guide/edits', start: 0, end: 50 }],
      prefer: [],
    });
    expect(await store.feedback.rankingFeedback('another guild', 'how do i edit a reply')).toBeUndefined();
    expect(await store.feedback.clear('g', 'how do i hide a reply')).toBe(2);
    expect(await store.feedback.tally('g', 'how do i hide a reply')).toEqual([]);
  });

  it.skipIf(implementation.skip)('keeps the reason given with a 👎 only while the 👎 stands', async () => {
    const { store } = await open();
    const id = await logged(store, 'how do i hide a reply');
    await vote(store, id, 'm1', -1);
    expect(await store.feedback.giveReason(id, store.hashUser('m1'), 'outdated')).toBe(true);
    expect((await store.stats.questions('g', 0)).reasons).toEqual({ wrong: 0, outdated: 1, 'not-in-docs': 0, other: 0 });
    await vote(store, id, 'm1', 1);
    expect(await store.feedback.giveReason(id, store.hashUser('m1'), 'wrong')).toBe(false);
    expect((await store.stats.questions('g', 0)).reasons.outdated).toBe(0);
  });

  it.skipIf(implementation.skip)(
    'remembers the questions members rated 👍 as their words for the quote, until RETENTION_DAYS purges the question',
    async () => {
      const { store } = await open();
      const whisper = await logged(store, 'can the bot whisper answers', 20, { source: { doc: 'guide/responses', start: 10, end: 110 } });
      const hide = await logged(store, 'how do i hide a reply', 5, { source: { doc: 'guide/responses', start: 200, end: 300 } });
      const disputed = await logged(store, 'how do i edit a reply', 5, { source: { doc: 'guide/responses', start: 300, end: 400 } });
      await vote(store, whisper, 'm1', 1);
      await vote(store, hide, 'm1', 1);
      await vote(store, disputed, 'm1', 1);
      await vote(store, disputed, 'm2', -1);
      expect((await store.feedback.rankingFeedback('g', 'an unrelated question'))?.phrasings).toEqual([
        { question: 'how do i hide a reply', source: { doc: 'guide/responses', start: 200, end: 300 } },
        { question: 'can the bot whisper answers', source: { doc: 'guide/responses', start: 10, end: 110 } },
      ]);
      expect(await store.feedback.phrasings('another guild')).toEqual([]);
      now += 15 * day;
      try {
        await store.purgeExpired();
        expect((await store.feedback.phrasings('g')).map((p) => p.question)).toEqual(['how do i hide a reply']);
      } finally {
        now -= 15 * day;
      }
    },
  );

  it.skipIf(implementation.skip)(
    'deletes questions older than RETENTION_DAYS at opening and when asked, with help posts and reasons, keeping the votes',
    async () => {
      const first = await open();
      const old = await logged(first.store, 'an old question', 40);
      const recent = await logged(first.store, 'a recent question', 10, { channel: 't' });
      await vote(first.store, old, 'm1', -1);
      await vote(first.store, recent, 'm1', -1);
      await first.store.feedback.giveReason(recent, first.store.hashUser('m1'), 'wrong');
      await first.store.helpPosts.take({ thread: 't', guild: 'g', channel: 'f', askerHash: 'a', postedAt: now - 10 * day });
      await first.store.close();

      const reopened = await open(first.place);
      const { store } = reopened;
      expect(reopened.purged).toBe(1);
      expect(await store.questions.answer(old)).toBeUndefined();
      expect(await store.questions.answer(recent)).toBeDefined();
      // A vote holds no question text, so it outlives the log and keeps its effect on the ranking.
      expect((await store.feedback.tally('g', 'an old question')).map((t) => t.down)).toEqual([1]);
      // Past the vote's date too: its reason goes with the questions of its time.
      now += 31 * day;
      try {
        expect(await store.purgeExpired()).toBe(1);
        expect(await store.questions.answer(recent)).toBeUndefined();
        expect(await store.helpPosts.get('t')).toBeUndefined();
        expect((await store.feedback.tally('g', 'a recent question')).map((t) => t.down)).toEqual([1]);
        expect((await store.stats.questions('g', 0)).reasons.wrong).toBe(0);
      } finally {
        now -= 31 * day;
      }
    },
  );

  it.skipIf(implementation.skip)('keeps each server’s settings, the defaults standing for what it never set', async () => {
    const { store } = await open();
    const untouched = await store.settings.get('g');
    expect(untouched).toEqual(defaultGuildSettings);
    await store.settings.update('g', { boldAnswer: false, helpConfidence: 0.4, supportRole: '500000000000000001' }, now);
    const changed = await store.settings.update('g', { rateLimit: { limit: 2, windowMs: 60_000 }, helpConfidence: null }, now);
    expect(changed).toMatchObject({ boldAnswer: false, rateLimit: { limit: 2, windowMs: 60_000 }, helpConfidence: null });
    expect(changed.supportRole).toBe('500000000000000001');
    await store.settings.update('g', { mentions: 'listed' }, now);
    await store.settings.setChannel('g', '700000000000000002', true);
    await store.settings.setChannel('g', '700000000000000001', true);
    await store.settings.setChannel('g', '700000000000000001', true);
    expect((await store.settings.get('g')).channels).toEqual(['700000000000000001', '700000000000000002']);
    expect((await store.settings.setChannel('g', '700000000000000002', false)).channels).toEqual(['700000000000000001']);
    await store.settings.setHelpChannel('g', { id: 'text', kind: 'text' }, true, 20);
    await store.settings.setHelpChannel('g', { id: 'forum', kind: 'forum' }, true, 10);
    expect((await store.settings.get('g')).helpChannels).toEqual([
      { channel: 'forum', kind: 'forum', addedAt: 10 },
      { channel: 'text', kind: 'text', addedAt: 20 },
    ]);
    expect((await store.settings.setHelpChannel('g', { id: 'text', kind: 'text' }, false, 30)).helpChannels).toHaveLength(1);
    expect(await store.settings.get('another guild')).toEqual(untouched);
  });

  it.skipIf(implementation.skip)('takes a help post once, records its first reply, and its solving and escalation once', async () => {
    const { store } = await open();
    const post = { thread: 't1', guild: 'g', channel: 'forum', askerHash: 'a', postedAt: 1_000 };
    expect(await store.helpPosts.take(post)).toBe(true);
    expect(await store.helpPosts.take(post)).toBe(false);
    await store.helpPosts.take({ ...post, thread: 't2', postedAt: 2_000 });
    await store.helpPosts.take({ ...post, thread: 't3', postedAt: 3_000 });
    expect((await store.helpPosts.waiting('g')).map((p) => p.thread)).toEqual(['t1', 't2', 't3']);
    await store.helpPosts.answered('t1', 'answered', null, 1_500);
    await store.helpPosts.answered('t1', 'not_covered', null, 1_600);
    await store.helpPosts.answered('t2', 'rate_limited', null, 2_500);
    expect(await store.helpPosts.get('t1')).toEqual({
      ...post,
      answeredAt: 1_500,
      outcome: 'answered',
      questionId: null,
      solvedAt: null,
      escalatedAt: null,
    });
    expect(await store.helpPosts.get('t2')).toMatchObject({ answeredAt: null, outcome: 'rate_limited' });
    expect((await store.helpPosts.waiting('g')).map((p) => p.thread)).toEqual(['t3']);
    expect(await store.helpPosts.solved('t1', 5_000)).toBe(true);
    expect(await store.helpPosts.solved('t1', 6_000)).toBe(false);
    expect(await store.helpPosts.escalated('t3', 7_000)).toBe(true);
    expect(await store.helpPosts.escalated('t3', 8_000)).toBe(false);
    expect(await store.helpPosts.solvedPosts('g')).toEqual([{ thread: 't1', solvedAt: 5_000 }]);
    expect(await store.helpPosts.waiting('g')).toEqual([]);
  });

  it.skipIf(implementation.skip)('counts questions, votes and help posts for /stats, and lists the gaps', async () => {
    const { store } = await open();
    await store.helpPosts.take({ thread: 't1', guild: 'g', channel: 'forum', askerHash: 'a', postedAt: now - 4_000 });
    await store.helpPosts.take({ thread: 't2', guild: 'g', channel: 'forum', askerHash: 'a', postedAt: now - 3_000 });
    await store.helpPosts.take({ thread: 't3', guild: 'g', channel: 'forum', askerHash: 'a', postedAt: now - 2_000 });
    const answered = await logged(store, 'how do i hide a reply', 0, { channel: 't1' });
    await store.helpPosts.answered('t1', 'answered', answered, now - 3_000);
    await store.helpPosts.answered('t2', 'not_covered', null, now - 2_000);
    await store.helpPosts.solved('t1', now);
    await vote(store, answered, 'm1', -1);
    await store.feedback.giveReason(answered, store.hashUser('m1'), 'not-in-docs');
    await logged(store, 'what is the boiling point of nitrogen?', 0, { answered: false, source: null });
    await logged(store, 'what is the boiling point of nitrogen', 0, {
      answered: false,
      source: null,
      key: 'what is the boiling point of nitrogen?',
    });
    await logged(store, 'who met the minister?');

    expect(await store.stats.questions('g', 0)).toEqual({
      questions: 4,
      answered: 2,
      abstained: 2,
      up: 0,
      down: 1,
      reasons: { wrong: 0, outdated: 0, 'not-in-docs': 1, other: 0 },
    });
    expect(await store.stats.helpChannels('g', 0)).toEqual([
      {
        channel: 'forum',
        posts: 3,
        answered: 1,
        notCovered: 1,
        rateLimited: 0,
        solved: 1,
        solvedByBot: 1,
        escalated: 0,
        up: 0,
        down: 1,
        reasons: { wrong: 0, outdated: 0, 'not-in-docs': 1, other: 0 },
        medianFirstReplyMs: 1_000,
      },
    ]);
    expect(await store.stats.helpChannels('g', now)).toEqual([]);
    expect(await store.questions.gaps('g', 0, 10)).toEqual([
      {
        question: 'what is the boiling point of nitrogen',
        asked: 2,
        abstained: 2,
        downvotedBy: 0,
        lastAsked: now,
        nearest: [{ doc: 'guide/responses', title: 'Responses', path: 'guide/responses.md' }],
      },
      {
        question: 'how do i hide a reply',
        asked: 1,
        abstained: 0,
        downvotedBy: 1,
        lastAsked: now,
        nearest: [{ doc: 'guide/responses', title: 'Responses', path: 'guide/responses.md' }],
        reasons: { 'not-in-docs': 1 },
      },
    ]);
    expect(await store.questions.gaps('another guild', 0, 10)).toEqual([]);
  });
});
