import type { Database, Statement } from 'better-sqlite3';
import type { Phrasing, RankingFeedback, SentenceRef } from '../../answer/answer.ts';
import type { DownvoteReason } from './downvoteReasons.ts';
import type { LoggedAnswer } from './questionLog.ts';

/** When members' votes change the ranking of a source for a question in their server. */
export const feedbackRules = {
  /** 👎 from this many members demote a source for the question… */
  demoteAfterDownvotes: 2,
  /** …or from this many members with Manage Server. */
  demoteAfterManagerDownvotes: 1,
  /** How many of a server's 👍-rated questions are read as its members' words for their quotes. */
  rememberedPhrasings: 500,
} as const;

export type VoteValue = 1 | -1;

/** What a click did: a new vote, a changed one, or the same button again, which takes the vote back. */
export type VoteChange = 'recorded' | 'changed' | 'withdrawn';

/** The votes on one source for one question in one server, and what they add up to. */
export interface SourceTally extends SentenceRef {
  up: number;
  down: number;
  /** 👎 from members with Manage Server. */
  managerDown: number;
  effect: 'demoted' | 'preferred' | 'none';
}

export interface TallyRow extends SentenceRef {
  up: number;
  down: number;
  managerDown: number;
}

/** The votes on a source, as one row per source counts them, with what they add up to. */
export function tallyOf(row: TallyRow): SourceTally {
  return { ...row, effect: effectOf(row) };
}

function effectOf(row: TallyRow): SourceTally['effect'] {
  if (row.down >= feedbackRules.demoteAfterDownvotes || row.managerDown >= feedbackRules.demoteAfterManagerDownvotes) return 'demoted';
  return row.up > row.down ? 'preferred' : 'none';
}

export type PhrasingRow = { question: string; doc: string; start: number; end: number };

export function phrasingOf({ question, doc, start, end }: PhrasingRow): Phrasing {
  return { question, source: { doc, start, end } };
}

/**
 * A server's feedback on a question as the engine takes it (AnswerOptions.feedback): the sources its members
 * demoted or preferred for this question, and the questions they rated 👍 (any question: their words for what
 * its quote answers, `RankingFeedback.phrasings`); undefined when there is none.
 */
export function rankingFeedbackOf(tally: readonly SourceTally[], phrasings: readonly Phrasing[]): RankingFeedback | undefined {
  if (tally.length === 0 && phrasings.length === 0) return undefined;
  const refs = (effect: SourceTally['effect']) =>
    tally.filter((t) => t.effect === effect).map(({ doc, start, end }) => ({ doc, start, end }));
  return { demote: refs('demoted'), prefer: refs('preferred'), ...(phrasings.length > 0 && { phrasings: [...phrasings] }) };
}

/** Members' 👍/👎 on answers in SQLite: one vote per member per answer, kept with what it rated. */
export class FeedbackStore {
  private readonly current: Statement;
  private readonly upsert: Statement;
  private readonly remove: Statement;
  private readonly tallyQuery: Statement;
  private readonly clearQuery: Statement;
  private readonly reasonQuery: Statement;
  private readonly phrasingQuery: Statement;
  private readonly forgetReasons: Statement;
  private readonly voteTransaction: (answer: LoggedAnswer, userHash: string, value: VoteValue, manager: boolean, at: number) => VoteChange;

