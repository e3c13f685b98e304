import { EventEmitter } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as startBotMain } from '../../src/bot/main.ts';
import { createLogger } from '../../src/bot/runtime/logger.ts';
import { openStoredCorpus } from '../../src/bot/runtime/storedCorpus.ts';
import { main as ask } from '../../src/cli/ask.ts';
import { main as index } from '../../src/cli/indexCorpus.ts';
import { Engine } from '../../src/engine.ts';
import { describeDatabaseUrl } from '../../src/postgres.ts';
import { indexFolderToPostgres } from '../../src/postgresSearch/indexFolder.ts';
import { NoSearchIndexError, openPostgresEngine, type PostgresEngine } from '../../src/postgresSearch/openEngine.ts';
import { ids } from '../../testbed/discord/fixtures.ts';
import { startBot } from '../../testbed/discord/harness.ts';
import { callbackOf, sendCommand } from '../../testbed/discord/interactions.ts';
import { FakeDiscord } from '../../testbed/discord/server.ts';
import { runInProcess } from '../core/cliRun.ts';
import { freshDatabase, noPostgres, postgresUrl, query } from './database.ts';

const QUESTIONS = [
  "who met Portugal's minister?",
  'Who is the chairman of AzerTelecom?',
  'When did Paulo Portas meet Ali Abbasov?',
  'What is AzerTelecom?',
  // Misspelt: each word the index lacks is read as its closest spellings, as the embedded index reads it.
  'who is the chairmen of azertelcom',
  'where was the 9th meeting of the internet goverance forum',
  'who is the turkish minster of transport and infrastucture',
  'who is the ambasador of kazakstan to azerbaijan',
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
    expect(report).toMatchObject({ documents: 4, written: 4, unchanged: 0, removed: [] });
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
    expect((await engine.ask('who is the chairmen of azertelcom')).quote).toContain('Chairman of the Board of Directors');
    const ids = (titles: readonly { id: string }[]) => titles.map((title) => title.id);
    expect(ids(await engine.findTitles('digital subm', 5))).toEqual(['003_31b3e27154ee3997']);
    expect(ids(await engine.findTitles('digital subm', 5))).toEqual(ids(embedded.findDocuments('digital subm', 5)));
    expect(ids(await engine.findTitles('', 10))).toEqual(ids(embedded.documents));
    const first = await engine.ask("who met Portugal's minister?");
    expect(first.answer).toBe('Ali Abbasov');
    expect(first.source?.doc).toBe('001_84108df0aac265aa');
  });

  it('answers as the embedded index when it ranks, of the passages holding only common words, those holding two', async () => {
    // At 40 postings a question, those of its rarest word alone are ranked whatever else they hold; a
    // passage holding one of its other words alone is not, as on a large corpus.
    const options = { maxQueryPostings: 40 };
    await indexFolderToPostgres(url, folder);
    const embedded = await Engine.fromFolder(folder, options);
    const engine = await openPostgresEngine(url, folder, options);
    opened.push(engine);
    for (const question of QUESTIONS) {
      const [stored, inMemory] = [await engine.engine.ask(question), embedded.answer(question)];
      expect({ question, quote: stored.quote, source: stored.source }).toEqual({
        question,
        quote: inMemory.quote,
        source: inMemory.source,
      });
    }
  });

  it('serves the same entity cards, autocomplete and "who is" answers as the embedded index, and a removed file takes its names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-qa-pgentities-'));
    try {
      cpSync('corpus', dir, { recursive: true });
      await indexFolderToPostgres(url, dir, { jobs: 1 });
      const embedded = await Engine.fromFolder(dir);
      const inMemory = await embedded.prepareEntities();
      const { engine } = await open(dir);
      expect(engine.entities.list()).toEqual([]);
      const stored = await engine.prepareEntities();
      expect(stored.list().length).toBeGreaterThan(20);
      expect(stored.list()).toEqual(inMemory.list());
      expect(engine.entities.list()).toEqual(inMemory.list());
      for (const { name } of inMemory.list()) expect(stored.card(name)).toEqual(inMemory.card(name));
      expect(stored.card('Abbasov')?.type).toBe('person');
      expect(stored.card('Abbasov')?.roles[0]?.title).toBe('Minister of Communications and Information Technologies');
      expect(stored.card('AzerTelecom')).toMatchObject({ name: 'AzerTelecom', type: 'organization' });
      expect(stored.card('AzerTelecom')).toEqual(inMemory.card('AzerTelecom'));
      for (const typed of ['abba', 'azer', 'portas', 'minist']) expect(stored.search(typed, 25)).toEqual(inMemory.search(typed, 25));
      expect(stored.search('abba')[0]?.name).toBe('Ali Abbasov');
      for (const question of ['Who is Ali Abbasov?', 'Who is Paulo Portas?', 'What is AzerTelecom?']) {
        const [fromStore, fromMemory] = [await engine.ask(question), embedded.answer(question)];
        expect({ question, answer: fromStore.answer, quote: fromStore.quote }).toEqual({
          question,
          answer: fromMemory.answer,
          quote: fromMemory.quote,
        });
      }

      rmSync(join(dir, '001_84108df0aac265aa.txt'));
      await indexFolderToPostgres(url, dir);
      const rows = await query<{ n: number }>(url, `SELECT COUNT(*)::int AS n FROM search_mentions WHERE corpus = '${dir}'`);
      expect(rows[0]?.n).toBe(3);
      await waitFor(async () => engine.entities.card('Ali Abbasov') === undefined);
      const fewer = await (await Engine.fromFolder(dir)).prepareEntities();
      expect(engine.entities.list()).toEqual(fewer.list());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves unchanged files alone, replaces a changed file and deletes a removed one, and a running engine follows', async () => {
    await indexFolderToPostgres(url, folder);
    const { engine } = await open();
    const other = await open();
    expect((await engine.ask('Who is the chairman of AzerTelecom?')).answered).toBe(true);
    // An unchanged folder: every file's hash is the stored one, so none is analyzed.
    const read: string[] = [];
    const onFileRead = (path: string) => read.push(path);
    expect(await indexFolderToPostgres(url, folder, { onFileRead })).toMatchObject({ analyzed: 0, written: 0, unchanged: 4, documents: 4 });
    expect(read).toEqual([]);

    const path = join(folder, '001_84108df0aac265aa.txt');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replaceAll('Ali Abbasov', 'Rashad Nabiyev'));
    expect(await indexFolderToPostgres(url, folder, { onFileRead })).toMatchObject({
      changed: ['001_84108df0aac265aa'],
      analyzed: 1,
      written: 1,
      unchanged: 3,
      removed: [],
      documents: 4,
    });
    expect(read).toEqual(['001_84108df0aac265aa.txt']);
    await waitFor(async () => (await other.engine.ask("who met Portugal's minister?")).answer === 'Rashad Nabiyev');
    const changed = await engine.ask("who met Portugal's minister?");
    expect(changed.answer).toBe('Rashad Nabiyev');
    expect(changed.quote).toContain('Information Technologies Rashad Nabiyev in the framework');
    expect((await engine.ask('Who is Ali Abbasov?')).quote ?? '').not.toContain('Ali Abbasov');

    rmSync(path);
    expect(await indexFolderToPostgres(url, folder)).toMatchObject({ documents: 3, written: 0, removed: ['001_84108df0aac265aa'] });
    const rows = await query<{ n: number }>(url, "SELECT COUNT(*)::int AS n FROM search_passages WHERE doc = '001_84108df0aac265aa'");
    expect(rows[0]?.n).toBe(0);
    await waitFor(async () => (await other.engine.ask("who met Portugal's minister?")).source?.doc !== '001_84108df0aac265aa');
    writeFileSync(path, text);
  });

  it('says in one line what to run when the folder has no index in the database, then answers once it is indexed', async () => {
    const unindexed = mkdtempSync(join(tmpdir(), 'corpus-qa-unindexed-'));
    try {
      cpSync('corpus', unindexed, { recursive: true });
      const env = { SEARCH: 'postgres', DATABASE_URL: url };
      const before = await runInProcess(ask, ['--corpus', unindexed, "who met Portugal's minister?"], { env });
      expect(before.status).toBe(2);
      expect(before.stderr).toBe(
        `error: no PostgreSQL index of ${unindexed} in ${describeDatabaseUrl(url)}: run npm run index -- --corpus ${unindexed} --to postgres (with the same DATABASE_URL)\n`,
      );
      await expect(openPostgresEngine(url, unindexed)).rejects.toThrow(NoSearchIndexError);

      const indexed = await runInProcess(index, ['--corpus', unindexed, '--to', 'postgres', '--jobs', '1'], { env: { DATABASE_URL: url } });
      expect(indexed.stdout).toMatch(
        /^indexed to PostgreSQL: 4 documents, 26 passages \(4 written, 0 unchanged, 0 removed\), 0 skipped files, [\d.]+s\n$/,
      );
      const after = await runInProcess(ask, ['--corpus', unindexed, "who met Portugal's minister?", '--json'], { env });
      expect(JSON.parse(after.stdout)).toMatchObject({
        answer: 'Ali Abbasov',
        source: { doc: '001_84108df0aac265aa', start: 78, end: 327 },
      });
    } finally {
      rmSync(unindexed, { recursive: true, force: true });
    }
  });

  it('serves a bot from the database: /ask answers, /reindex writes the folder again', async () => {
    await indexFolderToPostgres(url, folder);
    const logged: string[] = [];
    const corpus = await openStoredCorpus({
      databaseUrl: url,
      corpusDir: folder,
      logger: createLogger({ write: (line) => logged.push(line) }),
    });
    const running = await startBot({ engines: corpus, reindex: corpus.reindex });
    try {
      const sent = sendCommand(running.fake, 'ask', [{ name: 'question', type: 3, value: "who met Portugal's minister?" }]);
      expect(((await callbackOf(running.fake, sent)).data as { content: string }).content).toBe('**Ali Abbasov**');
      expect(await corpus.reindex()).toMatchObject({ joined: false, report: { added: [], changed: [], removed: [], documents: 4 } });
    } finally {
      await running.stop();
      corpus.close();
    }
    expect(logged.some((line) => line.includes('search index opened'))).toBe(true);
  });

  it('starts a bot from the environment on the database without loading the corpus, its store in the same database', async () => {
    await indexFolderToPostgres(url, folder);
    const fake = await new FakeDiscord().start();
    let stdout = '';
    const events = new EventEmitter();
    try {
      const ready = fake.gateway.next('ready', 30_000);
      const code = startBotMain({
        env: {
          DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.Search.on-postgres',
          DISCORD_CLIENT_ID: ids.application,
          DISCORD_API_URL: fake.apiUrl,
          CORPUS_DIR: folder,
          SEARCH: 'postgres',
          DATABASE_URL: url,
        },
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: () => true },
        events,
      });
      await ready;
      const sent = sendCommand(fake, 'ask', [{ name: 'question', type: 3, value: "who met Portugal's minister?" }]);
      expect(((await callbackOf(fake, sent, 20_000)).data as { content: string }).content).toBe('**Ali Abbasov**');
      events.emit('SIGTERM', 'SIGTERM');
      expect(await code).toBe(0);
    } finally {
      await fake.stop();
    }
    const logged = stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    // The entity index is read while the bot starts and answers.
    expect(logged).toContain('entity index read');
    const inOrder = logged.filter((message) => message !== 'entity index read');
    expect(inOrder).toEqual(['database ready', 'search index opened', 'ready', 'shutting down', 'stopped']);
  });

  it('refuses SEARCH=postgres without DATABASE_URL, naming what is missing', async () => {
    const run = await runInProcess(ask, ['--corpus', folder, 'who?'], { env: { SEARCH: 'postgres' } });
    expect(run.stderr).toBe('error: SEARCH=postgres needs DATABASE_URL: the database `npm run index -- --to postgres` wrote to\n');
  });
});

/** Polls `done` until it holds (a notification crosses a socket), failing after 10 s. */
async function waitFor(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the change never reached the engine');
}
