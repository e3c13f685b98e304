import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/bot/runtime/logger.ts';
import { openStoreForBot } from '../../src/bot/runtime/openStore.ts';
import { StorageError } from '../../src/bot/storage/database.ts';
import { latestSchemaVersion } from '../../src/bot/storage/migrations.ts';
import { openPostgres } from '../../src/bot/storage/postgres/database.ts';
import { postgresMigrations } from '../../src/bot/storage/postgres/migrations.ts';
import { openPostgresStore } from '../../src/bot/storage/postgres/postgresStore.ts';
import type { BotStore } from '../../src/bot/storage/store.ts';
import { describeDatabaseUrl } from '../../src/postgres.ts';
import { freshDatabase, noPostgres, postgresUrl, query } from '../postgres/database.ts';

const opened: BotStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
async function open(url: string, options: Parameters<typeof openPostgresStore>[1] = { retentionDays: 90 }) {
  const result = await openPostgresStore(url, options);
  opened.push(result.store);
  return result;
}

/** A URL of the test run's server with a password put in, which trusted local connections ignore. */
function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}

describe.skipIf(!postgresUrl)(`the store on PostgreSQL ${noPostgres}`, () => {
  it('runs the migrations once when several bots start together on an empty database', async () => {
    const url = await freshDatabase();
    const starts = await Promise.all([1, 2, 3, 4].map(() => open(url)));
    // One of them migrated from nothing; the others waited for the lock and found the schema up to date.
    expect(starts.map((s) => s.migratedFrom).sort()).toEqual([0, latestSchemaVersion, latestSchemaVersion, latestSchemaVersion]);
    const versions = await query<{ version: number; n: string }>(
      url,
      'SELECT version, COUNT(*) AS n FROM schema_version GROUP BY version ORDER BY version',
    );
    expect(versions).toEqual(postgresMigrations.map((m) => ({ version: m.version, n: '1' })));
    // One salt: a member hashes alike on every bot sharing the database.
    expect(new Set(starts.map((s) => s.store.hashUser('400000000000000004'))).size).toBe(1);
  });

  it('migrates a database of an earlier schema in place, keeping its rows', async () => {
    const url = await freshDatabase();
    const older = await openPostgres(url, { migrations: postgresMigrations.slice(0, 1) });
    await older.pool.query(
      `INSERT INTO questions (guild, channel, user_hash, question, question_key, answered, doc, start, "end", confidence, nearest, asked_at)
       VALUES ('g', 'c', 'u1', 'who met Portugal''s minister?', 'k', 1, 'd', 78, 327, 0.94, '[]', $1)`,
      [Date.now()],
    );
    await older.pool.query(
      `INSERT INTO votes (answer_id, user_hash, guild, question_key, doc, start, "end", value, manager, voted_at)
       VALUES (1, 'u2', 'g', 'k', 'd', 78, 327, -1, 1, $1)`,
      [Date.now()],
    );
    await older.pool.end();

    const { store, migratedFrom } = await open(url);
    expect(migratedFrom).toBe(1);
    expect(await store.questions.answer(1)).toEqual({ id: 1, guild: 'g', key: 'k', source: { doc: 'd', start: 78, end: 327 } });
    expect((await store.feedback.tally('g', 'k'))[0]).toMatchObject({ down: 1, managerDown: 1, effect: 'demoted' });
    expect((await store.settings.update('g', { boldAnswer: false }, Date.now())).boldAnswer).toBe(false);
    expect(await store.helpPosts.take({ thread: 't', guild: 'g', channel: 'f', askerHash: 'a', postedAt: Date.now() })).toBe(true);
  });

  it('shares settings, votes and the question log between two bots on one database', async () => {
    const url = await freshDatabase();
    const [{ store: first }, { store: second }] = [await open(url), await open(url)];
    await first.settings.update('g', { boldAnswer: false }, Date.now());
    expect((await second.settings.get('g')).boldAnswer).toBe(false);
    const id = (await first.logQuestion({
      guild: 'g',
      channel: 'c',
      userHash: first.hashUser('400000000000000004'),
      question: 'how do i hide a reply',
      key: 'k',
      answered: true,
      source: { doc: 'guide/responses', start: 10, end: 110 },
      confidence: 0.9,
      nearest: [],
    }))!;
    // A 👎 from a manager cast through the second bot demotes the source for the first.
    const answer = (await second.questions.answer(id))!;
    await second.feedback.vote(answer, second.hashUser('400000000000000005'), -1, true, Date.now());
    expect(await first.feedback.rankingFeedback('g', 'k')).toEqual({
      demote: [{ doc: 'guide/responses', start: 10, end: 110 }],
      prefer: [],
    });
  });

  it('refuses a database written by a newer corpus-qa, and one holding tables of something else', async () => {
    const newer = await freshDatabase();
    await (await open(newer)).store.close();
    await query(newer, `INSERT INTO schema_version (version, applied_at) VALUES (${latestSchemaVersion + 1}, 0)`);
    await expect(openPostgresStore(newer, { retentionDays: 90 })).rejects.toThrow(
      `${describeDatabaseUrl(newer)} was written by a newer corpus-qa (schema ${latestSchemaVersion + 1}; this one knows up to ${latestSchemaVersion}): upgrade corpus-qa, or give this bot a database of its own`,
    );
    const foreign = await freshDatabase();
    await query(foreign, 'CREATE TABLE invoices (id int)');
    await expect(openPostgresStore(foreign, { retentionDays: 90 })).rejects.toThrow(
      `${describeDatabaseUrl(foreign)} holds tables corpus-qa did not create (invoices): give corpus-qa a database of its own`,
    );
    expect(await query(foreign, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([{ tablename: 'invoices' }]);
  });

  it('says in one line, without the password, when the server cannot be reached or the database does not exist', async () => {
    const password = 'hunter2-not-for-logs';
    const unreachable = withPassword('postgres://bot@127.0.0.1:1/corpusqa', password);
    const error = await openPostgresStore(unreachable, { retentionDays: 90 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(
      /^cannot reach PostgreSQL at postgres:\/\/bot@127\.0\.0\.1:1\/corpusqa \(.*ECONNREFUSED.*\): check DATABASE_URL and that the server is running$/,
    );

    const missing = new URL(withPassword(postgresUrl!, password));
    missing.pathname = '/no_such_database';
    const lines: string[] = [];
    const logger = createLogger({ secrets: [missing.toString(), password], write: (line) => lines.push(line) });
    expect(await openStoreForBot({ dataDir: '.data', databaseUrl: missing.toString(), retentionDays: 90, logger })).toBeNull();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: expect.any(String),
      level: 'error',
      msg: 'could not open the database',
      reason: expect.stringMatching(
        /^postgres:\/\/corpusqa@127\.0\.0\.1:\d+\/no_such_database does not exist \(.+\): create it, or name another in DATABASE_URL$/,
      ),
    });
    expect([(error as Error).message, ...lines].join('\n')).not.toContain(password);
  });

  it('logs where it is, without the password, when the bot starts on it', async () => {
    const url = withPassword(await freshDatabase(), 'hunter2-not-for-logs');
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line) });
    const store = await openStoreForBot({ dataDir: '.data', databaseUrl: url, retentionDays: 90, logger });
    opened.push(store!);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: expect.any(String),
      level: 'info',
      msg: 'database ready',
      database: describeDatabaseUrl(url),
      migratedFrom: 0,
      retentionDays: 90,
      purgedQuestions: 0,
    });
    expect(lines.join('\n')).not.toContain('hunter2');
  });
});
