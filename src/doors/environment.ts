import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { normalizeBaseUrl } from '../corpus/documentUrl.ts';
import { DEFAULT_CACHE_DIR } from '../snapshot/cachedEngine.ts';

/**
 * The environment as the doors read it: the bot and the CLI take the same corpus variables, with the same
 * meaning, defaults and errors, from here. The engine never reads the environment; its options are passed in.
 */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The process environment over the `.env` file in the working directory, when there is one
 * (variables already set win, as with `node --env-file`).
 */
export function readEnvironment(file = '.env'): Env {
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

/** The corpus a door serves, as the environment sets it. */
export interface CorpusEnvironment {
  /** `CORPUS_DIR`: the folder of documents to answer from. */
  corpusDir: string;
  /** `CACHE_DIR`: where index snapshots are kept, so a restart loads instead of rebuilding. */
  cacheDir: string;
  /** `CORPUS_WATCH`: follow the corpus folder and reload on changes (`0`/`false` turns it off). */
  watch: boolean;
  /**
   * `CORPUS_FOLLOW_LINKS`: serve files that links in the corpus folder point to outside it. Off by default:
   * whoever can add a link there could publish any file the process can read.
   */
  followLinks: boolean;
  /**
   * `CORPUS_BASE_URL`: the site the corpus files are published at; citations of a file without its own URL
   * link to this base plus its path without the extension (`guide/setup.md` → `…/guide/setup`). null: none.
   */
  baseUrl: string | null;
  /**
   * `CORPUS_SOURCES`: the file declaring the websites and Git repositories synced into the corpus;
   * `sources.yaml` in the working directory when it names none and that file exists. null: none declared.
   */
  sourcesFile: string | null;
}

/** The sources file read when `CORPUS_SOURCES` names none. */
export const DEFAULT_SOURCES_FILE = 'sources.yaml';

export const corpusEnvironmentDefaults: CorpusEnvironment = {
  corpusDir: 'corpus',
  /** Same folder for `npm run index`, the CLI and the bot, so a snapshot built by one is loaded by the others. */
  cacheDir: DEFAULT_CACHE_DIR,
  watch: true,
  followLinks: false,
  baseUrl: null,
  sourcesFile: null,
};

const SWITCHES: Readonly<Record<string, boolean>> = {
  '1': true,
  true: true,
  on: true,
  yes: true,
  '0': false,
  false: false,
  off: false,
  no: false,
};

/** An on/off value (`1/true/on/yes`, `0/false/off/no`, any case), or undefined when it is neither. */
export function parseSwitch(raw: string): boolean | undefined {
  return SWITCHES[raw.trim().toLowerCase()];
}

/** An environment value, trimmed; null when unset or blank. */
export function envValue(env: Env, key: string): string | null {
  const raw = env[key]?.trim();
  return raw ? raw : null;
}

/** A variable whose value cannot be used: its name, and a message that names it and says what it takes. */
export interface EnvironmentProblem {
  key: string;
  message: string;
}

/**
 * Reads `CORPUS_DIR`, `CACHE_DIR`, `CORPUS_WATCH`, `CORPUS_FOLLOW_LINKS`, `CORPUS_BASE_URL` and `CORPUS_SOURCES`.
 * Each bad value is one entry of `problems` naming the key and what it takes; its setting keeps the default.
 * `quote` shows a bad value in a message (the bot hides anything that could be a secret).
 *
 * @example readCorpusEnvironment({ CORPUS_DIR: 'docs' }).settings.corpusDir // → 'docs'
 */
export function readCorpusEnvironment(
  env: Env,
  quote: (raw: string) => string = (raw) => JSON.stringify(raw),
): { settings: CorpusEnvironment; problems: EnvironmentProblem[] } {
  const problems: EnvironmentProblem[] = [];
  const onOff = (key: string, fallback: boolean): boolean => {
    const raw = envValue(env, key);
    if (raw === null) return fallback;
    const on = parseSwitch(raw);
    if (on === undefined) problems.push({ key, message: `${key} must be 1/true/on or 0/false/off (got ${quote(raw)})` });
    return on ?? fallback;
  };
  const defaults = corpusEnvironmentDefaults;
  const watch = onOff('CORPUS_WATCH', defaults.watch);
  const followLinks = onOff('CORPUS_FOLLOW_LINKS', defaults.followLinks);
  const baseUrlRaw = envValue(env, 'CORPUS_BASE_URL');
  const baseUrl = baseUrlRaw === null ? null : normalizeBaseUrl(baseUrlRaw);
  if (baseUrlRaw !== null && baseUrl === null) {
    problems.push({ key: 'CORPUS_BASE_URL', message: `CORPUS_BASE_URL must be an http(s) URL (got ${quote(baseUrlRaw)})` });
  }
  const sourcesRaw = envValue(env, 'CORPUS_SOURCES');
  if (sourcesRaw !== null && !existsSync(sourcesRaw)) {
    problems.push({ key: 'CORPUS_SOURCES', message: `CORPUS_SOURCES names a file that does not exist (${quote(sourcesRaw)})` });
  }
  const sourcesFile =
    sourcesRaw !== null && existsSync(sourcesRaw) ? sourcesRaw : existsSync(DEFAULT_SOURCES_FILE) ? DEFAULT_SOURCES_FILE : null;
  return {
    settings: {
      corpusDir: envValue(env, 'CORPUS_DIR') ?? defaults.corpusDir,
      cacheDir: envValue(env, 'CACHE_DIR') ?? defaults.cacheDir,
      watch,
      followLinks,
      baseUrl,
      sourcesFile,
    },
    problems,
  };
}

/** Where questions are searched, as `SEARCH` sets it. */
export interface SearchEnvironment {
  /**
   * `SEARCH`: `minisearch` (the default) builds the index in the process from the corpus folder; `postgres`
   * answers from the index `npm run index -- --to postgres` wrote to `DATABASE_URL`, loading no corpus.
   */
  search: 'minisearch' | 'postgres';
  /** `DATABASE_URL`: the PostgreSQL database, when set (needed by `SEARCH=postgres`). */
  databaseUrl: string | null;
}

export const SEARCH_ENGINES = ['minisearch', 'postgres'] as const;

/**
 * Reads `SEARCH` and `DATABASE_URL`. A bad value is a problem naming the key; the URL is never quoted back
 * (it may hold a password).
 *
 * @example readSearchEnvironment({ SEARCH: 'postgres', DATABASE_URL: 'postgres://db/qa' }).settings.search // → 'postgres'
 */
export function readSearchEnvironment(env: Env): { settings: SearchEnvironment; problems: EnvironmentProblem[] } {
  const problems: EnvironmentProblem[] = [];
  const raw = envValue(env, 'SEARCH')?.toLowerCase() ?? 'minisearch';
  const search = SEARCH_ENGINES.find((engine) => engine === raw) ?? 'minisearch';
  if (search !== raw) problems.push({ key: 'SEARCH', message: `SEARCH must be minisearch or postgres (got ${JSON.stringify(raw)})` });
  const databaseUrl = envValue(env, 'DATABASE_URL');
  if (databaseUrl !== null && !isPostgresUrl(databaseUrl)) {
    problems.push({
      key: 'DATABASE_URL',
      message: `DATABASE_URL must be a URL such as postgres://user:password@host:5432/database (got a ${databaseUrl.length}-character value, not shown in case it holds a password)`,
    });
  } else if (search === 'postgres' && databaseUrl === null) {
    problems.push({
      key: 'DATABASE_URL',
      message: 'SEARCH=postgres needs DATABASE_URL: the database `npm run index -- --to postgres` wrote to',
    });
  }
  return { settings: { search, databaseUrl }, problems };
}

/** A URL node-postgres can connect with: postgres: or postgresql:, a host, and a database. */
export function isPostgresUrl(raw: string): boolean {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  return url !== null && (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' && url.pathname.length > 1;
}
