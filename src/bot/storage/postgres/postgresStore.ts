import type pg from 'pg';
import type { QuestionEntry } from '../questionLog.ts';
import { type BotStore, dayMs, hashUserId, type OpenedStore } from '../store.ts';
import { type OpenPostgresOptions, openPostgres, transaction } from './database.ts';
import { PostgresFeedback } from './feedback.ts';
import { PostgresHelpPosts } from './helpPosts.ts';
import { PostgresQuestionLog } from './questionLog.ts';
import { PostgresSettings } from './settings.ts';
import { PostgresStats } from './stats.ts';

export interface PostgresStoreOptions extends OpenPostgresOptions {
  /** Days a question's text is kept (RETENTION_DAYS). */
  retentionDays: number;
  /** Clock in ms since the epoch; injectable for tests. */
  now?(): number;
}

/**
 * What the bot remembers, in PostgreSQL at DATABASE_URL: the same tables, retention and hashing as the SQLite
 * store, through a pool of connections, so bots on several machines share one question log, one set of votes
 * and one set of server settings. Each write is a statement or a transaction of its own; row locks order
 * concurrent writes, so there is no process-wide lock to wait for and no question queue.
 */
export class PostgresStore implements BotStore {
  readonly questions: PostgresQuestionLog;
  readonly feedback: PostgresFeedback;
  readonly settings: PostgresSettings;
  readonly helpPosts: PostgresHelpPosts;
  readonly stats: PostgresStats;
  readonly retentionDays: number;
  readonly now: () => number;

  constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
    private readonly salt: string,
    options: PostgresStoreOptions,
  ) {
    this.retentionDays = options.retentionDays;
    this.now = options.now ?? Date.now;
    this.questions = new PostgresQuestionLog(pool);
    this.feedback = new PostgresFeedback(pool);
    this.settings = new PostgresSettings(pool);
    this.helpPosts = new PostgresHelpPosts(pool);
    this.stats = new PostgresStats(pool);
  }

  hashUser(userId: string): string {
    return hashUserId(this.salt, userId);
  }

  async purgeExpired(): Promise<number> {
    const cutoff = this.now() - this.retentionDays * dayMs;
    return transaction(this.pool, async (client) => {
      await client.query('DELETE FROM help_posts WHERE posted_at < $1', [cutoff]);
      await client.query('UPDATE votes SET reason = NULL WHERE voted_at < $1 AND reason IS NOT NULL', [cutoff]);
      return (await client.query('DELETE FROM questions WHERE asked_at < $1', [cutoff])).rowCount ?? 0;
    });
  }

  since(days: number): number {
    return this.now() - days * dayMs;
  }

  /** Logs a question asked now; a failure (the server unreachable) throws, and the answer goes without vote buttons. */
  logQuestion(entry: QuestionEntry): Promise<number> {
    return this.questions.record(entry, this.now());
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

/**
 * Connects to DATABASE_URL, brings the schema up to date (once, under an advisory lock, however many bots
 * start together) and purges expired questions. Throws StorageError with one line naming the server, never
 * the password.
 *
 * @example const { store } = await openPostgresStore('postgres://bot@db/corpusqa', { retentionDays: 90 });
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions): Promise<OpenedStore & { store: PostgresStore }> {
  const { pool, location, migratedFrom } = await openPostgres(url, options);
  try {
    const { rows } = await pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'user_salt'");
    const store = new PostgresStore(pool, location, rows[0]!.value, options);
    const purged = await store.purgeExpired();
    return { store, migratedFrom, purged };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}
