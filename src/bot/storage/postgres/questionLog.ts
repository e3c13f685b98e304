import type pg from 'pg';
import { DOWNVOTE_REASONS } from '../downvoteReasons.ts';
import {
  type AnswerRow,
  type Gap,
  type GapRow,
  gapOf,
  type LoggedAnswer,
  loggedAnswerOf,
  type QuestionEntry,
  questionValues,
} from '../questionLog.ts';
import type { QuestionLogReads } from '../store.ts';

const [wrong, outdated, notInDocs, other] = DOWNVOTE_REASONS;

/** The question log in PostgreSQL: one row per question asked in a server; the text is purged after the retention period. */
export class PostgresQuestionLog implements QuestionLogReads {
  constructor(private readonly pool: pg.Pool) {}

  /** Adds a question and returns its id, which the answer's vote buttons carry. */
  async record(entry: QuestionEntry, askedAt: number): Promise<number> {
    const v = questionValues(entry, askedAt);
    const { rows } = await this.pool.query<{ id: number }>(
      `INSERT INTO questions (guild, channel, user_hash, question, question_key, answered, doc, start, "end", confidence, nearest, asked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [v.guild, v.channel, v.userHash, v.question, v.key, v.answered, v.doc, v.start, v.end, v.confidence, v.nearest, v.askedAt],
    );
    return rows[0]!.id;
  }

  async answer(id: number): Promise<LoggedAnswer | undefined> {
    const { rows } = await this.pool.query<AnswerRow>(
      'SELECT id, guild, question_key AS key, doc, start, "end" FROM questions WHERE id = $1',
      [id],
    );
    return rows[0] && loggedAnswerOf(rows[0]);
  }

  async gaps(guild: string, since: number, limit: number): Promise<Gap[]> {
    const { rows } = await this.pool.query<GapRow>(
      `WITH recent AS (SELECT * FROM questions WHERE guild = $1 AND asked_at >= $2),
            downs AS (
              SELECT question_key, COUNT(DISTINCT user_hash) AS downvoted_by,
                     COUNT(*) FILTER (WHERE reason = '${wrong}') AS wrong, COUNT(*) FILTER (WHERE reason = '${outdated}') AS outdated,
                     COUNT(*) FILTER (WHERE reason = '${notInDocs}') AS not_in_docs, COUNT(*) FILTER (WHERE reason = '${other}') AS other
              FROM votes WHERE guild = $1 AND value = -1 AND voted_at >= $2 GROUP BY question_key),
            grouped AS (
              SELECT r.question_key AS key, COUNT(*) AS asked, COUNT(*) FILTER (WHERE r.answered = 0) AS abstained,
                     COALESCE(MAX(d.downvoted_by), 0) AS "downvotedBy", MAX(r.asked_at) AS "lastAsked",
                     MAX(d.wrong) AS wrong, MAX(d.outdated) AS outdated, MAX(d.not_in_docs) AS "notInDocs", MAX(d.other) AS other
              FROM recent r LEFT JOIN downs d ON d.question_key = r.question_key
              GROUP BY r.question_key)
       SELECT g.*, latest.question, latest.nearest
       FROM grouped g CROSS JOIN LATERAL (
         SELECT question, nearest FROM recent l WHERE l.question_key = g.key ORDER BY asked_at DESC, id DESC LIMIT 1) latest
       WHERE g.abstained > 0 OR g."downvotedBy" > 0
       ORDER BY g.abstained + g."downvotedBy" DESC, g.asked DESC, g."lastAsked" DESC
       LIMIT $3`,
      [guild, since, limit],
    );
    return rows.map(gapOf);
  }
}
