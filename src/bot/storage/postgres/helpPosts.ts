import type pg from 'pg';
import { type HelpOutcome, type HelpPost, helpPostColumns } from '../helpPosts.ts';
import type { HelpPosts } from '../store.ts';

/** The posts of help channels the bot took up, in PostgreSQL: taken once by whichever bot saw the post first. */
export class PostgresHelpPosts implements HelpPosts {
  constructor(private readonly pool: pg.Pool) {}

  async take(post: Pick<HelpPost, 'thread' | 'guild' | 'channel' | 'askerHash' | 'postedAt'>): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO help_posts (thread, guild, channel, asker_hash, posted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (thread) DO NOTHING`,
      [post.thread, post.guild, post.channel, post.askerHash, post.postedAt],
    );
    return result.rowCount === 1;
  }

  async get(thread: string): Promise<HelpPost | undefined> {
    return (await this.pool.query<HelpPost>(`SELECT ${helpPostColumns} FROM help_posts WHERE thread = $1`, [thread])).rows[0];
  }

  async answered(thread: string, outcome: HelpOutcome, questionId: number | null, at: number): Promise<void> {
    await this.pool.query(
      `UPDATE help_posts SET answered_at = $1, outcome = $2, question_id = $3
       WHERE thread = $4 AND answered_at IS NULL AND outcome IS NULL`,
      [outcome === 'rate_limited' ? null : at, outcome, questionId, thread],
    );
  }

  async solved(thread: string, at: number): Promise<boolean> {
    return (
      (await this.pool.query('UPDATE help_posts SET solved_at = $1 WHERE thread = $2 AND solved_at IS NULL', [at, thread])).rowCount === 1
    );
  }

  async escalated(thread: string, at: number): Promise<boolean> {
    const result = await this.pool.query('UPDATE help_posts SET escalated_at = $1 WHERE thread = $2 AND escalated_at IS NULL', [
      at,
      thread,
    ]);
    return result.rowCount === 1;
  }

  async waiting(guild: string): Promise<HelpPost[]> {
    const { rows } = await this.pool.query<HelpPost>(
      `SELECT ${helpPostColumns} FROM help_posts
       WHERE guild = $1 AND answered_at IS NULL AND outcome IS NULL AND escalated_at IS NULL AND solved_at IS NULL
       ORDER BY posted_at`,
      [guild],
    );
    return rows;
  }

  async solvedPosts(guild: string): Promise<{ thread: string; solvedAt: number }[]> {
    const { rows } = await this.pool.query<{ thread: string; solvedAt: number }>(
      'SELECT thread, solved_at AS "solvedAt" FROM help_posts WHERE guild = $1 AND solved_at IS NOT NULL',
      [guild],
    );
    return rows;
  }
}
