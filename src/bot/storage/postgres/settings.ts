import type pg from 'pg';
import {
  type GuildSettings,
  type HelpChannel,
  type SettingsChange,
  type SettingsRow,
  settingsChangeValues,
  settingsOf,
} from '../guildSettings.ts';
import type { Settings } from '../store.ts';
import { transaction } from './database.ts';

type Row = SettingsRow & { channels: string[] | null; help_channels: HelpChannel[] | null; found: boolean };

/**
 * Each server's settings in PostgreSQL, read from the database on every call (one query): bots on several
 * machines share them, so a change made through any of them holds at once for all, with no cache to go stale.
 */
export class PostgresSettings implements Settings {
  constructor(private readonly pool: pg.Pool) {}

  async get(guild: string): Promise<GuildSettings> {
    return this.read(this.pool, guild);
  }

  async update(guild: string, change: SettingsChange, at: number): Promise<GuildSettings> {
    const v = settingsChangeValues(guild, change, at);
    return transaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO guild_settings AS s (guild, mentions, threads, rate_limit, rate_window_ms, bold_answer,
                                          help_confidence, support_role, solved_archive_minutes, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (guild) DO UPDATE SET
           mentions = COALESCE(excluded.mentions, s.mentions),
           threads = COALESCE(excluded.threads, s.threads),
           rate_limit = COALESCE(excluded.rate_limit, s.rate_limit),
           rate_window_ms = COALESCE(excluded.rate_window_ms, s.rate_window_ms),
           bold_answer = COALESCE(excluded.bold_answer, s.bold_answer),
           help_confidence = CASE WHEN $11 = 1 THEN excluded.help_confidence ELSE s.help_confidence END,
           support_role = CASE WHEN $12 = 1 THEN excluded.support_role ELSE s.support_role END,
           solved_archive_minutes = CASE WHEN $13 = 1 THEN excluded.solved_archive_minutes ELSE s.solved_archive_minutes END,
           updated_at = excluded.updated_at`,
        [
          v.guild,
          v.mentions,
          v.threads,
          v.limit,
          v.windowMs,
          v.boldAnswer,
          v.helpConfidence,
          v.supportRole,
          v.solvedArchiveMinutes,
          v.at,
          v.setHelpConfidence,
          v.setSupportRole,
          v.setSolvedArchiveMinutes,
        ],
      );
      return this.read(client, guild);
    });
  }

  async setChannel(guild: string, channel: string, listed: boolean): Promise<GuildSettings> {
    await this.pool.query(
      listed
        ? 'INSERT INTO guild_channels (guild, channel) VALUES ($1, $2) ON CONFLICT DO NOTHING'
        : 'DELETE FROM guild_channels WHERE guild = $1 AND channel = $2',
      [guild, channel],
    );
    return this.get(guild);
  }

  async setHelpChannel(guild: string, channel: { id: string; kind: HelpChannel['kind'] }, on: boolean, at: number): Promise<GuildSettings> {
    if (on) {
      await this.pool.query(
        `INSERT INTO help_channels (guild, channel, kind, added_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (guild, channel) DO UPDATE SET kind = excluded.kind`,
        [guild, channel.id, channel.kind, at],
      );
    } else {
      await this.pool.query('DELETE FROM help_channels WHERE guild = $1 AND channel = $2', [guild, channel.id]);
    }
    return this.get(guild);
  }

  /** The row and both channel lists in one round trip. */
  private async read(db: pg.Pool | pg.ClientBase, guild: string): Promise<GuildSettings> {
    const { rows } = await db.query<Row>(
      `SELECT s.guild IS NOT NULL AS found, s.mentions, s.threads, s.rate_limit, s.rate_window_ms, s.bold_answer,
              s.help_confidence, s.support_role, s.solved_archive_minutes,
              (SELECT json_agg(c.channel ORDER BY c.channel COLLATE "C") FROM guild_channels c WHERE c.guild = $1) AS channels,
              (SELECT json_agg(json_build_object('channel', h.channel, 'kind', h.kind, 'addedAt', h.added_at)
                               ORDER BY h.added_at, h.channel COLLATE "C")
               FROM help_channels h WHERE h.guild = $1) AS help_channels
       FROM (SELECT 1) AS one LEFT JOIN guild_settings s ON s.guild = $1`,
      [guild],
    );
    const row = rows[0]!;
    return settingsOf(row.found ? row : undefined, row.channels ?? [], row.help_channels ?? []);
  }
}
