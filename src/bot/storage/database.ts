import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3';
import { type Migration, migrations } from './migrations.ts';

export const databaseDefaults = {
  /** The one database file inside DATA_DIR. */
  fileName: 'corpus-qa.db',
  /**
   * How long a statement waits for another process's lock (another shard writing, a backup) before it
   * fails: writes take well under a millisecond, so a lock held this long means something is wrong.
   */
  busyTimeoutMs: 5_000,
  /**
   * How long a write while the bot runs (a vote, a question, a setting) waits for another process's lock. SQLite
   * waits synchronously, holding the event loop, so this is short: enough for another shard's write (well
   * under a millisecond), not for a backup or a second bot holding the lock. A question then waits in the
   * queue (QuestionQueue), a vote is "not saved, click again".
   */
  writeWaitMs: 50,
} as const;

/** The database cannot be used as it is; the message is one line saying which file, why and what to do. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
}

export interface OpenDatabaseOptions {
  /** See databaseDefaults.busyTimeoutMs. */
  busyTimeoutMs?: number;
  /** The steps to apply; every released step by default (tests stop earlier to build an older database). */
  migrations?: readonly Migration[];
}

export interface OpenedDatabase {
  db: Database;
  file: string;
  /** The schema version the file had before this start (0 for a new file). */
  migratedFrom: number;
  schemaVersion: number;
}

/**
 * Opens (or creates) DATA_DIR's database: WAL journal, a check that the file is sound, then the numbered
 * migrations up to the latest, each in its own transaction. Never deletes or recreates a file it cannot
 * read: a damaged file, one written by a newer corpus-qa, one that is not corpus-qa's, or a lock held
 * past the busy timeout throw a StorageError naming the file and the way out.
 *
 * @example const { db } = openDatabase('.data'); // .data/corpus-qa.db, schema up to date
 */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const file = join(dataDir, databaseDefaults.fileName);
  const busyTimeoutMs = options.busyTimeoutMs ?? databaseDefaults.busyTimeoutMs;
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new StorageError(`cannot create the data folder ${dataDir} (${(error as Error).message}): set DATA_DIR to a writable folder`);
  }
  let db: Database | undefined;
  try {
    db = new Sqlite(file, { timeout: busyTimeoutMs });
    // WAL: readers never wait for the writer, and a crash mid-write loses at most that transaction.
    // NORMAL is durable against a killed process in WAL mode; only a power cut can drop the last commits.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const check = String(db.pragma('quick_check', { simple: true }));
    if (check !== 'ok') throw new StorageError(damaged(file, firstProblem(check)));
    const steps = options.migrations ?? migrations;
    const migratedFrom = migrate(db, file, steps);
    return { db, file, migratedFrom, schemaVersion: steps.at(-1)?.version ?? 0 };
  } catch (error) {
    db?.close();
    throw asStorageError(error, file, busyTimeoutMs);
  }
}

/** The schema version recorded in the file; 0 for an empty file. Throws when the tables are not corpus-qa's. */
function schemaVersion(db: Database, file: string): number {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  if (tables.includes('schema_version')) {
    return (db.prepare('SELECT MAX(version) FROM schema_version').pluck().get() as number | null) ?? 0;
  }
  if (tables.length > 0) {
    throw new StorageError(
      `${file} holds tables corpus-qa did not create (${tables.slice(0, 3).join(', ')}): set DATA_DIR to a folder of its own`,
    );
  }
  return 0;
}

/** Applies the missing steps under one write lock, re-reading the version inside it (shards start together). */
function migrate(db: Database, file: string, steps: readonly Migration[]): number {
  const latest = steps.at(-1)?.version ?? 0;
  return db
    .transaction(() => {
      const from = schemaVersion(db, file);
      if (from > latest) {
        throw new StorageError(
          `${file} was written by a newer corpus-qa (schema ${from}; this one knows up to ${latest}): upgrade corpus-qa, or set DATA_DIR to another folder`,
        );
      }
      if (from === 0) db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
      const record = db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
      for (const step of steps) {
        if (step.version <= from) continue;
        step.up(db);
        record.run(step.version, Date.now());
      }
      return from;
    })
    .immediate();
}

/** SQLite's integrity report, many lines long, as one: the first problem and how many more. */
function firstProblem(report: string): string {
  const problems = report.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('***'));
  const more = problems.length - 1;
  return `${problems[0]?.trim() ?? report}${more > 0 ? `; ${more} more problem${more === 1 ? '' : 's'}` : ''}`;
}

function damaged(file: string, detail: string): string {
  return `${file} is damaged (${detail}); it was left as it is: restore it from a backup, or move it aside to start with an empty one`;
}

/** Another connection held the database past the busy timeout: the same statement may work a moment later. */
export function isLockError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED');
}

/** SQLite's error codes, turned into the one line an operator needs. */
export function asStorageError(error: unknown, file: string, busyTimeoutMs: number): StorageError {
  if (error instanceof StorageError) return error;
  const { code, message } = error as { code?: string; message?: string };
  const detail = message ?? String(error);
  if (isLockError(error)) {
    return new StorageError(
      `${file} is locked by another process (waited ${busyTimeoutMs / 1000} s): stop the other bot that uses this DATA_DIR, or give this one its own`,
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code?.startsWith('SQLITE_CORRUPT_'))
    return new StorageError(damaged(file, detail));
  // Extended codes too: a folder the bot may not write gives SQLITE_READONLY_DIRECTORY, a -shm file it may not
  // write SQLITE_READONLY_CANTINIT, a full disk SQLITE_FULL.
  if (/^SQLITE_(READONLY|CANTOPEN|PERM|IOERR|FULL)(_|$)/.test(code ?? '')) {
    return new StorageError(
      `cannot read or write ${file} (${detail}): check that the bot's user owns DATA_DIR and that the disk is not full`,
    );
  }
  return new StorageError(`cannot open ${file} (${detail})`);
}
