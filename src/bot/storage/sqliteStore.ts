import type { Database } from 'better-sqlite3';
import { asStorageError, databaseDefaults, type OpenDatabaseOptions, openDatabase } from './database.ts';
import { FeedbackStore } from './feedbackStore.ts';
import { GuildSettingsStore } from './guildSettings.ts';
import { HelpPostStore } from './helpPosts.ts';
import { type QuestionEntry, QuestionLog } from './questionLog.ts';
import { QuestionQueue, type QuestionQueueOptions, type QueueReports } from './questionQueue.ts';
import { StatsQueries } from './stats.ts';
import { type BotStore, dayMs, hashUserId, type OpenedStore } from './store.ts';

export interface SqliteStoreOptions extends OpenDatabaseOptions {
  /** Days a question's text is kept (RETENTION_DAYS). */
  retentionDays: number;
  /** Clock in ms since the epoch; injectable for tests. */
  now?(): number;
  /**
   * How long a write while the bot runs waits for another process's lock before it gives up (a vote is
   * then "not saved", a question queued): the event loop stands still while SQLite waits, so it is short.
   * Opening waits `busyTimeoutMs`.
   */
  writeWaitMs?: number;
  /** The question queue's timing (questionQueueDefaults). */
  queue?: Partial<QuestionQueueOptions>;
  /** Where the question queue reports a lock and the questions it dropped; nowhere by default. */
  reports?: QueueReports;
}

const silent: QueueReports = { info() {}, warn() {} };

/**
 * What the bot remembers, in one SQLite file in DATA_DIR: the question log, members' votes and each server's
 * settings. One connection per process does every write, each in its own transaction; SQLite's
 * lock orders the writes of several shard processes sharing the file. Every method answers at once (the
 * promises of the BotStore seam are already settled).
 */
export class SqliteStore implements BotStore {
  readonly questions: QuestionLog;
  /** The question log as answers use it: never waiting on a lock (see QuestionQueue). */
  readonly questionQueue: QuestionQueue;
  readonly feedback: FeedbackStore;
  readonly settings: GuildSettingsStore;
  readonly helpPosts: HelpPostStore;
  readonly stats: StatsQueries;
  readonly retentionDays: number;
  readonly now: () => number;
  private readonly salt: string;

  constructor(
    private readonly db: Database,
    /** The database file, for log lines. */
    readonly location: string,
    options: SqliteStoreOptions,
  ) {
    this.retentionDays = options.retentionDays;
    this.now = options.now ?? Date.now;
    this.salt = db.prepare("SELECT value FROM meta WHERE key = 'user_salt'").pluck().get() as string;
    this.questions = new QuestionLog(db);
    this.questionQueue = new QuestionQueue(this.questions, options.reports ?? silent, this.now, options.queue);
    this.feedback = new FeedbackStore(db);
    this.settings = new GuildSettingsStore(db);
    this.helpPosts = new HelpPostStore(db);
    this.stats = new StatsQueries(db);
  }

  hashUser(userId: string): string {
    return hashUserId(this.salt, userId);
  }

  async purgeExpired(): Promise<number> {
    return this.purgeExpiredNow();
  }

  /** purgeExpired, synchronously: at opening it is the first write, which finds a file SQLite opened read-only. */
  purgeExpiredNow(): number {
    const cutoff = this.now() - this.retentionDays * dayMs;
    return this.db.transaction(() => {
      this.helpPosts.purgeBefore(cutoff);
      this.feedback.forgetReasonsBefore(cutoff);
      return this.questions.purgeBefore(cutoff);
    })();
  }

  since(days: number): number {
    return this.now() - days * dayMs;
  }

  /** Logs a question asked now without waiting on a lock; its id when written at once (see QuestionQueue.record). */
  async logQuestion(entry: QuestionEntry): Promise<number | undefined> {
    return this.questionQueue.record(entry, this.now());
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.questionQueue.close();
    this.db.close();
  }
}

/**
 * Opens DATA_DIR's database (creating and migrating it as needed) and purges expired questions. Throws
 * StorageError with one line for an unusable file; see openDatabase.
 *
 * @example const { store } = openSqliteStore('.data', { retentionDays: 90 });
 */
export function openSqliteStore(dataDir: string, options: SqliteStoreOptions): OpenedStore & { store: SqliteStore } {
  const { db, file, migratedFrom } = openDatabase(dataDir, options);
  try {
    const store = new SqliteStore(db, file, options);
    // The first write: a file SQLite could only open read-only fails here, with the same line as at opening.
    const purged = store.purgeExpiredNow();
    db.pragma(`busy_timeout = ${Math.round(options.writeWaitMs ?? databaseDefaults.writeWaitMs)}`);
    return { store, migratedFrom, purged };
  } catch (error) {
    db.close();
    throw asStorageError(error, file, options.busyTimeoutMs ?? databaseDefaults.busyTimeoutMs);
  }
}
