import type pg from 'pg';
import { DOWNVOTE_REASONS } from '../downvoteReasons.ts';
import { type HelpChannelCounts, helpChannelCountsOf, type PostSums, type QuestionCounts, type Sums, voteCounts } from '../stats.ts';
import type { Stats } from '../store.ts';

const reasonCounts = DOWNVOTE_REASONS.map((reason, i) => `COUNT(*) FILTER (WHERE v.reason = '${reason}') AS r${i}`).join(', ');

/** What /stats counts, read from PostgreSQL: the same counts as the SQLite queries (../stats.ts). */
export class PostgresStats implements Stats {
  constructor(private readonly pool: pg.Pool) {}

  async questions(guild: string, since: number): Promise<QuestionCounts> {
    const [questions, votes] = await Promise.all([
      this.pool.query<{ questions: number; answered: number; abstained: number }>(
        `SELECT COUNT(*) AS questions, COUNT(*) FILTER (WHERE answered = 1) AS answered, COUNT(*) FILTER (WHERE answered = 0) AS abstained
         FROM questions WHERE guild = $1 AND asked_at >= $2`,
        [guild, since],
      ),
      this.pool.query<Sums>(
        `SELECT COUNT(*) FILTER (WHERE v.value = 1) AS up, COUNT(*) FILTER (WHERE v.value = -1) AS down, ${reasonCounts}
         FROM votes v WHERE v.guild = $1 AND v.voted_at >= $2`,
        [guild, since],
      ),
    ]);
    return { ...questions.rows[0]!, ...voteCounts(votes.rows[0]) };
  }

  async helpChannels(guild: string, since: number): Promise<HelpChannelCounts[]> {
    const [posts, votes, replies] = await Promise.all([
      this.pool.query<PostSums>(
        `SELECT channel, COUNT(*) AS posts, COUNT(*) FILTER (WHERE outcome = 'answered') AS answered,
                COUNT(*) FILTER (WHERE outcome = 'not_covered') AS "notCovered", COUNT(*) FILTER (WHERE outcome = 'rate_limited') AS "rateLimited",
                COUNT(solved_at) AS solved, COUNT(solved_at) FILTER (WHERE outcome = 'answered') AS "solvedByBot", COUNT(escalated_at) AS escalated
         FROM help_posts WHERE guild = $1 AND posted_at >= $2 GROUP BY channel ORDER BY channel COLLATE "C"`,
        [guild, since],
      ),
      // Help answers are logged under their thread, which is how a vote finds the channel of its post.
      this.pool.query<Sums & { channel: string }>(
        `SELECT p.channel AS channel, COUNT(*) FILTER (WHERE v.value = 1) AS up, COUNT(*) FILTER (WHERE v.value = -1) AS down, ${reasonCounts}
         FROM votes v JOIN questions q ON q.id = v.answer_id JOIN help_posts p ON p.thread = q.channel
         WHERE p.guild = $1 AND p.posted_at >= $2 GROUP BY p.channel`,
        [guild, since],
      ),
      this.pool.query<{ channel: string; ms: number }>(
        `SELECT channel, answered_at - posted_at AS ms FROM help_posts
         WHERE guild = $1 AND posted_at >= $2 AND answered_at IS NOT NULL ORDER BY channel, ms`,
        [guild, since],
      ),
    ]);
    return helpChannelCountsOf(posts.rows, votes.rows, replies.rows);
  }
}
