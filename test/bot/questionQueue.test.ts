import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QuestionEntry } from '../../src/bot/storage/questionLog.ts';
import { QuestionQueue } from '../../src/bot/storage/questionQueue.ts';

const entry = (question: string): QuestionEntry => ({
  guild: 'g',
  channel: 'c',
  userHash: 'u',
  question,
  key: question,
  answered: true,
  source: null,
  confidence: 0.9,
  nearest: [],
});

/** A question log whose database another process holds while `locked` is true. */
function lockableLog() {
  const written: string[] = [];
  const state = { locked: false, attempts: 0 };
  const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
  return {
    written,
    state,
    writer: {
      record(e: QuestionEntry) {
        state.attempts++;
        if (state.locked) throw busy();
        written.push(e.question);
        return written.length;
      },
      recordAll(list: readonly { entry: QuestionEntry }[]) {
        state.attempts++;
        if (state.locked) throw busy();
        written.push(...list.map((l) => l.entry.question));
      },
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the question queue', () => {
  it('writes at once when the database is free, and returns the id the vote buttons carry', () => {
    const { writer, written } = lockableLog();
    const queue = new QuestionQueue(writer, { info() {}, warn() {} }, () => 0);
    expect(queue.record(entry('a'), 0)).toBe(1);
    expect(written).toEqual(['a']);
  });

  it('tries the database once per lock, queues the rest without touching it, and writes them in order when free', () => {
    vi.useFakeTimers();
    const { writer, written, state } = lockableLog();
    const lines: string[] = [];
    const report = { info: (msg: string) => lines.push(msg), warn: (msg: string) => lines.push(msg) };
    const queue = new QuestionQueue(writer, report, () => Date.now(), { retryMs: 100, giveUpAfterMs: 10_000 });
    state.locked = true;
    for (const q of ['a', 'b', 'c', 'd']) expect(queue.record(entry(q), 0)).toBeUndefined();
    expect(state.attempts).toBe(1);
    vi.advanceTimersByTime(300);
    expect(state.attempts).toBe(4);
    state.locked = false;
    vi.advanceTimersByTime(100);
    expect(written).toEqual(['a', 'b', 'c', 'd']);
    expect(queue.pending).toBe(0);
    expect(lines).toEqual(['database locked: questions are queued until it is free', 'database free again: queued questions written']);
  });

  it('drops what the lock keeps past the limit with one warning for them all, and counts every drop since start', () => {
    vi.useFakeTimers();
    const { writer, written, state } = lockableLog();
    const warnings: Record<string, unknown>[] = [];
    const report = { info() {}, warn: (msg: string, fields?: Record<string, unknown>) => warnings.push({ msg, ...fields }) };
    const queue = new QuestionQueue(writer, report, () => Date.now(), { retryMs: 100, giveUpAfterMs: 1_000, maxQueued: 3 });
    state.locked = true;
    for (const q of ['a', 'b', 'c', 'd', 'e']) queue.record(entry(q), 0);
    vi.advanceTimersByTime(1_100);
    expect(written).toEqual([]);
    expect(queue.dropped).toBe(5);
    expect(warnings.slice(1)).toEqual([
      { msg: 'questions not logged', questions: 2, reason: 'too many questions waiting', droppedSinceStart: 2 },
      { msg: 'questions not logged', questions: 3, reason: 'the database stayed locked', droppedSinceStart: 5 },
    ]);
  });
});
