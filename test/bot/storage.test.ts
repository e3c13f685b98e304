import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase, StorageError } from '../../src/bot/storage/database.ts';
import { latestSchemaVersion, migrations } from '../../src/bot/storage/migrations.ts';
import { openSqliteStore } from '../../src/bot/storage/sqliteStore.ts';

const root = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-storage-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
const freshDir = () => join(scratch, `data-${++folders}`);

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Another process holding the database's write lock until it is killed (or for `holdMs`). */
async function holdWriteLock(file: string, holdMs: number): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN EXCLUSIVE');
    db.prepare("INSERT INTO meta (key, value) VALUES ('held by', 'the other process')").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, ${holdMs});`;
  const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && done());
    child.on('exit', (code) => fail(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

describe('the database in DATA_DIR', () => {
  it('is created with every migration from an empty folder, in WAL mode', () => {
    const { db, file, migratedFrom, schemaVersion } = openDatabase(freshDir());
    try {
      expect(file.endsWith('corpus-qa.db')).toBe(true);
      expect([migratedFrom, schemaVersion]).toEqual([0, latestSchemaVersion]);
      expect(db.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all()).toEqual(migrations.map((m) => m.version));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['meta', 'questions', 'schema_version', 'votes']));
    } finally {
      db.close();
    }
  });

  it('migrates a database of the previous schema (feedback, before server settings), keeping its rows', async () => {
    const dir = freshDir();
    const previous = openDatabase(dir, { migrations: migrations.slice(0, -1) });
    expect(previous.schemaVersion).toBe(latestSchemaVersion - 1);
    previous.db
      .prepare(
        `INSERT INTO questions (guild, channel, user_hash, question, question_key, answered, doc, start, "end", confidence, nearest, asked_at)
         VALUES ('g', 'c', 'u1', 'who met Portugal''s minister?', 'k', 1, 'd', 78, 327, 0.94, '[]', ?)`,
      )
      .run(Date.now());
    previous.db
      .prepare(`INSERT INTO votes (answer_id, user_hash, guild, question_key, doc, start, "end", value, manager, voted_at)
                VALUES (1, 'u2', 'g', 'k', 'd', 78, 327, -1, 1, ?)`)
      .run(Date.now());
    const salt = previous.db.prepare("SELECT value FROM meta WHERE key = 'user_salt'").pluck().get();
    previous.db.close();

    const { store, migratedFrom } = openSqliteStore(dir, { retentionDays: 90 });
    try {
      expect(migratedFrom).toBe(latestSchemaVersion - 1);
      expect(await store.questions.answer(1)).toEqual({ id: 1, guild: 'g', key: 'k', source: { doc: 'd', start: 78, end: 327 } });
      expect(await store.feedback.tally('g', 'k')).toEqual([
        { doc: 'd', start: 78, end: 327, up: 0, down: 1, managerDown: 1, effect: 'demoted' },
      ]);
      // The new step works on the old file, and the old salt is kept.
      expect((await store.settings.update('g', { boldAnswer: false }, Date.now())).boldAnswer).toBe(false);
      const { db } = openDatabase(dir);
      expect(db.prepare("SELECT value FROM meta WHERE key = 'user_salt'").pluck().get()).toBe(salt);
      expect(db.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all()).toEqual(migrations.map((m) => m.version));
      db.close();
    } finally {
      store.close();
    }
  });

  it('upgrades files of every earlier schema in place for help channels, keeping settings and votes', async () => {
    for (const version of [1, 2]) {
      const dir = freshDir();
      const older = openDatabase(dir, { migrations: migrations.filter((m) => m.version <= version) });
      older.db
        .prepare(`INSERT INTO votes (answer_id, user_hash, guild, question_key, doc, start, "end", value, manager, voted_at)
                  VALUES (1, 'u2', 'g', 'k', 'd', 78, 327, -1, 0, ?)`)
        .run(Date.now());
      if (version >= 2) older.db.prepare("INSERT INTO guild_settings (guild, bold_answer, updated_at) VALUES ('g', 0, 1)").run();
      older.db.close();

      const { store, migratedFrom } = openSqliteStore(dir, { retentionDays: 90 });
      try {
        expect(migratedFrom).toBe(version);
        expect((await store.feedback.tally('g', 'k')).map((t) => t.down)).toEqual([1]);
        expect(await store.settings.get('g')).toMatchObject({
          boldAnswer: version < 2,
          helpChannels: [],
          helpConfidence: null,
          supportRole: null,
        });
        // The new tables and columns work on the old file.
        await store.settings.setHelpChannel('g', { id: 'f', kind: 'forum' }, true, 5);
        expect(await store.helpPosts.take({ thread: 't', guild: 'g', channel: 'f', askerHash: 'a', postedAt: Date.now() })).toBe(true);
        expect(await store.feedback.giveReason(1, 'u2', 'outdated')).toBe(true);
        expect((await store.settings.get('g')).helpChannels).toEqual([{ channel: 'f', kind: 'forum', addedAt: 5 }]);
      } finally {
        store.close();
      }
    }
  });

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const dir = freshDir();
    const { db, file } = openDatabase(dir);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(latestSchemaVersion + 1, Date.now());
    db.close();
    const before = readFileSync(file);
    expect(() => openDatabase(dir)).toThrow(
      new StorageError(
        `${file} was written by a newer corpus-qa (schema ${latestSchemaVersion + 1}; this one knows up to ${latestSchemaVersion}): upgrade corpus-qa, or set DATA_DIR to another folder`,
      ),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database, and never replaces it', () => {
    const dir = freshDir();
    openDatabase(dir).db.close();
    const file = join(dir, 'corpus-qa.db');
    const garbage = Buffer.from('this is not an SQLite database, but it is somebody’s file\n'.repeat(200));
    writeFileSync(file, garbage);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    expect(() => openDatabase(dir)).toThrow(
      `${file} is damaged (file is not a database); it was left as it is: restore it from a backup, or move it aside to start with an empty one`,
    );
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('refuses a database whose pages are damaged', () => {
    const dir = freshDir();
    const { store } = openSqliteStore(dir, { retentionDays: 90 });
    for (let i = 0; i < 300; i++) {
      store.questions.record(
        {
          guild: 'g',
          channel: 'c',
          userHash: store.hashUser(String(i)),
          question: `question number ${i} about the Caspian cable`,
          key: `k${i}`,
          answered: false,
          source: null,
          confidence: 0,
          nearest: [],
        },
        Date.now(),
      );
    }
    store.close();
    const file = join(dir, 'corpus-qa.db');
    const bytes = readFileSync(file);
    // Overwrite the middle of the file (index and table pages) with noise, as a bad disk would.
    bytes.fill(0xa5, 4096 * 2, 4096 * 4);
    writeFileSync(file, bytes);
    expect(() => openDatabase(dir)).toThrow(
      /corpus-qa\.db is damaged \([^\n]*page[^\n]*\); it was left as it is: restore it from a backup, or move it aside to start with an empty one$/,
    );
  });

  it('refuses a file holding tables of something else', async () => {
    const dir = freshDir();
    const { default: Database } = await import('better-sqlite3');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    const other = new Database(join(dir, 'corpus-qa.db'));
    other.exec('CREATE TABLE invoices (id INTEGER)');
    other.close();
    expect(() => openDatabase(dir)).toThrow(`holds tables corpus-qa did not create (invoices): set DATA_DIR to a folder of its own`);
  });

  it('waits for another process that holds the write lock, then opens', async () => {
    const dir = freshDir();
    const { db, file } = openDatabase(dir);
    db.close();
    await holdWriteLock(file, 400);
    const opened = openDatabase(dir, { busyTimeoutMs: 10_000 });
    try {
      // Opening took the write lock after the other process committed: its row is there.
      expect(opened.db.prepare("SELECT value FROM meta WHERE key = 'held by'").pluck().get()).toBe('the other process');
    } finally {
      opened.db.close();
    }
  });

  it('says which file is locked, and what to do, when the other process keeps the lock past the wait', async () => {
    const dir = freshDir();
    const { db, file } = openDatabase(dir);
    db.close();
    await holdWriteLock(file, 60_000);
    expect(() => openDatabase(dir, { busyTimeoutMs: 300 })).toThrow(
      new StorageError(
        `${file} is locked by another process (waited 0.3 s): stop the other bot that uses this DATA_DIR, or give this one its own`,
      ),
    );
  });
});

describe('a DATA_DIR the bot cannot write', () => {
  // Run as root, the check runs the bot's start-up as nobody: root may write anything, whatever the modes say.
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? { uid: 65_534, gid: 65_534 } : {};
  const tsx = import.meta.resolve('tsx');
  const openStore = pathToFileURL(resolve(root, 'src/bot/runtime/openStore.ts')).href;
  const logger = pathToFileURL(resolve(root, 'src/bot/runtime/logger.ts')).href;
  chmodSync(scratch, 0o755);

  /** A folder of the scratch space that the bot's user may write (made as whoever runs the tests). */
  function writableDir(): string {
    const dir = freshDir();
    mkdirSync(dir, { mode: 0o777 });
    chmodSync(dir, 0o777);
    return dir;
  }
  /** Takes write permission away from the bot's user: by mode for the owner, by owner (root) when running as root. */
  const readOnly = (path: string, mode: number) => chmodSync(path, asRoot ? mode | 0o044 : mode);

  /** What the bot logs at start-up with this DATA_DIR, run as the bot's user in a process of its own. */
  async function startUpLines(dataDir: string): Promise<Record<string, unknown>[]> {
    const script = `
      import { openStoreForBot } from ${JSON.stringify(openStore)};
      import { createLogger } from ${JSON.stringify(logger)};
      const store = await openStoreForBot({ dataDir: ${JSON.stringify(dataDir)}, databaseUrl: null, retentionDays: 90, logger: createLogger() });
      await store?.close();`;
    const child = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
      cwd: tmpdir(),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...user,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(err).toBe('');
    expect(code).toBe(0);
    return out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
  const cannotWrite = (file: string) =>
    new RegExp(
      `^cannot read or write ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\([^)]+\\): check that the bot's user owns DATA_DIR and that the disk is not full$`,
    );
  const oneReason = (lines: Record<string, unknown>[], reason: RegExp | string) => {
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({ time: expect.any(String), level: 'error', msg: 'could not open the database', reason: expect.any(String) });
    if (typeof reason === 'string') expect(lines[0]!.reason).toBe(reason);
    else expect(lines[0]!.reason).toMatch(reason);
  };

  /** A database of the current schema in a folder of its own, closed. */
  function existingDatabase(): { dir: string; file: string } {
    const dir = writableDir();
    const { db, file } = openDatabase(dir);
    db.close();
    chmodSync(file, 0o666);
    return { dir, file };
  }

  it('says so in one line when the folder cannot be written and holds no database yet', async () => {
    const dir = writableDir();
    readOnly(dir, 0o555);
    oneReason(await startUpLines(dir), cannotWrite(join(dir, 'corpus-qa.db')));
  });

  it('says so in one line when the folder cannot be written but holds the database', async () => {
    const { dir, file } = existingDatabase();
    readOnly(dir, 0o555);
    oneReason(await startUpLines(dir), cannotWrite(file));
  });

  it('says so in one line when the database file cannot be written, never with a stack', async () => {
    const { file } = existingDatabase();
    readOnly(file, 0o444);
    if (asRoot) chmodSync(file, 0o644);
    oneReason(await startUpLines(dirname(file)), cannotWrite(file));
  });

  it('says so in one line when DATA_DIR is a file, or lies in a folder that cannot be written', async () => {
    const parent = writableDir();
    const notAFolder = join(parent, 'data');
    writeFileSync(notAFolder, '');
    oneReason(
      await startUpLines(notAFolder),
      new RegExp(`^cannot create the data folder ${notAFolder} \\(EEXIST[^)]*\\): set DATA_DIR to a writable folder$`),
    );
    readOnly(parent, 0o555);
    const below = join(parent, 'below');
    oneReason(
      await startUpLines(below),
      new RegExp(`^cannot create the data folder ${below} \\(EACCES[^)]*\\): set DATA_DIR to a writable folder$`),
    );
  });
});
