import type { Database, Statement } from 'better-sqlite3';

/** A channel where the bot answers every new question without being mentioned: a forum, or a text channel. */
export interface HelpChannel {
  channel: string;
  kind: 'forum' | 'text';
  /** When it was added (ms since the epoch): posts from before are not the bot's to answer. */
  addedAt: number;
}

/**
 * The quote confidence from which a help channel's post gets the cited answer; below it the bot says the docs
 * do not seem to cover the question, lists the nearest sources and offers a human. From the reliability of
 * `confidence` in docs/quality.md: on SQuAD's test articles quotes at 0.6 or more held the answer about nine
 * times in ten; on the help-channel questions over documentation (confidence refitted with them) 0.6 posts
 * 10 of vitest's 50 questions (5 right) and 9 of fastify's (6 right), where 0.4 would post 24 (11 right) and
 * 19 (10 right): over documentation the confidence separates right from wrong less sharply, so a lower bar
 * adds about as many wrong posts as right ones. A help channel is where a confident wrong answer costs most; a server moves it
 * with `/settings help-confidence`. One constant, to move with the calibration when it is refitted.
 */
export const HELP_CONFIDENCE_DEFAULT = 0.6;

/** Minutes after "Solved" before a help post's thread is archived, unless a server sets its own. */
export const SOLVED_ARCHIVE_MINUTES_DEFAULT = 60;

/** Questions one member may ask per window, unless a server sets its own limit. */
export const rateLimitDefaults = { limit: 5, windowMs: 30_000 };

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
  /** Where every new post or question is answered without a mention. */
  helpChannels: readonly HelpChannel[];
  /** The quote confidence a help post's answer needs; null for HELP_CONFIDENCE_DEFAULT. */
  helpConfidence: number | null;
  /** The role "Ask a human" mentions; null for none. */
  supportRole: string | null;
  /** Minutes from "Solved" to archiving the thread; null for SOLVED_ARCHIVE_MINUTES_DEFAULT. */
  solvedArchiveMinutes: number | null;
}

/** A server that never used /settings gets these; a setting left unset follows them when they change. */
export const defaultGuildSettings: GuildSettings = {
  mentions: 'all',
  channels: [],
  threads: false,
  rateLimit: null,
  boldAnswer: true,
  helpChannels: [],
  helpConfidence: null,
  supportRole: null,
  solvedArchiveMinutes: null,
};

/** The settings one /settings subcommand changes; `null` puts a help setting back to the default. */
export type SettingsChange = Partial<Omit<GuildSettings, 'channels' | 'helpChannels'>>;

/** A guild_settings row as both stores read it; absent for a server that never used /settings. */
export interface SettingsRow {
  mentions: 'all' | 'listed' | null;
  threads: number | null;
  rate_limit: number | null;
  rate_window_ms: number | null;
  bold_answer: number | null;
  help_confidence: number | null;
  support_role: string | null;
  solved_archive_minutes: number | null;
}

/** The help settings that a change may set back to NULL (the default), so they are written whenever given. */
const nullable = ['helpConfidence', 'supportRole', 'solvedArchiveMinutes'] as const;

/** A server's settings from its row and lists, the defaults filling in what it never set. */
export function settingsOf(row: SettingsRow | undefined, channels: string[], helpChannels: HelpChannel[]): GuildSettings {
  const defaults = defaultGuildSettings;
  return {
    mentions: row?.mentions ?? defaults.mentions,
    channels,
    threads: row?.threads == null ? defaults.threads : row.threads === 1,
    rateLimit:
      row?.rate_limit == null || row.rate_window_ms == null ? defaults.rateLimit : { limit: row.rate_limit, windowMs: row.rate_window_ms },
    boldAnswer: row?.bold_answer == null ? defaults.boldAnswer : row.bold_answer === 1,
    helpChannels,
    helpConfidence: row?.help_confidence ?? defaults.helpConfidence,
    supportRole: row?.support_role ?? defaults.supportRole,
    solvedArchiveMinutes: row?.solved_archive_minutes ?? defaults.solvedArchiveMinutes,
  };
}

/**
 * The values a change writes, by the names of the settings upsert: null for a setting not given (kept as it
 * is), and `set…` flags (1/0) for the help settings, which a change may put back to NULL (the default).
 */
export function settingsChangeValues(guild: string, change: SettingsChange, at: number) {
  const flag = (value: boolean | undefined) => (value === undefined ? null : value ? 1 : 0);
  const given = Object.fromEntries(nullable.map((key) => [`set${key[0]!.toUpperCase()}${key.slice(1)}`, key in change ? 1 : 0]));
  return {
    guild,
    mentions: change.mentions ?? null,
    threads: flag(change.threads),
    limit: change.rateLimit?.limit ?? null,
    windowMs: change.rateLimit?.windowMs ?? null,
    boldAnswer: flag(change.boldAnswer),
    helpConfidence: change.helpConfidence ?? null,
    supportRole: change.supportRole ?? null,
    solvedArchiveMinutes: change.solvedArchiveMinutes ?? null,
    ...(given as Record<'setHelpConfidence' | 'setSupportRole' | 'setSolvedArchiveMinutes', 0 | 1>),
    at,
  };
}

/**
 * Each server's settings in SQLite, read on every interaction from a cache that a change through this store
 * invalidates. A server is always served by the same shard process, so that process's cache is the only
 * one that holds it.
 */
