import type { Database, Statement } from 'better-sqlite3';

/** How the bot's first reply to a help post went. `rate_limited`: the asker was over the limit, no answer. */
export type HelpOutcome = 'answered' | 'not_covered' | 'rate_limited';

/** A post in a help channel that the bot took up, by its thread. */
export interface HelpPost {
  thread: string;
  guild: string;
  /** The help channel it was posted in. */
  channel: string;
  /** BotStore.hashUser of the member who posted: they may mark it solved or ask for a human. */
  askerHash: string;
  postedAt: number;
  /** When the bot's first reply went out; null while it waits in the queue. */
  answeredAt: number | null;
  outcome: HelpOutcome | null;
  /** The logged question of the first reply, when it was logged. */
  questionId: number | null;
  solvedAt: number | null;
  escalatedAt: number | null;
}

/** A help_posts row as a HelpPost; the identifiers quoted, for PostgreSQL folds unquoted ones to lower case. */
export const helpPostColumns = `thread, guild, channel, asker_hash AS "askerHash", posted_at AS "postedAt", answered_at AS "answeredAt", outcome,
  question_id AS "questionId", solved_at AS "solvedAt", escalated_at AS "escalatedAt"`;

/** The posts of help channels the bot took up: taken once, then answered, solved or handed to a human. */
export class HelpPostStore {
  private readonly insert: Statement;
  private readonly byThread: Statement;
  private readonly answer: Statement;
  private readonly solve: Statement;
  private readonly escalate: Statement;
  private readonly waitingQuery: Statement;
  private readonly solvedQuery: Statement;
  private readonly purge: Statement;

  constructor(db: Database) {
    this.insert = db.prepare(`
      INSERT INTO help_posts (thread, guild, channel, asker_hash, posted_at) VALUES (@thread, @guild, @channel, @askerHash, @postedAt)
      ON CONFLICT (thread) DO NOTHING`);
    this.byThread = db.prepare(`SELECT ${helpPostColumns} FROM help_posts WHERE thread = ?`);
    this.answer = db.prepare(`
      UPDATE help_posts SET answered_at = @at, outcome = @outcome, question_id = @questionId
      WHERE thread = @thread AND answered_at IS NULL AND outcome IS NULL`);
    this.solve = db.prepare('UPDATE help_posts SET solved_at = ? WHERE thread = ? AND solved_at IS NULL');
    this.escalate = db.prepare('UPDATE help_posts SET escalated_at = ? WHERE thread = ? AND escalated_at IS NULL');
    this.waitingQuery = db.prepare(`
      SELECT ${helpPostColumns} FROM help_posts
      WHERE guild = ? AND answered_at IS NULL AND outcome IS NULL AND escalated_at IS NULL AND solved_at IS NULL
      ORDER BY posted_at`);
    this.solvedQuery = db.prepare('SELECT thread, solved_at AS "solvedAt" FROM help_posts WHERE guild = ? AND solved_at IS NOT NULL');
    this.purge = db.prepare('DELETE FROM help_posts WHERE posted_at < ?');
  }

  /**
   * Takes up a post: true the first time, false when it was taken before (by this process or one before a
   * restart), so a post is answered once whatever the gateway sends again.
   */
  async take(post: Pick<HelpPost, 'thread' | 'guild' | 'channel' | 'askerHash' | 'postedAt'>): Promise<boolean> {
    return this.insert.run(post).changes === 1;
  }

  async get(thread: string): Promise<HelpPost | undefined> {
    return this.byThread.get(thread) as HelpPost | undefined;
  }

  /** Records the bot's first reply to a post (or that it would not answer: rate limited). Later replies change nothing. */
  async answered(thread: string, outcome: HelpOutcome, questionId: number | null, at: number): Promise<void> {
    this.answer.run({ thread, outcome, questionId, at: outcome === 'rate_limited' ? null : at });
  }

  /** Marks a post solved; false when it already was. */
  async solved(thread: string, at: number): Promise<boolean> {
    return this.solve.run(at, thread).changes === 1;
  }

  /** Records that the post was handed to a human; false when it already was (the role is pinged once). */
  async escalated(thread: string, at: number): Promise<boolean> {
    return this.escalate.run(at, thread).changes === 1;
  }

  /** Posts taken up but not yet answered (the bot stopped with them queued), oldest first. */
  async waiting(guild: string): Promise<HelpPost[]> {
    return this.waitingQuery.all(guild) as HelpPost[];
  }

  /** The server's solved posts, to archive their threads once the delay has passed (after a restart too). */
  async solvedPosts(guild: string): Promise<{ thread: string; solvedAt: number }[]> {
    return this.solvedQuery.all(guild) as { thread: string; solvedAt: number }[];
  }

  /** Deletes posts made before `cutoff`; returns how many. */
  purgeBefore(cutoff: number): number {
    return this.purge.run(cutoff).changes;
  }
}
