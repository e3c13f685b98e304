import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import { indexFolderToPostgres } from '../../src/postgresSearch/indexFolder.ts';
import { NoSearchIndexError, openPostgresEngine, type PostgresEngine } from '../../src/postgresSearch/openEngine.ts';
import { freshDatabase, noPostgres, postgresUrl } from './database.ts';

const QUESTIONS = [
  "who met Portugal's minister?",
  'Who is the chairman of AzerTelecom?',
  'When did Paulo Portas meet Ali Abbasov?',
  'What is AzerTelecom?',
];

describe.skipIf(!postgresUrl)(`search on PostgreSQL ${noPostgres}`, () => {
  let url: string;
  let folder: string;
  const opened: PostgresEngine[] = [];
  const open = async (dir = folder) => {
    const engine = await openPostgresEngine(url, dir);
    opened.push(engine);
    return engine;
  };

  beforeAll(async () => {
    url = await freshDatabase();
    folder = mkdtempSync(join(tmpdir(), 'corpus-qa-pgsearch-'));
    cpSync('corpus', folder, { recursive: true });
  });
  afterAll(async () => {
    for (const engine of opened) await engine.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers the shipped corpus questions with the same answer, quote and citation as the embedded index', async () => {
    const report = await indexFolderToPostgres(url, folder);
    expect(report).toMatchObject({ documents: 4, written: 4, unchanged: 0, removed: 0 });
    const embedded = await Engine.fromFolder(folder);
    const { engine } = await open();
    for (const question of QUESTIONS) {
      const [stored, inMemory] = [await engine.ask(question), embedded.answer(question)];
      expect({ question, answer: stored.answer, quote: stored.quote, source: stored.source }).toEqual({
        question,
        answer: inMemory.answer,
        quote: inMemory.quote,
        source: inMemory.source,
      });
    }
    const first = await engine.ask("who met Portugal's minister?");
    expect(first.answer).toBe('Ali Abbasov');
    expect(first.source?.doc).toBe('001_84108df0aac265aa');
  });

  it('leaves unchanged files alone, replaces a changed file and deletes a removed one, and a running engine follows', async () => {
    await indexFolderToPostgres(url, folder);
    const { engine } = await open();
    const other = await open();
    expect((await engine.ask('Who is the chairman of AzerTelecom?')).answered).toBe(true);
    expect((await indexFolderToPostgres(url, folder)).written).toBe(0);

    const path = join(folder, '001_84108df0aac265aa.txt');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replaceAll('Ali Abbasov', 'Rashad Nabiyev'));
    expect(await indexFolderToPostgres(url, folder)).toMatchObject({ written: 1, unchanged: 3, removed: 0 });
    await waitFor(async () => (await other.engine.ask("who met Portugal's minister?")).answer === 'Rashad Nabiyev');
    const changed = await engine.ask("who met Portugal's minister?");
    expect(changed.answer).toBe('Rashad Nabiyev');
    expect(changed.quote).toContain('Information Technologies Rashad Nabiyev in the framework');
    expect((await engine.ask('Who is Ali Abbasov?')).quote ?? '').not.toContain('Ali Abbasov');

    rmSync(path);
    expect(await indexFolderToPostgres(url, folder)).toMatchObject({ documents: 3, written: 0, removed: 1 });
    const rows = await query<{ n: number }>(url, "SELECT COUNT(*)::int AS n FROM search_passages WHERE doc = '001_84108df0aac265aa'");
    expect(rows[0]?.n).toBe(0);
    await waitFor(async () => (await other.engine.ask("who met Portugal's minister?")).source?.doc !== '001_84108df0aac265aa');
    writeFileSync(path, text);
  });

  it('says what to run when the folder has no index in the database', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'corpus-qa-unindexed-'));
    try {
      await expect(openPostgresEngine(url, empty)).rejects.toThrow(NoSearchIndexError);
      await expect(openPostgresEngine(url, empty)).rejects.toThrow(`run npm run index -- --corpus ${empty} --to postgres`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Polls `done` until it holds (a notification crosses a socket), failing after 10 s. */
async function waitFor(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the change never reached the engine');
}
