/**
 * Shows what `kill -9` in the middle of writing costs the bot's database: a child process logs questions and
 * votes as fast as it can, each its own transaction, and reports each one once it is committed; the
 * script kills it with SIGKILL at a random moment, reopens the file, and checks that every reported write is
 * there, that at most one more (the one in flight) is, and that the file is sound. The child reports each
 * commit by a synchronous write to a file, which a kill cannot take back.
 *
 *   npx tsx scripts/killDuringWrites.ts [--rounds N]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/bot/storage/sqliteStore.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' }, child: { type: 'string' } } });

/** The child: writes until killed, one line per committed write ("q <id>" or "v <id>") in DATA_DIR/reported. */
async function writeForever(dataDir: string): Promise<never> {
  const { store } = openSqliteStore(dataDir, { retentionDays: 90 });
  // A file, written synchronously: once writeSync returns the kernel has the line, whatever kills us next
  // (process.stdout to a pipe queues, and a kill drops the queue).
  const reported = openSync(join(dataDir, 'reported'), 'a');
  const report = (line: string) => writeSync(reported, `${line}\n`);
  for (let n = 0; ; n++) {
    const id = store.questions.record(
      {
        guild: 'g',
        channel: 'c',
        userHash: store.hashUser(String(n)),
        question: `question ${n} about the Caspian cable`,
        key: `k${n % 50}`,
        answered: true,
        source: { doc: 'd', start: n, end: n + 10 },
        confidence: 0.9,
        nearest: [{ doc: 'd', title: 'A document', path: 'd.txt' }],
      },
      Date.now(),
    );
    report(`q ${id}`);
    await store.feedback.vote((await store.questions.answer(id))!, store.hashUser(`voter ${n}`), n % 2 ? 1 : -1, false, Date.now());
    report(`v ${id}`);
  }
}

if (values.child) await writeForever(values.child);

const rounds = Number(values.rounds);
let lost = 0;
const rows: string[] = [];
for (let r = 1; r <= rounds; r++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'corpus-qa-kill-'));
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', dataDir], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const reportFile = join(dataDir, 'reported');
  // Wait for the first commits, then kill at a random moment of the write loop.
  while (!existsSync(reportFile) || statSync(reportFile).size === 0) await new Promise((done) => setTimeout(done, 5));
  await new Promise((done) => setTimeout(done, 50 + Math.random() * 400));
  child.kill('SIGKILL');
  await new Promise((done) => child.on('exit', done));

  const reported = readFileSync(reportFile, 'utf8')
    .split('\n')
    .filter((line) => /^[qv] \d+$/.test(line));
  const questions = new Set(reported.filter((l) => l.startsWith('q')).map((l) => Number(l.slice(2))));
  const votes = new Set(reported.filter((l) => l.startsWith('v')).map((l) => Number(l.slice(2))));
  // Reopening runs the same checks as a bot start (quick_check, migrations).
  const { store } = openSqliteStore(dataDir, { retentionDays: 90 });
  await store.close();
  const db = new Database(join(dataDir, 'corpus-qa.db'), { readonly: true });
  const storedQuestions = new Set(db.prepare('SELECT id FROM questions').pluck().all() as number[]);
  const storedVotes = new Set(db.prepare('SELECT answer_id FROM votes').pluck().all() as number[]);
  const integrity = db.pragma('integrity_check', { simple: true });
  db.close();
  rmSync(dataDir, { recursive: true, force: true });

  const missing = [...questions].filter((id) => !storedQuestions.has(id)).length + [...votes].filter((id) => !storedVotes.has(id)).length;
  const extra = storedQuestions.size + storedVotes.size - questions.size - votes.size;
  lost += missing;
  rows.push(
    `round ${String(r).padStart(2)}: ${String(questions.size + votes.size).padStart(6)} writes reported, ${String(storedQuestions.size + storedVotes.size).padStart(6)} stored, reported but missing ${missing}, stored but unreported ${extra} (in flight), integrity ${integrity}`,
  );
  process.stdout.write(`${rows.at(-1)}\n`);
  if (missing > 0 || extra > 1 || extra < 0 || integrity !== 'ok') process.exitCode = 1;
}
process.stdout.write(
  `\n${rounds} kills: ${lost} committed writes lost; ${process.exitCode ? 'FAILED' : 'each lost at most the write in flight'}\n`,
);
