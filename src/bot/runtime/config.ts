import {
  corpusEnvironmentDefaults,
  type Env,
  envValue,
  parseSwitch,
  readCorpusEnvironment,
  readEnvironment,
  readSearchEnvironment,
  type SearchEnvironment,
} from '../../doors/environment.ts';
import { parseDuration } from '../../sync/sources.ts';

// Where the bot's environment comes from is shared with the CLI; these names stay importable from here.
export { type Env, readEnvironment };

/** Everything the bot reads from its environment, validated once at start-up. */
export interface BotConfig {
  /** `DISCORD_TOKEN`: the bot token from the Developer Portal. Never logged. */
  token: string;
  /** `DISCORD_CLIENT_ID`: the application id; `npm run deploy-commands` needs it. */
  clientId: string | null;
  /** `DISCORD_GUILD_ID`: register commands in this guild only (instant) instead of globally. */
  guildId: string | null;
  /** `CORPUS_DIR`: the folder of documents to answer from. */
  corpusDir: string;
  /**
   * `DISCORD_API_URL`: REST base such as `http://proxy:8080/api`, for bots that route REST through
   * a proxy; discord.js appends `/v10` and finds the gateway through `GET /gateway/bot` on it.
   * `null` means Discord's own.
   */
  apiUrl: string | null;
  /** `CACHE_DIR`: where index snapshots are kept, so a restart loads instead of rebuilding. */
  cacheDir: string;
  /** `CORPUS_WATCH`: follow the corpus folder and reload on changes (`0`/`false` turns it off). */
  watchCorpus: boolean;
  /**
   * `CORPUS_FOLLOW_LINKS`: serve files that links in the corpus folder point to outside it. Off by default:
   * whoever can add a link there could publish any file the bot can read.
   */
  followLinks: boolean;
  /**
   * `DISCORD_MESSAGE_CONTENT`: ask for the privileged Message Content intent (turn it on in the Developer
   * Portal too), so every message in the bot's threads is a question. Off: a mention or a reply is needed.
   */
  messageContent: boolean;
  /**
   * `CORPUS_BASE_URL`: the site the corpus files are published at; citations of a file without its own URL
   * link to this base plus its path without the extension (`guide/setup.md` → `…/guide/setup`). null: none.
   */
  baseUrl: string | null;
  /**
   * `DISCORD_SHARDS`: shard count for `npm run start:sharded` — a number, or `auto` (the default) to ask
   * `GET /gateway/bot` on the configured API base.
   */
  shards: number | 'auto';
  /**
   * With `DISCORD_SHARD_COUNT` (the total, across machines), `DISCORD_SHARDS` lists the shards this machine
   * runs: `0,1` of 4 here, `2,3` on another, all against one `DATABASE_URL`. null: every shard of the count.
   */
  shardIds: readonly number[] | null;
  /**
   * `DISCORD_SHARDING`: how `npm run start:sharded` runs the shards — `internal` (the default: one process,
   * one gateway connection per shard, one engine) or `process` (discord.js's ShardingManager: one process
   * and one engine per shard, for when one process cannot keep up). See docs/scale.md.
   */
  sharding: 'internal' | 'process';
  /** `DATA_DIR`: the folder of the bot's database (question log, votes, server settings). */
  dataDir: string;
  /**
   * `DATABASE_URL`: `postgres://user:password@host:5432/database` to keep all that in PostgreSQL instead, shared
   * by bots on several machines (docs/storage.md); null (the default): SQLite in DATA_DIR. Never logged.
   */
  databaseUrl: string | null;
  /**
   * `SEARCH`: `minisearch` (the default) builds the index from CORPUS_DIR in the bot's process; `postgres`
   * answers from the index `npm run index -- --to postgres` wrote to DATABASE_URL, loading no corpus, so the
   * bot starts in seconds whatever its size and follows the indexer's changes (docs/scale.md).
   */
  search: SearchEnvironment['search'];
  /** `RETENTION_DAYS`: how many days the text of questions asked is kept before it is deleted. */
  retentionDays: number;
  /**
   * `CORPUS_SOURCES`: the file declaring the websites and Git repositories synced into the corpus
   * (`sources.yaml` when it exists). null: none; `/reindex` then only re-reads the folder.
   */
  sourcesFile: string | null;
  /** `SYNC_EVERY`: how often the sources are synced (`6h`, `30m`, `1d`), in ms; null (the default): only by `/reindex`. */
  syncEveryMs: number | null;
}

