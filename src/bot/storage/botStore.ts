import { createHmac } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { asStorageError, databaseDefaults, type OpenDatabaseOptions, openDatabase } from './database.ts';
import { FeedbackStore } from './feedbackStore.ts';
import { GuildSettingsStore } from './guildSettings.ts';
import { QuestionLog } from './questionLog.ts';

export interface BotStoreOptions extends OpenDatabaseOptions {
  /** Days a question's text is kept (RETENTION_DAYS). */
  retentionDays: number;
  /** Clock in ms since the epoch; injectable for tests. */
  now?(): number;
}

const dayMs = 86_400_000;

/**
 * What the bot remembers, in one SQLite file in DATA_DIR: the question log, members' votes and each server's
 * settings. One connection per process does every write, each in its own transaction; SQLite's
 * lock orders the writes of several shard processes sharing the file.
 */
export class BotStore {
  readonly questions: QuestionLog;
  readonly feedback: FeedbackStore;
  readonly settings: GuildSettingsStore;
  readonly retentionDays: number;
  readonly now: () => number;
  private readonly salt: string;

  constructor(
    private readonly db: Database,
    /** The database file, for log lines. */
    readonly file: string,
    options: BotStoreOptions,
  ) {
    this.retentionDays = options.retentionDays;
    this.now = options.now ?? Date.now;
    this.salt = db.prepare("SELECT value FROM meta WHERE key = 'user_salt'").pluck().get() as string;
    this.questions = new QuestionLog(db);
    this.feedback = new FeedbackStore(db);
    this.settings = new GuildSettingsStore(db);
  }

  /** A Discord user id as the database keeps it: an HMAC with this database's random salt, never the id. */
  hashUser(userId: string): string {
    return createHmac('sha256', this.salt).update(userId).digest('hex').slice(0, 32);
  }

  /** Deletes questions older than the retention period; returns how many. Run at start and daily. */
  purgeExpired(): number {
    return this.questions.purgeBefore(this.now() - this.retentionDays * dayMs);
  }

  /** The start of "the last `days` days", in ms since the epoch. */
  since(days: number): number {
    return this.now() - days * dayMs;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Opens DATA_DIR's database (creating and migrating it as needed) and purges expired questions. Throws
 * StorageError with one line for an unusable file; see openDatabase.
 *
 * @example const store = openBotStore('.data', { retentionDays: 90 });
 */
export function openBotStore(dataDir: string, options: BotStoreOptions): { store: BotStore; migratedFrom: number; purged: number } {
  const { db, file, migratedFrom } = openDatabase(dataDir, options);
  try {
    const store = new BotStore(db, file, options);
    // The first write: a file SQLite could only open read-only fails here, with the same line as at opening.
    return { store, migratedFrom, purged: store.purgeExpired() };
  } catch (error) {
    db.close();
    throw asStorageError(error, file, options.busyTimeoutMs ?? databaseDefaults.busyTimeoutMs);
  }
}
