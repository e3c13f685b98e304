import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** One step of the schema: applied once, in order, inside the transaction that records its number. */
export interface Migration {
  version: number;
  /** What the step adds, for the log line and for readers of this file. */
  description: string;
  up(db: Database): void;
}

/**
 * The schema, step by step. A released step never changes: a new table or column is a new step, so every
 * database, whatever version wrote it, reaches the same schema. Times are milliseconds since the epoch;
 * `user_hash` is an HMAC of the Discord user id with the database's own salt (never the id itself);
 * `question_key` is a hash of the question as folded for feedback (see questionKey.ts).
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'question log and answer votes',
    up(db) {
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        -- Every question asked in a server; the text is purged after RETENTION_DAYS.
        -- AUTOINCREMENT: an id is never reused once purged, so a vote on an old answer cannot land on a new one.
        CREATE TABLE questions (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          guild TEXT NOT NULL,
          channel TEXT NOT NULL,
          user_hash TEXT NOT NULL,
          question TEXT NOT NULL,
          question_key TEXT NOT NULL,
          answered INTEGER NOT NULL,
          doc TEXT,
          start INTEGER,
          "end" INTEGER,
          confidence REAL NOT NULL,
          nearest TEXT NOT NULL,
          asked_at INTEGER NOT NULL
        );
        CREATE INDEX questions_by_guild_time ON questions (guild, asked_at);
        CREATE INDEX questions_by_time ON questions (asked_at);

        -- One vote per member per answer; a vote keeps what it rated, so it outlives the logged question.
        CREATE TABLE votes (
          answer_id INTEGER NOT NULL,
          user_hash TEXT NOT NULL,
          guild TEXT NOT NULL,
          question_key TEXT NOT NULL,
          doc TEXT NOT NULL,
          start INTEGER NOT NULL,
          "end" INTEGER NOT NULL,
          value INTEGER NOT NULL CHECK (value IN (-1, 1)),
          manager INTEGER NOT NULL,
          voted_at INTEGER NOT NULL,
          PRIMARY KEY (answer_id, user_hash)
        );
        CREATE INDEX votes_by_question ON votes (guild, question_key);
      `);
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('user_salt', randomBytes(32).toString('hex'));
    },
  },
  {
    version: 2,
    description: 'server settings',
    up(db) {
      db.exec(`
        -- A NULL setting means the bot's default, so a better default reaches servers that never chose.
        CREATE TABLE guild_settings (
          guild TEXT PRIMARY KEY,
          mentions TEXT CHECK (mentions IN ('all', 'listed')),
          threads INTEGER,
          rate_limit INTEGER,
          rate_window_ms INTEGER,
          bold_answer INTEGER,
          updated_at INTEGER NOT NULL
        );
        -- The channels where mentions are answered when guild_settings.mentions = 'listed'.
        CREATE TABLE guild_channels (guild TEXT NOT NULL, channel TEXT NOT NULL, PRIMARY KEY (guild, channel));
      `);
    },
  },
  {
    version: 3,
    description: 'help channels: their posts and outcomes, reasons for 👎',
    up(db) {
      db.exec(`
        -- NULL: the bot's default (the help confidence from the engine's calibration, no role, archive after an hour).
        ALTER TABLE guild_settings ADD COLUMN help_confidence REAL;
        ALTER TABLE guild_settings ADD COLUMN support_role TEXT;
        ALTER TABLE guild_settings ADD COLUMN solved_archive_minutes INTEGER;

        -- Channels where every new post (forum) or question (text) is answered without a mention.
        CREATE TABLE help_channels (
          guild TEXT NOT NULL,
          channel TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('forum', 'text')),
          added_at INTEGER NOT NULL,
          PRIMARY KEY (guild, channel)
        );

        -- One row per post the bot took up, by its thread (a forum post's, or the one opened under a question in
        -- a text channel, which takes the message's id): taken once, so never answered twice, and its outcome.
        -- Purged with the questions after RETENTION_DAYS.
        CREATE TABLE help_posts (
          thread TEXT PRIMARY KEY,
          guild TEXT NOT NULL,
          channel TEXT NOT NULL,
          asker_hash TEXT NOT NULL,
          posted_at INTEGER NOT NULL,
          answered_at INTEGER,
          outcome TEXT CHECK (outcome IN ('answered', 'not_covered', 'rate_limited')),
          question_id INTEGER,
          solved_at INTEGER,
          escalated_at INTEGER
        );
        CREATE INDEX help_posts_by_guild_time ON help_posts (guild, posted_at);
        CREATE INDEX help_posts_by_time ON help_posts (posted_at);

        -- Why a member rated an answer 👎, when they said; cleared after RETENTION_DAYS like the question text.
        ALTER TABLE votes ADD COLUMN reason TEXT CHECK (reason IN ('wrong', 'outdated', 'not-in-docs', 'other'));
      `);
    },
  },
];

/** The schema this version of corpus-qa writes. */
export const latestSchemaVersion = migrations.at(-1)!.version;