/** Configuration that cannot run the bot; the message names every bad key on one line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const configDefaults = {
  corpusDir: corpusEnvironmentDefaults.corpusDir,
  /** Same folder as `npm run index`, so a snapshot built there is the one the bot loads. */
  cacheDir: corpusEnvironmentDefaults.cacheDir,
  watchCorpus: corpusEnvironmentDefaults.watch,
  followLinks: corpusEnvironmentDefaults.followLinks,
  messageContent: false,
  shards: 'auto',
  sharding: 'internal',
  dataDir: '.data',
  retentionDays: 90,
} as const;

/** The shortest `SYNC_EVERY`: a sync of a large site takes minutes, and a docs site changes in hours. */
const MIN_SYNC_EVERY_MS = 5 * 60_000;

const snowflake = /^\d{1,20}$/;

/** Longest bad value quoted back in an error; longer ones are only described. */
const maxQuotedChars = 40;
/** A run this long of letters, digits, `_` or `-` is how tokens and secrets look, in whatever key they were pasted. */
const secretRun = /[\w-]{20,}/;

/**
 * A bad value as an error message shows it: short, plain values in quotes so the mistake is plain to see;
 * anything that could be a secret (the token pasted into the wrong key, a long run like a key) only described,
 * since the message goes to a terminal or a log.
 *
 * @example quoteValue('my-app', 'MTEw…') // → '"my-app"'
 */
export function quoteValue(raw: string, token: string | null): string {
  const isToken = token !== null && (raw === token || (token.length >= 8 && raw.includes(token)));
  if (isToken || raw.length > maxQuotedChars || secretRun.test(raw)) {
    return `a ${raw.length}-character value, not shown in case it is a secret`;
  }
  return `"${raw}"`;
}

/**
 * Reads and checks the bot's settings. The only place that looks at the environment.
 * Throws a ConfigError naming every missing or invalid key at once, never echoing a value that could be a
 * secret (see quoteValue).
 *
 * @example loadConfig({ DISCORD_TOKEN: 'abc' }) // → { token: 'abc', corpusDir: 'corpus', cacheDir: '.cache/corpus-qa', … }
 */