  constructor(db: Database) {
    this.current = db.prepare('SELECT value FROM votes WHERE answer_id = ? AND user_hash = ?').pluck();
    this.upsert = db.prepare(`
      INSERT INTO votes (answer_id, user_hash, guild, question_key, doc, start, "end", value, manager, voted_at)
      VALUES (@answerId, @userHash, @guild, @key, @doc, @start, @end, @value, @manager, @at)
      ON CONFLICT (answer_id, user_hash) DO UPDATE SET
        value = excluded.value, manager = excluded.manager, voted_at = excluded.voted_at, reason = NULL`);
    this.remove = db.prepare('DELETE FROM votes WHERE answer_id = ? AND user_hash = ?');
    this.tallyQuery = db.prepare(`
      SELECT doc, start, "end", SUM(value = 1) AS up, SUM(value = -1) AS down, SUM(value = -1 AND manager = 1) AS managerDown
      FROM votes WHERE guild = ? AND question_key = ? GROUP BY doc, start, "end" ORDER BY doc, start`);
    this.clearQuery = db.prepare('DELETE FROM votes WHERE guild = ? AND question_key = ?');
    this.reasonQuery = db.prepare('UPDATE votes SET reason = ? WHERE answer_id = ? AND user_hash = ? AND value = -1');
    // A question's text lives only in the question log, so its phrasing is forgotten when the log purges it.
    this.phrasingQuery = db.prepare(`
      SELECT q.question AS question, v.doc AS doc, v.start AS start, v."end" AS "end"
      FROM votes v JOIN questions q ON q.id = v.answer_id
      WHERE v.guild = ? GROUP BY v.answer_id HAVING SUM(v.value) > 0
      ORDER BY MAX(v.voted_at) DESC, v.answer_id DESC LIMIT ?`);
    this.forgetReasons = db.prepare('UPDATE votes SET reason = NULL WHERE voted_at < ? AND reason IS NOT NULL');
    this.voteTransaction = db.transaction((answer: LoggedAnswer, userHash: string, value: VoteValue, manager: boolean, at: number) => {
      const before = this.current.get(answer.id, userHash) as number | undefined;
      if (before === value) {
        this.remove.run(answer.id, userHash);
        return 'withdrawn';
      }
      const { doc, start, end } = answer.source!;
      this.upsert.run({
        answerId: answer.id,
        userHash,
        guild: answer.guild,
        key: answer.key,
        doc,
        start,
        end,
        value,
        manager: manager ? 1 : 0,
        at,
      });
      return before === undefined ? 'recorded' : 'changed';
    });
  }

  /**
   * A member's click on 👍 or 👎 under an answer, in one transaction: a first vote is recorded, the other
   * button changes it, the same button again withdraws it. Throws for an abstention (nothing to rate).
   */
  async vote(answer: LoggedAnswer, userHash: string, value: VoteValue, manager: boolean, at: number): Promise<VoteChange> {
    if (!answer.source) throw new Error(`FeedbackStore: answer ${answer.id} cited no source to vote on`);
    return this.voteTransaction(answer, userHash, value, manager, at);
  }

  /** Every voted source for a question in a server, with its counts and effect. */
  async tally(guild: string, key: string): Promise<SourceTally[]> {
    return (this.tallyQuery.all(guild, key) as TallyRow[]).map(tallyOf);
  }

  /**
   * The server's feedback on a question, as the engine takes it (AnswerOptions.feedback): the sources its
   * members demoted or preferred for this question, and the questions they rated 👍 (any question: their
   * words for what its quote answers, `RankingFeedback.phrasings`).
   */
  async rankingFeedback(guild: string, key: string): Promise<RankingFeedback | undefined> {
    return rankingFeedbackOf(await this.tally(guild, key), await this.phrasings(guild));
  }

  /**
   * The questions members of a server rated 👍 (more 👍 than 👎), with the quote rated, the latest first and
   * at most `limit`: while the question log keeps their text (RETENTION_DAYS).
   */
  async phrasings(guild: string, limit: number = feedbackRules.rememberedPhrasings): Promise<Phrasing[]> {
    return (this.phrasingQuery.all(guild, limit) as PhrasingRow[]).map(phrasingOf);
  }

  /** Adds why the member rated the answer 👎; false when their vote on it is no longer a 👎 (taken back or changed). */
  async giveReason(answerId: number, userHash: string, reason: DownvoteReason): Promise<boolean> {
    return this.reasonQuery.run(reason, answerId, userHash).changes === 1;
  }

  /** Forgets the reasons of votes cast before `cutoff` (they go with the question text); the votes stay. */
  forgetReasonsBefore(cutoff: number): number {
    return this.forgetReasons.run(cutoff).changes;
  }

  /** Forgets every vote on a question in a server (a manager's reset); returns how many. */
  async clear(guild: string, key: string): Promise<number> {
    return this.clearQuery.run(guild, key).changes;
  }
}
