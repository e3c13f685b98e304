import type { Database, Statement } from 'better-sqlite3';
import { DOWNVOTE_REASONS, type DownvoteReason } from './downvoteReasons.ts';

/** Members' votes in a period: 👍, 👎 and the reasons given with the 👎. */
export interface VoteCounts {
  up: number;
  down: number;
  reasons: Record<DownvoteReason, number>;
}

/** Every question asked in a server in a period (slash commands, mentions and help channels). */
export interface QuestionCounts extends VoteCounts {
  questions: number;
  /** Answered with a quote (the engine did not abstain). */
  answered: number;
  /** "Not in the corpus" (or, in a help channel, below its confidence). */
  abstained: number;
}

/** One help channel's posts in a period, and what became of them. */
export interface HelpChannelCounts extends VoteCounts {
  channel: string;
  /** Posts the bot took up. */
  posts: number;
  /** Posts given a cited answer. */
  answered: number;
  /** Posts told the docs do not seem to cover them. */
  notCovered: number;
  /** Posts left unanswered: the asker was over the rate limit. */
  rateLimited: number;
  solved: number;
  /** Solved, and the bot's first reply was a cited answer. */
  solvedByBot: number;
  /** Handed to a human with "Ask a human". */
  escalated: number;
  /** Median time from the post to the bot's first reply; null when none was answered. */
  medianFirstReplyMs: number | null;
}

const reasonSums = DOWNVOTE_REASONS.map((reason, i) => `SUM(v.reason = '${reason}') AS r${i}`).join(', ');

export type Sums = { up: number | null; down: number | null } & Record<`r${number}`, number | null>;

export function voteCounts(row: Sums | undefined): VoteCounts {
  const reasons = Object.fromEntries(DOWNVOTE_REASONS.map((reason, i) => [reason, row?.[`r${i}`] ?? 0])) as Record<DownvoteReason, number>;
  return { up: row?.up ?? 0, down: row?.down ?? 0, reasons };
}

/** The median of a sorted list; null for none. */
function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type PostSums = Omit<HelpChannelCounts, keyof VoteCounts | 'medianFirstReplyMs'>;

/** Each help channel's counts from the three queries' rows: posts, votes on their answers, and first-reply times (sorted). */
export function helpChannelCountsOf(
  posts: readonly PostSums[],
  votes: readonly (Sums & { channel: string })[],
  firstReplies: readonly { channel: string; ms: number }[],
): HelpChannelCounts[] {
  const votesOf = new Map(votes.map((row) => [row.channel, row]));
  const replies = new Map<string, number[]>();
  for (const { channel, ms } of firstReplies) replies.set(channel, [...(replies.get(channel) ?? []), ms]);
  return posts.map((row) => ({
    ...row,
    ...voteCounts(votesOf.get(row.channel)),
    medianFirstReplyMs: median(replies.get(row.channel) ?? []),
  }));
}

/** What /stats counts in SQLite, read from the question log, the votes and the help posts. */
export class StatsQueries {
  private readonly questionSums: Statement;
  private readonly voteSums: Statement;
  private readonly postSums: Statement;
  private readonly postVoteSums: Statement;
  private readonly firstReplies: Statement;

  constructor(db: Database) {
    this.questionSums = db.prepare(`
      SELECT COUNT(*) AS questions, COALESCE(SUM(answered = 1), 0) AS answered, COALESCE(SUM(answered = 0), 0) AS abstained
      FROM questions WHERE guild = ? AND asked_at >= ?`);
    this.voteSums = db.prepare(`
      SELECT SUM(v.value = 1) AS up, SUM(v.value = -1) AS down, ${reasonSums}
      FROM votes v WHERE v.guild = ? AND v.voted_at >= ?`);
    this.postSums = db.prepare(`
      SELECT channel, COUNT(*) AS posts, SUM(outcome = 'answered') AS answered, SUM(outcome = 'not_covered') AS notCovered,
             SUM(outcome = 'rate_limited') AS rateLimited, SUM(solved_at IS NOT NULL) AS solved,
             SUM(solved_at IS NOT NULL AND outcome = 'answered') AS solvedByBot, SUM(escalated_at IS NOT NULL) AS escalated
      FROM help_posts WHERE guild = ? AND posted_at >= ? GROUP BY channel`);
    // Help answers are logged under their thread, which is how a vote finds the channel of its post.
    this.postVoteSums = db.prepare(`
      SELECT p.channel AS channel, SUM(v.value = 1) AS up, SUM(v.value = -1) AS down, ${reasonSums}
      FROM votes v JOIN questions q ON q.id = v.answer_id JOIN help_posts p ON p.thread = q.channel
      WHERE p.guild = ? AND p.posted_at >= ? GROUP BY p.channel`);
    this.firstReplies = db.prepare(`
      SELECT channel, answered_at - posted_at AS ms FROM help_posts
      WHERE guild = ? AND posted_at >= ? AND answered_at IS NOT NULL ORDER BY channel, ms`);
  }

  /** Every question asked in the server since `since`, and the votes cast since then. */
  async questions(guild: string, since: number): Promise<QuestionCounts> {
    const sums = this.questionSums.get(guild, since) as { questions: number; answered: number; abstained: number };
    return { ...sums, ...voteCounts(this.voteSums.get(guild, since) as Sums | undefined) };
  }

  /** The help channels' posts made since `since`, per channel (those with posts only). */
  async helpChannels(guild: string, since: number): Promise<HelpChannelCounts[]> {
    return helpChannelCountsOf(
      this.postSums.all(guild, since) as PostSums[],
      this.postVoteSums.all(guild, since) as (Sums & { channel: string })[],
      this.firstReplies.all(guild, since) as { channel: string; ms: number }[],
    );
  }
}