export function loadConfig(env: Env, options: { requireClientId?: boolean } = {}): BotConfig {
  const problems: string[] = [];
  const value = (key: string): string | null => envValue(env, key);
  // A number is read as written: " 7 " or an empty value is a mistake to name, not a default to fall back on.
  const exactly = (key: string): string | null => env[key] ?? null;

  const token = value('DISCORD_TOKEN');
  if (token === null) problems.push('DISCORD_TOKEN is missing');
  else if (/\s/.test(token)) problems.push('DISCORD_TOKEN contains whitespace');

  const id = (key: string, required: boolean): string | null => {
    const raw = value(key);
    if (raw === null) {
      if (required) problems.push(`${key} is missing`);
      return null;
    }
    if (!snowflake.test(raw)) problems.push(`${key} must be a numeric Discord id (got ${quoteValue(raw, token)})`);
    return raw;
  };
  const clientId = id('DISCORD_CLIENT_ID', options.requireClientId ?? false);
  const guildId = id('DISCORD_GUILD_ID', false);

  const apiUrl = value('DISCORD_API_URL');
  let api: string | null = null;
  if (apiUrl !== null) {
    const parsed = URL.canParse(apiUrl) ? new URL(apiUrl) : null;
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      problems.push(`DISCORD_API_URL must be an http(s) URL (got ${quoteValue(apiUrl, token)})`);
    } else {
      // discord.js appends the version itself; accept a base given with or without it.
      api = apiUrl.replace(/\/+$/, '').replace(/\/v\d+$/, '');
    }
  }

  const onOff = (key: string, fallback: boolean): boolean => {
    const raw = value(key);
    if (raw === null) return fallback;
    const on = parseSwitch(raw);
    if (on === undefined) problems.push(`${key} must be 1/true/on or 0/false/off (got ${quoteValue(raw, token)})`);
    return on ?? fallback;
  };
  // The corpus variables are read as the CLI reads them.
  const corpus = readCorpusEnvironment(env, (raw) => quoteValue(raw, token));
  problems.push(...corpus.problems.map((problem) => problem.message));
  const messageContent = onOff('DISCORD_MESSAGE_CONTENT', configDefaults.messageContent);

  const shardsRaw = exactly('DISCORD_SHARDS');
  const countRaw = exactly('DISCORD_SHARD_COUNT');
  let shards: number | 'auto' = configDefaults.shards;
  let shardIds: number[] | null = null;
  if (countRaw !== null) {
    // The total across machines; DISCORD_SHARDS then names this machine's share of it.
    shards = Number(countRaw);
    if (!/^\d+$/.test(countRaw) || shards < 1)
      problems.push(`DISCORD_SHARD_COUNT must be a whole number of at least 1 (got ${quoteValue(countRaw, token)})`);
    else if (shardsRaw !== null) {
      shardIds = shardsRaw.split(',').map(Number);
      const total = shards;
      const valid = /^\d+(,\d+)*$/.test(shardsRaw) && shardIds.every((id) => id < total) && new Set(shardIds).size === shardIds.length;
      if (!valid) {
        problems.push(
          `DISCORD_SHARDS must list this machine's shards of DISCORD_SHARD_COUNT, each from 0 to ${total - 1} once, such as 0,1 (got ${quoteValue(shardsRaw, token)})`,
        );
      }
    }
  } else if (shardsRaw !== null && shardsRaw.toLowerCase() !== 'auto') {
    shards = Number(shardsRaw);
    if (/^\d+(,\d+)+$/.test(shardsRaw))
      problems.push(`DISCORD_SHARDS lists shards (${quoteValue(shardsRaw, token)}): set DISCORD_SHARD_COUNT to the total across machines`);
    else if (!/^\d+$/.test(shardsRaw) || shards < 1)
      problems.push(`DISCORD_SHARDS must be a whole number of at least 1 or "auto" (got ${quoteValue(shardsRaw, token)})`);
  }

  const shardingRaw = value('DISCORD_SHARDING')?.toLowerCase() ?? configDefaults.sharding;
  if (shardingRaw !== 'internal' && shardingRaw !== 'process') {
    problems.push(`DISCORD_SHARDING must be "internal" or "process" (got ${quoteValue(shardingRaw, token)})`);
  }

  const retentionRaw = exactly('RETENTION_DAYS');
  const retentionDays = retentionRaw === null ? configDefaults.retentionDays : Number(retentionRaw);
  if (retentionRaw !== null && (!/^\d+$/.test(retentionRaw) || retentionDays < 1 || retentionDays > 36_500))
    problems.push(`RETENTION_DAYS must be a whole number of days from 1 to 36500 (got ${quoteValue(retentionRaw, token)})`);

  // A time is read as written, like the numbers above: " 6h " or an empty value is refused, not taken as off.
  const everyRaw = exactly('SYNC_EVERY');
  let syncEveryMs: number | null = null;
  if (everyRaw !== null && !(everyRaw === everyRaw.trim() && parseSwitch(everyRaw) === false)) {
    const every = everyRaw === everyRaw.trim() ? parseDuration(everyRaw) : null;
    if (every === null || every < MIN_SYNC_EVERY_MS) {
      problems.push(`SYNC_EVERY must be a time of at least 5m, such as 6h or 1d, or off (got ${quoteValue(everyRaw, token)})`);
    } else if (corpus.settings.sourcesFile === null) {
      problems.push('SYNC_EVERY is set but no sources are declared (create sources.yaml or set CORPUS_SOURCES)');
    } else syncEveryMs = every;
  }

  const searchEnvironment = readSearchEnvironment(env);
  problems.push(...searchEnvironment.problems.map((problem) => problem.message));
  const { search, databaseUrl } = searchEnvironment.settings;

  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}.`);
  return {
    token: token!,
    clientId,
    guildId,
    corpusDir: corpus.settings.corpusDir,
    apiUrl: api,
    cacheDir: corpus.settings.cacheDir,
    watchCorpus: corpus.settings.watch,
    followLinks: corpus.settings.followLinks,
    messageContent,
    baseUrl: corpus.settings.baseUrl,
    shards,
    shardIds,
    sharding: shardingRaw as BotConfig['sharding'],
    dataDir: value('DATA_DIR') ?? configDefaults.dataDir,
    databaseUrl,
    search,
    retentionDays,
    sourcesFile: corpus.settings.sourcesFile,
    syncEveryMs,
  };
}

/** What the bot's logs must never show: the token, and DATABASE_URL and the password in it. */
export function secretsOf(config: Pick<BotConfig, 'token' | 'databaseUrl'>): string[] {
  if (config.databaseUrl === null) return [config.token];
  const password = decodeURIComponent(new URL(config.databaseUrl).password);
  return [config.token, config.databaseUrl, ...(password ? [password] : [])];
}

/** The configuration from the environment, or null after writing the one-line problem to stderr. */
export function configFromEnvironment(
  env: Env = readEnvironment(),
  stderr: { write(text: string): unknown } = process.stderr,
  options: { requireClientId?: boolean } = {},
): BotConfig | null {
  try {
    return loadConfig(env, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    stderr.write(`${error.message}\n`);
    return null;
  }
}
