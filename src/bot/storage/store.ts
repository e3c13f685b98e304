import { createHmac } from 'node:crypto';
import type { Phrasing, RankingFeedback } from '../../answer/answer.ts';
import type { DownvoteReason } from './downvoteReasons.ts';
import type { SourceTally, VoteChange, VoteValue } from './feedbackStore.ts';
import type { GuildSettings, HelpChannel, SettingsChange } from './guildSettings.ts';
import type { HelpOutcome, HelpPost } from './helpPosts.ts';
import type { Gap, LoggedAnswer, QuestionEntry } from './questionLog.ts';
import type { HelpChannelCounts, QuestionCounts } from './stats.ts';

/*
 * What the bot remembers, as the bot sees it: one seam with two implementations, SQLite in DATA_DIR
 * (sqliteStore.ts, the default) and PostgreSQL at DATABASE_URL (postgresStore.ts, for several machines
 * sharing one store). Every method returns a promise because PostgreSQL answers over a socket; the SQLite
 * implementation answers at once. test/bot/storeContract.test.ts holds both to the same behaviour.
 */

/** The question log as the bot reads it: which answer a vote is on, and the gaps. */
export interface QuestionLogReads {
  /** The answer logged under `id`, unless it has been purged. */
  answer(id: number): Promise<LoggedAnswer | undefined>;
  /**
   * The questions asked in `guild` since `since` that the bot abstained on or whose answer got 👎, most
   * abstentions and 👎 first, then the most asked.
   */
  gaps(guild: string, since: number, limit: number): Promise<Gap[]>;
}

/** Members' 👍/👎 on answers: one vote per member per answer, kept with what it rated. */
export interface Feedback {
  /**
   * A member's click on 👍 or 👎 under an answer, in one transaction: a first vote is recorded, the other
   * button changes it, the same button again withdraws it. Throws for an abstention (nothing to rate).
   */
  vote(answer: LoggedAnswer, userHash: string, value: VoteValue, manager: boolean, at: number): Promise<VoteChange>;
  /** Every voted source for a question in a server, with its counts and effect. */
  tally(guild: string, key: string): Promise<SourceTally[]>;
  /** The server's feedback on a question, as the engine takes it (AnswerOptions.feedback); undefined for none. */
  rankingFeedback(guild: string, key: string): Promise<RankingFeedback | undefined>;
  /** The questions members of a server rated 👍, with the quote rated, the latest first (see feedbackRules). */
  phrasings(guild: string, limit?: number): Promise<Phrasing[]>;
  /** Adds why the member rated the answer 👎; false when their vote on it is no longer a 👎 (taken back or changed). */
  giveReason(answerId: number, userHash: string, reason: DownvoteReason): Promise<boolean>;
  /** Forgets every vote on a question in a server (a manager's reset); returns how many. */
  clear(guild: string, key: string): Promise<number>;
}

/** Each server's settings (defaults for what it never set). */
export interface Settings {
  get(guild: string): Promise<GuildSettings>;
  /** Saves the given settings for the server (one transaction) and returns them all as they now are. */
  update(guild: string, change: SettingsChange, at: number): Promise<GuildSettings>;
  /** Lists or unlists a channel for answering mentions; returns the settings as they now are. */
  setChannel(guild: string, channel: string, listed: boolean): Promise<GuildSettings>;
  /** Makes a channel a help channel (or stops it being one); returns the settings as they now are. */
  setHelpChannel(guild: string, channel: { id: string; kind: HelpChannel['kind'] }, on: boolean, at: number): Promise<GuildSettings>;
}

/** The posts of help channels the bot took up: taken once, then answered, solved or handed to a human. */
export interface HelpPosts {
  /**
   * Takes up a post: true the first time, false when it was taken before (by this process, another, or one
   * before a restart), so a post is answered once whatever the gateway sends again.
   */
  take(post: Pick<HelpPost, 'thread' | 'guild' | 'channel' | 'askerHash' | 'postedAt'>): Promise<boolean>;
  get(thread: string): Promise<HelpPost | undefined>;
  /** Records the bot's first reply to a post (or that it would not answer: rate limited). Later replies change nothing. */
  answered(thread: string, outcome: HelpOutcome, questionId: number | null, at: number): Promise<void>;
  /** Marks a post solved; false when it already was. */
  solved(thread: string, at: number): Promise<boolean>;
  /** Records that the post was handed to a human; false when it already was (the role is pinged once). */
  escalated(thread: string, at: number): Promise<boolean>;
  /** Posts taken up but not yet answered (the bot stopped with them queued), oldest first. */
  waiting(guild: string): Promise<HelpPost[]>;
  /** The server's solved posts, to archive their threads once the delay has passed (after a restart too). */
  solvedPosts(guild: string): Promise<{ thread: string; solvedAt: number }[]>;
}

/** What /stats counts, read from the question log, the votes and the help posts. */
export interface Stats {
  /** Every question asked in the server since `since`, and the votes cast since then. */
  questions(guild: string, since: number): Promise<QuestionCounts>;
  /** The help channels' posts made since `since`, per channel (those with posts only). */
  helpChannels(guild: string, since: number): Promise<HelpChannelCounts[]>;
}

/** The question log, votes, server settings and help posts of one bot (or of several sharing PostgreSQL). */
export interface BotStore {
  readonly questions: QuestionLogReads;
  readonly feedback: Feedback;
  readonly settings: Settings;
  readonly helpPosts: HelpPosts;
  readonly stats: Stats;
  /** Days a question's text is kept (RETENTION_DAYS). */
  readonly retentionDays: number;
  /** Clock in ms since the epoch. */
  readonly now: () => number;
  /** Where the store is, for log lines: the SQLite file, or the PostgreSQL server and database (never a password). */
  readonly location: string;
  /** A Discord user id as the store keeps it: an HMAC with the store's own random salt, never the id. */
  hashUser(userId: string): string;
  /**
   * Deletes questions older than the retention period, and with them the help posts' outcomes and the reasons
   * given with 👎 (the votes stay), in one transaction; returns how many questions. Run at start and daily.
   */
  purgeExpired(): Promise<number>;
  /** The start of "the last `days` days", in ms since the epoch. */
  since(days: number): number;
  /**
   * Logs a question asked now; its id when written (the answer's vote buttons carry it), undefined when it
   * could not be written at once (the answer then goes without vote buttons).
   */
  logQuestion(entry: QuestionEntry): Promise<number | undefined>;
  close(): Promise<void>;
}

/** What opening a store did: the schema it found and the questions it purged. */
export interface OpenedStore {
  store: BotStore;
  /** The schema version before this start (0 for a new store). */
  migratedFrom: number;
  purged: number;
}

export const dayMs = 86_400_000;

/**
 * A Discord user id as both stores keep it: an HMAC-SHA-256 keyed with the store's own random salt (the
 * `user_salt` row of `meta`), cut to 32 hex digits. Never the id itself.
 */
export function hashUserId(salt: string, userId: string): string {
  return createHmac('sha256', salt).update(userId).digest('hex').slice(0, 32);
}
