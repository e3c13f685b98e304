/**
 * Writes N logged questions and N votes through the real bot under concurrent /ask load, and compares the
 * /ask latency with that of the same load on a bot that keeps nothing (a script, not a timed test: figures
 * vary by machine). The bot is the real discord.js client against the local Discord of testbed/discord, on
 * 127.0.0.1; the database is a real SQLite file in a temporary DATA_DIR, and with --database-url also an
 * empty PostgreSQL database (its tables are created there; give it a database of its own).
 *
 *   npx tsx scripts/benchStorage.ts [--questions N] [--concurrency C] [--database-url postgres://…]
 *
 * Rounds: without a store, with one (every /ask logged, and a 👍 from two new members on each answer; SQLite,
 * then PostgreSQL when given), and without one again, so the spread between the two baselines shows the
 * noise. Afterwards the rows are counted: every question and every vote must be there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore } from '../src/bot/storage/postgres/postgresStore.ts';
import { openSqliteStore } from '../src/bot/storage/sqliteStore.ts';
import type { BotStore } from '../src/bot/storage/store.ts';
import { Engine } from '../src/engine.ts';
import { humanUser, ids } from '../testbed/discord/fixtures.ts';
import { type RunningBot, startBot } from '../testbed/discord/harness.ts';
import { clickButton, sendCommand } from '../testbed/discord/interactions.ts';
import type { MessageObject, RecordedRequest } from '../testbed/discord/server.ts';

const { values } = parseArgs({
  options: {
    questions: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '16' },
    'database-url': { type: 'string' },
  },
});
const total = Number(values.questions);
const concurrency = Number(values.concurrency);

const questions = [
  "who met Portugal's minister?",
  'Who is the chairman of AzerTelecom?',
  'How much did the Caspian cable cost?',
  'What is the boiling point of liquid nitrogen?',
  'Who did Paulo Portas meet?',
  'What did the Minister of Transport of Turkey discuss?',
];

/** The callback of an interaction, awaited without scanning every request recorded so far. */
function callback(running: RunningBot, sent: { id: string; token: string }): Promise<RecordedRequest> {
  const path = `/interactions/${sent.id}/${sent.token}/callback`;
  return running.fake.waitForRequest((r) => r.path === path, 30_000);
}

interface Round {
  latencies: number[];
  votes: number;
  ms: number;
}

async function round(running: RunningBot, vote: boolean, offset: number, count = total): Promise<Round> {
  const latencies: number[] = [];
  let next = 0;
  let votes = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const n = next++;
      // Many askers, so the per-member rate limit is never what is measured.
      const asker = humanUser(`42${String(offset + (n % 5000)).padStart(16, '0')}`);
      const sent = sendCommand(running.fake, 'ask', [{ name: 'question', type: 3, value: questions[n % questions.length]! }], asker);
      const t = performance.now();
      const reply = await callback(running, sent);
      latencies.push(performance.now() - t);
      const down = ((reply.body.data as { components?: { components: { custom_id: string }[] }[] }).components?.[0]?.components ?? []).find(
        (b) => b.custom_id.startsWith('ask:vote:'),
      );
      if (vote && down) {
        // Two members rate each answer 👍 (👎 from two would demote the answer, and the questions run out of
        // answers to rate: realistic, but then the round writes few votes).
        const message = running.fake.original(sent.token) as MessageObject;
        for (const k of [0, 1]) {
          const member = humanUser(`43${String(2 * n + k).padStart(16, '0')}`);
          await callback(running, clickButton(running.fake, message, down.custom_id.replace(':down:', ':up:'), member));
          votes++;
        }
      }
      // Keep the fake's request log short: every wait above was registered before its request could arrive.
      if (running.fake.requests.length > 500) running.fake.requests.length = 0;
      running.fake.messages.clear();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, votes, ms: performance.now() - started };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function describe(name: string, r: Round): string {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(1).padStart(7);
  return `${name.padEnd(26)} ${String(r.latencies.length).padStart(6)} asks ${String(r.votes).padStart(6)} votes  p50 ${f(percentile(sorted, 50))} ms  p90 ${f(percentile(sorted, 90))} ms  p99 ${f(percentile(sorted, 99))} ms  ${(r.latencies.length / (r.ms / 1000)).toFixed(0)} asks/s`;
}

/** A store to measure: how to open it, empty its tables after the warm-up, and count what it holds. */
interface Kept {
  name: string;
  open(): Promise<BotStore>;
  empty(): Promise<void>;
  /** The rows after the round, and the store's own check of itself. */
  count(): Promise<{ questions: number; votes: number; check: string }>;
}

const engine = await Engine.fromFolder('corpus');
const dataDir = mkdtempSync(join(tmpdir(), 'corpus-qa-bench-storage-'));
const databaseUrl = values['database-url'];
const sqlite: Kept = {
  name: 'with SQLite (log + votes)',
  open: async () => openSqliteStore(dataDir, { retentionDays: 90 }).store,
  empty: async () => {
    const db = new Database(join(dataDir, 'corpus-qa.db'));
    db.exec('DELETE FROM questions; DELETE FROM votes;');
    db.close();
  },
  count: async () => {
    const db = new Database(join(dataDir, 'corpus-qa.db'), { readonly: true });
    const rows = db.prepare('SELECT (SELECT COUNT(*) FROM questions) AS questions, (SELECT COUNT(*) FROM votes) AS votes').get() as {
      questions: number;
      votes: number;
    };
    const check = String(db.pragma('integrity_check', { simple: true }));
    db.close();
    return { ...rows, check: `integrity_check ${check}` };
  },
};
const onPostgres = async (sql: string) => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as Record<string, string>;
  } finally {
    await client.end();
  }
};
const postgres: Kept = {
  name: 'with PostgreSQL (same)',
  open: async () => (await openPostgresStore(databaseUrl!, { retentionDays: 90 })).store,
  empty: async () => void (await onPostgres('TRUNCATE questions, votes')),
  count: async () => {
    const rows = await onPostgres('SELECT (SELECT COUNT(*) FROM questions) AS questions, (SELECT COUNT(*) FROM votes) AS votes');
    return { questions: Number(rows.questions), votes: Number(rows.votes), check: 'PostgreSQL' };
  },
};

try {
  const lines: string[] = [];
  // Warm-up: the first answers pay wink-nlp's model load and the JIT.
  for (const kept of [undefined, sqlite, ...(databaseUrl ? [postgres] : []), undefined]) {
    const store = await kept?.open();
    const running = await startBot({ engine, ...(store ? { store } : {}), deferAnswers: false });
    await round(running, false, 0, 300);
    running.fake.requests.length = 0;
    // The warm-up's rows are not part of the count.
    await kept?.empty();
    const result = await round(running, kept !== undefined, 10_000);
    lines.push(describe(kept?.name ?? 'without store', result));
    await running.stop();
    if (kept && store) {
      await store.close();
      const rows = await kept.count();
      lines.push(
        `  rows: ${rows.questions} questions of ${result.latencies.length} asked, ${rows.votes} votes of ${result.votes} clicked; ${rows.check}`,
      );
    }
    process.stdout.write(`${lines.at(-1)?.startsWith('  ') ? lines.slice(-2).join('\n') : lines.at(-1)}\n`);
  }
  process.stdout.write(`\n${total} asks per round, ${concurrency} in flight; guild ${ids.guild}\n${lines.join('\n')}\n`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
