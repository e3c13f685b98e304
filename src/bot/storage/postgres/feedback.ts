import type pg from 'pg';
import type { Phrasing, RankingFeedback } from '../../../answer/answer.ts';
import type { DownvoteReason } from '../downvoteReasons.ts';
import {
  feedbackRules,
  type PhrasingRow,
  phrasingOf,
  rankingFeedbackOf,
  type SourceTally,
  type TallyRow,
  tallyOf,
  type VoteChange,
  type VoteValue,
} from '../feedbackStore.ts';
import type { LoggedAnswer } from '../questionLog.ts';
import type { Feedback } from '../store.ts';
import { transaction } from './database.ts';

/** Members' 👍/👎 on answers in PostgreSQL; the rules and effects are the SQLite store's (feedbackStore.ts). */
export class PostgresFeedback implements Feedback {
  constructor(private readonly pool: pg.Pool) {}

  async vote(answer: LoggedAnswer, userHash: string, value: VoteValue, manager: boolean, at: number): Promise<VoteChange> {
    if (!answer.source) throw new Error(`FeedbackStore: answer ${answer.id} cited no source to vote on`);
    const { doc, start, end } = answer.source;
    return transaction(this.pool, async (client) => {
      // FOR UPDATE: a double click from two shards at once is one vote, then its withdrawal, never two votes.
      const { rows } = await client.query<{ value: number }>('SELECT value FROM votes WHERE answer_id = $1 AND user_hash = $2 FOR UPDATE', [
        answer.id,
        userHash,
      ]);
      const before = rows[0]?.value;
      if (before === value) {
        await client.query('DELETE FROM votes WHERE answer_id = $1 AND user_hash = $2', [answer.id, userHash]);
        return 'withdrawn';
      }
      await client.query(
        `INSERT INTO votes (answer_id, user_hash, guild, question_key, doc, start, "end", value, manager, voted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (answer_id, user_hash) DO UPDATE SET
           value = excluded.value, manager = excluded.manager, voted_at = excluded.voted_at, reason = NULL`,
        [answer.id, userHash, answer.guild, answer.key, doc, start, end, value, manager ? 1 : 0, at],
      );
      return before === undefined ? 'recorded' : 'changed';
    });
  }

  async tally(guild: string, key: string): Promise<SourceTally[]> {
    // COLLATE "C": documents in the order of their ids' bytes, as SQLite sorts them, whatever the database's locale.
    const { rows } = await this.pool.query<TallyRow>(
      `SELECT doc, start, "end", COUNT(*) FILTER (WHERE value = 1) AS up, COUNT(*) FILTER (WHERE value = -1) AS down,
              COUNT(*) FILTER (WHERE value = -1 AND manager = 1) AS "managerDown"
       FROM votes WHERE guild = $1 AND question_key = $2 GROUP BY doc, start, "end" ORDER BY doc COLLATE "C", start`,
      [guild, key],
    );
    return rows.map(tallyOf);
  }

  async rankingFeedback(guild: string, key: string): Promise<RankingFeedback | undefined> {
    const [tally, phrasings] = await Promise.all([this.tally(guild, key), this.phrasings(guild)]);
    return rankingFeedbackOf(tally, phrasings);
  }

  async phrasings(guild: string, limit: number = feedbackRules.rememberedPhrasings): Promise<Phrasing[]> {
    // A vote's source is its answer's, so grouping by the answer groups by the source too.
    const { rows } = await this.pool.query<PhrasingRow>(
      `SELECT q.question AS question, v.doc AS doc, v.start AS start, v."end" AS "end"
       FROM votes v JOIN questions q ON q.id = v.answer_id
       WHERE v.guild = $1 GROUP BY v.answer_id, q.question, v.doc, v.start, v."end" HAVING SUM(v.value) > 0
       ORDER BY MAX(v.voted_at) DESC, v.answer_id DESC LIMIT $2`,
      [guild, limit],
    );
    return rows.map(phrasingOf);
  }

  async giveReason(answerId: number, userHash: string, reason: DownvoteReason): Promise<boolean> {
    const result = await this.pool.query('UPDATE votes SET reason = $1 WHERE answer_id = $2 AND user_hash = $3 AND value = -1', [
      reason,
      answerId,
      userHash,
    ]);
    return result.rowCount === 1;
  }

  async clear(guild: string, key: string): Promise<number> {
    return (await this.pool.query('DELETE FROM votes WHERE guild = $1 AND question_key = $2', [guild, key])).rowCount ?? 0;
  }
}
