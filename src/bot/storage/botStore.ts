import { createHmac } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { asStorageError, databaseDefaults, type OpenDatabaseOptions, openDatabase } from './database.ts';
import { FeedbackStore } from './feedbackStore.ts';
import { GuildSettingsStore } from './guildSettings.ts';
import { HelpPostStore } from './helpPosts.ts';
import { type QuestionEntry, QuestionLog } from './questionLog.ts';
import { QuestionQueue, type QuestionQueueOptions, type QueueReports } from './questionQueue.ts';
import { StatsQueries } from './stats.ts';

export interface BotStoreOptions extends OpenDatabaseOptions {
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

const dayMs = 86_400_000;
const silent: QueueReports = { info() {}, warn() {} };

/**
 * What the bot remembers, in one SQLite file in DATA_DIR: the question log, members' votes and each server's
 * settings. One connection per process does every write, each in its own transaction; SQLite's
 * lock orders the writes of several shard processes sharing the file.
 */
export class BotStore {
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
    readonly file: string,
    options: BotStoreOptions,
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

  /** A Discord user id as the database keeps it: an HMAC with this database's random salt, never the id. */
  hashUser(userId: string): string {
    return createHmac('sha256', this.salt).update(userId).digest('hex').slice(0, 32);
  }

  /**
   * Deletes questions older than the retention period, and with them the help posts' outcomes and the reasons
   * given with 👎 (the votes stay); returns how many questions. Run at start and daily.
   */
  purgeExpired(): number {
    const cutoff = this.now() - this.retentionDays * dayMs;
    return this.db.transaction(() => {
      this.helpPosts.purgeBefore(cutoff);
      this.feedback.forgetReasonsBefore(cutoff);
      return this.questions.purgeBefore(cutoff);
    })();
  }

  /** The start of "the last `days` days", in ms since the epoch. */
  since(days: number): number {
    return this.now() - days * dayMs;
  }

  /** Logs a question asked now without waiting on a lock; its id when written at once (see QuestionQueue.record). */
  logQuestion(entry: QuestionEntry): number | undefined {
    return this.questionQueue.record(entry, this.now());
  }

  close(): void {
    if (!this.db.open) return;
    this.questionQueue.close();
    this.db.close();
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
    const purged = store.purgeExpired();
    db.pragma(`busy_timeout = ${Math.round(options.writeWaitMs ?? databaseDefaults.writeWaitMs)}`);
    return { store, migratedFrom, purged };
  } catch (error) {
    db.close();
    throw asStorageError(error, file, options.busyTimeoutMs ?? databaseDefaults.busyTimeoutMs);
  }
}
