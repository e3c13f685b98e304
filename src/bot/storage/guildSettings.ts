import type { Database, Statement } from 'better-sqlite3';

/** How the bot behaves in one server, as its managers set it with /settings. */
export interface GuildSettings {
  /** Where questions that mention the bot are answered: in every channel, or only in `channels` (and their threads). */
  mentions: 'all' | 'listed';
  /** The channels listed for `mentions: 'listed'`. */
  channels: readonly string[];
  /** Open a thread under each answer to a mention, for follow-up questions. */
  threads: boolean;
  /** Questions one member may ask per window; null for the bot's own limit (rateLimitDefaults). */
  rateLimit: { limit: number; windowMs: number } | null;
  /** Show the short answer in bold. */
  boldAnswer: boolean;
}

/** A server that never used /settings gets these; a setting left unset follows them when they change. */
export const defaultGuildSettings: GuildSettings = {
  mentions: 'all',
  channels: [],
  threads: false,
  rateLimit: null,
  boldAnswer: true,
};

export type SettingsChange = Partial<Omit<GuildSettings, 'channels'>>;

interface SettingsRow {
  mentions: 'all' | 'listed' | null;
  threads: number | null;
  rate_limit: number | null;
  rate_window_ms: number | null;
  bold_answer: number | null;
}

/**
 * Each server's settings, read on every interaction from a cache that a change through this store
 * invalidates. A server is always served by the same shard process, so that process's cache is the only
 * one that holds it.
 */
export class GuildSettingsStore {
  private readonly cache = new Map<string, GuildSettings>();
  private readonly row: Statement;
  private readonly channelList: Statement;
  private readonly upsert: Statement;
  private readonly addChannelQuery: Statement;
  private readonly removeChannelQuery: Statement;

  constructor(db: Database) {
    this.row = db.prepare('SELECT mentions, threads, rate_limit, rate_window_ms, bold_answer FROM guild_settings WHERE guild = ?');
    this.channelList = db.prepare('SELECT channel FROM guild_channels WHERE guild = ? ORDER BY channel').pluck();
    this.upsert = db.prepare(`
      INSERT INTO guild_settings (guild, mentions, threads, rate_limit, rate_window_ms, bold_answer, updated_at)
      VALUES (@guild, @mentions, @threads, @limit, @windowMs, @boldAnswer, @at)
      ON CONFLICT (guild) DO UPDATE SET
        mentions = COALESCE(excluded.mentions, mentions),
        threads = COALESCE(excluded.threads, threads),
        rate_limit = COALESCE(excluded.rate_limit, rate_limit),
        rate_window_ms = COALESCE(excluded.rate_window_ms, rate_window_ms),
        bold_answer = COALESCE(excluded.bold_answer, bold_answer),
        updated_at = excluded.updated_at`);
    this.addChannelQuery = db.prepare('INSERT OR IGNORE INTO guild_channels (guild, channel) VALUES (?, ?)');
    this.removeChannelQuery = db.prepare('DELETE FROM guild_channels WHERE guild = ? AND channel = ?');
  }

  /** The server's settings (defaults for what it never set), from the cache when it holds them. */
  get(guild: string): GuildSettings {
    const cached = this.cache.get(guild);
    if (cached) return cached;
    const row = this.row.get(guild) as SettingsRow | undefined;
    const defaults = defaultGuildSettings;
    const settings: GuildSettings = {
      mentions: row?.mentions ?? defaults.mentions,
      channels: this.channelList.all(guild) as string[],
      threads: row?.threads == null ? defaults.threads : row.threads === 1,
      rateLimit:
        row?.rate_limit == null || row.rate_window_ms == null
          ? defaults.rateLimit
          : { limit: row.rate_limit, windowMs: row.rate_window_ms },
      boldAnswer: row?.bold_answer == null ? defaults.boldAnswer : row.bold_answer === 1,
    };
    this.cache.set(guild, settings);
    return settings;
  }

  /** Saves the given settings for the server (one transaction) and returns them all as they now are. */
  update(guild: string, change: SettingsChange, at: number): GuildSettings {
    const flag = (value: boolean | undefined) => (value === undefined ? null : value ? 1 : 0);
    this.upsert.run({
      guild,
      mentions: change.mentions ?? null,
      threads: flag(change.threads),
      limit: change.rateLimit?.limit ?? null,
      windowMs: change.rateLimit?.windowMs ?? null,
      boldAnswer: flag(change.boldAnswer),
      at,
    });
    this.cache.delete(guild);
    return this.get(guild);
  }

  /** Lists or unlists a channel for answering mentions; returns the settings as they now are. */
  setChannel(guild: string, channel: string, listed: boolean): GuildSettings {
    (listed ? this.addChannelQuery : this.removeChannelQuery).run(guild, channel);
    this.cache.delete(guild);
    return this.get(guild);
  }
}

/** Whether a mention in `channel` (a thread's parent counts for the thread) is answered under these settings. */
export function answersMentionsIn(settings: GuildSettings, channel: string, parent: string | null): boolean {
  if (settings.mentions === 'all') return true;
  return settings.channels.includes(channel) || (parent !== null && settings.channels.includes(parent));
}
