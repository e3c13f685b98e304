import type { Database, Statement } from 'better-sqlite3';
import type { DownvoteReason } from './downvoteReasons.ts';

/** A source as the log keeps it: enough to name it again in /gaps. */
export interface LoggedSource {
  doc: string;
  title: string;
  path: string;
}

/** One question asked in a server, as the bot answered it. */
export interface QuestionEntry {
  guild: string;
  channel: string;
  /** Already hashed (BotStore.hashUser): the log never sees a Discord user id. */
  userHash: string;
  /** The question as the engine read it. */
  question: string;
  /** questionKey(question). */
  key: string;
  answered: boolean;
  /** The cited sentence, when answered. */
  source: { doc: string; start: number; end: number } | null;
  confidence: number;
  /** The nearest sources, best first (a few). */
  nearest: readonly LoggedSource[];
}

/** What a vote needs to know about the answer it rates. */
export interface LoggedAnswer {
  id: number;
  guild: string;
  key: string;
  source: { doc: string; start: number; end: number } | null;
}

/** A question the bot could not answer well, for /gaps. */
export interface Gap {
  /** The latest wording asked. */
  question: string;
  asked: number;
  /** Times the bot said it is not in the corpus. */
  abstained: number;
  /** Members who rated an answer to it 👎 (and have not withdrawn it). */
  downvotedBy: number;
  lastAsked: number;
  /** The nearest sources the bot had the last time it was asked. */
  nearest: LoggedSource[];
  /** The reasons members gave with their 👎, counted (absent when none was given). */
  reasons?: Partial<Record<DownvoteReason, number>>;
}

/** How many sources a log row keeps. */
const nearestKept = 3;

/** A question's row as both stores write it, by the names of the insert's parameters. */
export function questionValues(entry: QuestionEntry, askedAt: number) {
  return {
    guild: entry.guild,
    channel: entry.channel,
    userHash: entry.userHash,
    question: entry.question,
    key: entry.key,
    answered: entry.answered ? 1 : 0,
    doc: entry.source?.doc ?? null,
    start: entry.source?.start ?? null,
    end: entry.source?.end ?? null,
    confidence: entry.confidence,
    nearest: JSON.stringify(entry.nearest.slice(0, nearestKept).map(({ doc, title, path }) => ({ doc, title, path }))),
    askedAt,
  };
}

export type AnswerRow = { id: number; guild: string; key: string; doc: string | null; start: number | null; end: number | null };

export function loggedAnswerOf(row: AnswerRow): LoggedAnswer {
  const source = row.doc === null || row.start === null || row.end === null ? null : { doc: row.doc, start: row.start, end: row.end };
  return { id: row.id, guild: row.guild, key: row.key, source };
}

/** A row of the gaps query: the counts, the latest wording and sources, and the 👎 reasons counted. */
export type GapRow = Omit<Gap, 'nearest' | 'reasons'> & { nearest: string } & Record<
    'wrong' | 'outdated' | 'notInDocs' | 'other',
    number | null
  >;

export function gapOf(row: GapRow): Gap {
  const counted: [DownvoteReason, number | null][] = [
    ['wrong', row.wrong],
    ['outdated', row.outdated],
    ['not-in-docs', row.notInDocs],
    ['other', row.other],
  ];
  const reasons = Object.fromEntries(counted.filter(([, n]) => (n ?? 0) > 0));
  return {
    question: row.question,
    asked: row.asked,
    abstained: row.abstained,
    downvotedBy: row.downvotedBy,
    lastAsked: row.lastAsked,
    nearest: JSON.parse(row.nearest) as LoggedSource[],
    ...(Object.keys(reasons).length > 0 ? { reasons } : {}),
  };
}

/** The question log: one row per question asked in a server; the text is purged after the retention period. */
export class QuestionLog {
  private readonly insert: Statement;
  private readonly byId: Statement;
  private readonly purge: Statement;
  private readonly gapQuery: Statement;

  private readonly insertAll: (entries: readonly { entry: QuestionEntry; askedAt: number }[]) => void;

  constructor(db: Database) {
    this.insertAll = db.transaction((entries: readonly { entry: QuestionEntry; askedAt: number }[]) => {
      for (const { entry, askedAt } of entries) this.record(entry, askedAt);
    });
    this.insert = db.prepare(`
      INSERT INTO questions (guild, channel, user_hash, question, question_key, answered, doc, start, "end", confidence, nearest, asked_at)
      VALUES (@guild, @channel, @userHash, @question, @key, @answered, @doc, @start, @end, @confidence, @nearest, @askedAt)`);
    this.byId = db.prepare('SELECT id, guild, question_key AS key, doc, start, "end" FROM questions WHERE id = ?');
    this.purge = db.prepare('DELETE FROM questions WHERE asked_at < ?');
    this.gapQuery = db.prepare(`
      WITH recent AS (SELECT * FROM questions WHERE guild = @guild AND asked_at >= @since),
           downs AS (
             SELECT question_key, COUNT(DISTINCT user_hash) AS downvoted_by,
                    SUM(reason = 'wrong') AS wrong, SUM(reason = 'outdated') AS outdated,
                    SUM(reason = 'not-in-docs') AS notInDocs, SUM(reason = 'other') AS other
             FROM votes
             WHERE guild = @guild AND value = -1 AND voted_at >= @since GROUP BY question_key)
      SELECT r.question_key AS key, COUNT(*) AS asked, SUM(r.answered = 0) AS abstained,
             COALESCE(MAX(d.downvoted_by), 0) AS downvotedBy, MAX(r.asked_at) AS lastAsked,
             MAX(d.wrong) AS wrong, MAX(d.outdated) AS outdated, MAX(d.notInDocs) AS notInDocs, MAX(d.other) AS other,
             (SELECT question FROM recent l WHERE l.question_key = r.question_key ORDER BY asked_at DESC, id DESC LIMIT 1) AS question,
             (SELECT nearest FROM recent l WHERE l.question_key = r.question_key ORDER BY asked_at DESC, id DESC LIMIT 1) AS nearest
      FROM recent r LEFT JOIN downs d ON d.question_key = r.question_key
      GROUP BY r.question_key
      HAVING abstained > 0 OR downvotedBy > 0
      ORDER BY abstained + downvotedBy DESC, asked DESC, lastAsked DESC
      LIMIT @limit`);
  }

  /** Adds a question (one transaction) and returns its id, which the answer's vote buttons carry. */
  record(entry: QuestionEntry, askedAt: number): number {
    const result = this.insert.run(questionValues(entry, askedAt));
    return Number(result.lastInsertRowid);
  }

  /** Adds several questions in one transaction (the queue's catch-up after a lock): all or none. */
  recordAll(entries: readonly { entry: QuestionEntry; askedAt: number }[]): void {
    this.insertAll(entries);
  }

  /** The answer logged under `id`, unless it has been purged. */
  async answer(id: number): Promise<LoggedAnswer | undefined> {
    const row = this.byId.get(id) as AnswerRow | undefined;
    return row && loggedAnswerOf(row);
  }

  /** Deletes the questions asked before `cutoff` (ms since the epoch); returns how many. */
  purgeBefore(cutoff: number): number {
    return this.purge.run(cutoff).changes;
  }

  /**
   * The questions asked in `guild` since `since` that the bot abstained on or whose answer got 👎, most
   * abstentions and 👎 first, then the most asked.
   */
  async gaps(guild: string, since: number, limit: number): Promise<Gap[]> {
    return (this.gapQuery.all({ guild, since, limit }) as GapRow[]).map(gapOf);
  }
}
