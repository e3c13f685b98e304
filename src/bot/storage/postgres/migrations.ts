import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/** One step of the PostgreSQL schema: the same numbers and tables as the SQLite steps (../migrations.ts). */
export interface PostgresMigration {
  version: number;
  description: string;
  up(client: pg.ClientBase): Promise<void>;
}

/**
 * The schema on PostgreSQL, step for step the SQLite one with PostgreSQL's types: times (ms since the epoch)
 * are BIGINT, flags SMALLINT 0/1 as in SQLite, so both stores read the same rows. A released step never changes.
 */
export const postgresMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'question log and answer votes',
    async up(client) {
      await client.query(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        -- A sequence never hands out an id twice, so a vote on an old answer cannot land on a new one.
        CREATE TABLE questions (
          id BIGSERIAL PRIMARY KEY,
          guild TEXT NOT NULL,
          channel TEXT NOT NULL,
          user_hash TEXT NOT NULL,
          question TEXT NOT NULL,
          question_key TEXT NOT NULL,
          answered SMALLINT NOT NULL,
          doc TEXT,
          start INTEGER,
          "end" INTEGER,
          confidence DOUBLE PRECISION NOT NULL,
          nearest TEXT NOT NULL,
          asked_at BIGINT NOT NULL
        );
        CREATE INDEX questions_by_guild_time ON questions (guild, asked_at);
        CREATE INDEX questions_by_time ON questions (asked_at);

        CREATE TABLE votes (
          answer_id BIGINT NOT NULL,
          user_hash TEXT NOT NULL,
          guild TEXT NOT NULL,
          question_key TEXT NOT NULL,
          doc TEXT NOT NULL,
          start INTEGER NOT NULL,
          "end" INTEGER NOT NULL,
          value SMALLINT NOT NULL CHECK (value IN (-1, 1)),
          manager SMALLINT NOT NULL,
          voted_at BIGINT NOT NULL,
          PRIMARY KEY (answer_id, user_hash)
        );
        CREATE INDEX votes_by_question ON votes (guild, question_key);
      `);
      await client.query('INSERT INTO meta (key, value) VALUES ($1, $2)', ['user_salt', randomBytes(32).toString('hex')]);
    },
  },
  {
    version: 2,
    description: 'server settings',
    async up(client) {
      await client.query(`
        CREATE TABLE guild_settings (
          guild TEXT PRIMARY KEY,
          mentions TEXT CHECK (mentions IN ('all', 'listed')),
          threads SMALLINT,
          rate_limit INTEGER,
          rate_window_ms BIGINT,
          bold_answer SMALLINT,
          updated_at BIGINT NOT NULL
        );
        CREATE TABLE guild_channels (guild TEXT NOT NULL, channel TEXT NOT NULL, PRIMARY KEY (guild, channel));
      `);
    },
  },
  {
    version: 3,
    description: 'help channels: their posts and outcomes, reasons for 👎',
    async up(client) {
      await client.query(`
        ALTER TABLE guild_settings ADD COLUMN help_confidence DOUBLE PRECISION;
        ALTER TABLE guild_settings ADD COLUMN support_role TEXT;
        ALTER TABLE guild_settings ADD COLUMN solved_archive_minutes INTEGER;

        CREATE TABLE help_channels (
          guild TEXT NOT NULL,
          channel TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('forum', 'text')),
          added_at BIGINT NOT NULL,
          PRIMARY KEY (guild, channel)
        );

        CREATE TABLE help_posts (
          thread TEXT PRIMARY KEY,
          guild TEXT NOT NULL,
          channel TEXT NOT NULL,
          asker_hash TEXT NOT NULL,
          posted_at BIGINT NOT NULL,
          answered_at BIGINT,
          outcome TEXT CHECK (outcome IN ('answered', 'not_covered', 'rate_limited')),
          question_id BIGINT,
          solved_at BIGINT,
          escalated_at BIGINT
        );
        CREATE INDEX help_posts_by_guild_time ON help_posts (guild, posted_at);
        CREATE INDEX help_posts_by_time ON help_posts (posted_at);

        ALTER TABLE votes ADD COLUMN reason TEXT CHECK (reason IN ('wrong', 'outdated', 'not-in-docs', 'other'));
      `);
    },
  },
];
