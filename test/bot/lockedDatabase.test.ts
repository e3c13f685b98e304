import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../../src/bot/storage/sqliteStore.ts';
import { Engine } from '../../src/engine.ts';
import { humanUser } from '../../testbed/discord/fixtures.ts';
import { createTestLog, type RunningBot, startBot, type TestLog } from '../../testbed/discord/harness.ts';
import { callbackOf, sendCommand } from '../../testbed/discord/interactions.ts';

type Reply = { content?: string; components?: { components: { label: string }[] }[] };

const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-locked-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
});

const member = (n: number) => humanUser(`4200000000000${String(n).padStart(5, '0')}`);
const labels = (reply: Reply) => reply.components?.[0]?.components.map((b) => b.label) ?? [];

/** A bot with a store in a fresh DATA_DIR, and another connection to its file to hold the write lock with. */
async function lockedBot(queue: { retryMs: number; giveUpAfterMs: number }) {
  const log: TestLog = createTestLog();
  const dataDir = join(scratch, `data-${++folders}`);
  // Opening waits the documented 5 s for a lock; answering must never wait that long.
  const { store } = openSqliteStore(dataDir, { retentionDays: 90, queue, reports: log.logger });
  const running = await startBot({ engine, store, log });
  const other = new Database(join(dataDir, 'corpus-qa.db'));
  return { log, store, running, other };
}

async function ask(running: RunningBot, question: string, n: number): Promise<Reply> {
  const sent = sendCommand(running.fake, 'ask', [{ name: 'question', type: 3, value: question }], member(n));
  return (await callbackOf(running.fake, sent)).data as Reply;
}

describe('a database locked by another process while the bot answers', () => {
  it('answers every question at once, queues their logging, and writes them once the lock is gone', async () => {
    const { store, running, other, log } = await lockedBot({ retryMs: 50, giveUpAfterMs: 60_000 });
    try {
      other.exec('BEGIN IMMEDIATE');
      // Each of these used to wait the 5 s busy timeout on the event loop, holding every other member too.
      const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => ask(running, "who met Portugal's minister?", i)));
      for (const reply of replies) {
        expect(reply.content).toBe('**Ali Abbasov**');
        // Not logged yet, so nothing to vote on: the buttons that need the log are left out.
        expect(labels(reply)).toEqual(['More sources', 'Ask a follow-up']);
      }
      expect(store.questionQueue.pending).toBe(8);
      expect(log.logs.filter((l) => l.msg === 'database locked: questions are queued until it is free')).toHaveLength(1);
      other.exec('ROLLBACK');
      await vi.waitFor(() => expect(store.questionQueue.pending).toBe(0), { timeout: 5_000 });
      expect(other.prepare('SELECT COUNT(*) FROM questions').pluck().get()).toBe(8);
      expect(log.logs.find((l) => l.msg === 'database free again: queued questions written')).toMatchObject({ questions: 8 });
      // With the lock gone the next answer is logged at once and can be rated.
      expect(labels(await ask(running, "who met Portugal's minister?", 9))).toEqual(['More sources', '👍', '👎', 'Ask a follow-up']);
    } finally {
      other.close();
      await running.stop();
      store.close();
    }
  });

  it('drops questions still unwritten when the lock stays, with warnings that count them', async () => {
    const { store, running, other, log } = await lockedBot({ retryMs: 40, giveUpAfterMs: 200 });
    try {
      other.exec('BEGIN IMMEDIATE');
      for (let i = 0; i < 3; i++) expect((await ask(running, 'Who is the chairman of AzerTelecom?', 20 + i)).content).toBeDefined();
      await vi.waitFor(() => expect(store.questionQueue.pending).toBe(0), { timeout: 5_000 });
      const dropped = log.logs.filter((l) => l.msg === 'questions not logged');
      expect(dropped.reduce((n, l) => n + (l.questions as number), 0)).toBe(3);
      expect(dropped.at(-1)).toMatchObject({ level: 'warn', reason: 'the database stayed locked', droppedSinceStart: 3 });
      other.exec('ROLLBACK');
      expect(other.prepare('SELECT COUNT(*) FROM questions').pluck().get()).toBe(0);
    } finally {
      other.close();
      await running.stop();
      store.close();
    }
  });
});