export class GuildSettingsStore {
  private readonly cache = new Map<string, GuildSettings>();
  private readonly row: Statement;
  private readonly channelList: Statement;
  private readonly helpChannelList: Statement;
  private readonly upsert: Statement;
  private readonly addChannelQuery: Statement;
  private readonly removeChannelQuery: Statement;
  private readonly addHelpChannelQuery: Statement;
  private readonly removeHelpChannelQuery: Statement;

  constructor(db: Database) {
    this.row = db.prepare(
      'SELECT mentions, threads, rate_limit, rate_window_ms, bold_answer, help_confidence, support_role, solved_archive_minutes FROM guild_settings WHERE guild = ?',
    );
    this.channelList = db.prepare('SELECT channel FROM guild_channels WHERE guild = ? ORDER BY channel').pluck();
    this.helpChannelList = db.prepare(
      'SELECT channel, kind, added_at AS addedAt FROM help_channels WHERE guild = ? ORDER BY added_at, channel',
    );
    this.upsert = db.prepare(`
      INSERT INTO guild_settings (guild, mentions, threads, rate_limit, rate_window_ms, bold_answer,
                                  help_confidence, support_role, solved_archive_minutes, updated_at)
      VALUES (@guild, @mentions, @threads, @limit, @windowMs, @boldAnswer, @helpConfidence, @supportRole, @solvedArchiveMinutes, @at)
      ON CONFLICT (guild) DO UPDATE SET
        mentions = COALESCE(excluded.mentions, mentions),
        threads = COALESCE(excluded.threads, threads),
        rate_limit = COALESCE(excluded.rate_limit, rate_limit),
        rate_window_ms = COALESCE(excluded.rate_window_ms, rate_window_ms),
        bold_answer = COALESCE(excluded.bold_answer, bold_answer),
        help_confidence = CASE WHEN @setHelpConfidence = 1 THEN excluded.help_confidence ELSE help_confidence END,
        support_role = CASE WHEN @setSupportRole = 1 THEN excluded.support_role ELSE support_role END,
        solved_archive_minutes = CASE WHEN @setSolvedArchiveMinutes = 1 THEN excluded.solved_archive_minutes ELSE solved_archive_minutes END,
        updated_at = excluded.updated_at`);
    this.addChannelQuery = db.prepare('INSERT OR IGNORE INTO guild_channels (guild, channel) VALUES (?, ?)');
    this.removeChannelQuery = db.prepare('DELETE FROM guild_channels WHERE guild = ? AND channel = ?');
    this.addHelpChannelQuery = db.prepare(`
      INSERT INTO help_channels (guild, channel, kind, added_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (guild, channel) DO UPDATE SET kind = excluded.kind`);
    this.removeHelpChannelQuery = db.prepare('DELETE FROM help_channels WHERE guild = ? AND channel = ?');
  }

  /** The server's settings (defaults for what it never set), from the cache when it holds them. */
  async get(guild: string): Promise<GuildSettings> {
    return this.read(guild);
  }

  async update(guild: string, change: SettingsChange, at: number): Promise<GuildSettings> {
    this.upsert.run(settingsChangeValues(guild, change, at));
    return this.changed(guild);
  }

  async setChannel(guild: string, channel: string, listed: boolean): Promise<GuildSettings> {
    (listed ? this.addChannelQuery : this.removeChannelQuery).run(guild, channel);
    return this.changed(guild);
  }

  async setHelpChannel(guild: string, channel: { id: string; kind: HelpChannel['kind'] }, on: boolean, at: number): Promise<GuildSettings> {
    if (on) this.addHelpChannelQuery.run(guild, channel.id, channel.kind, at);
    else this.removeHelpChannelQuery.run(guild, channel.id);
    return this.changed(guild);
  }

  private read(guild: string): GuildSettings {
    const cached = this.cache.get(guild);
    if (cached) return cached;
    const row = this.row.get(guild) as SettingsRow | undefined;
    const settings = settingsOf(row, this.channelList.all(guild) as string[], this.helpChannelList.all(guild) as HelpChannel[]);
    this.cache.set(guild, settings);
    return settings;
  }

  private changed(guild: string): GuildSettings {
    this.cache.delete(guild);
    return this.read(guild);
  }
}

/** Whether a mention in `channel` (a thread's parent counts for the thread) is answered under these settings. */
export function answersMentionsIn(settings: GuildSettings, channel: string, parent: string | null): boolean {
  if (settings.mentions === 'all') return true;
  return settings.channels.includes(channel) || (parent !== null && settings.channels.includes(parent));
}

/** The help channel `channel` is, under these settings; undefined when it is none. */
export function helpChannelOf(settings: GuildSettings, channel: string | null): HelpChannel | undefined {
  return channel === null ? undefined : settings.helpChannels.find((help) => help.channel === channel);
}

/** The quote confidence a help post's answer needs in this server. */
export function helpConfidenceOf(settings: GuildSettings): number {
  return settings.helpConfidence ?? HELP_CONFIDENCE_DEFAULT;
}

/** How long after "Solved" a help post's thread is archived in this server, in ms. */
export function solvedArchiveMsOf(settings: GuildSettings): number {
  return (settings.solvedArchiveMinutes ?? SOLVED_ARCHIVE_MINUTES_DEFAULT) * 60_000;
}
