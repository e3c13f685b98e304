import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readEnvironment, secretsOf } from '../../src/bot/runtime/config.ts';
import { createLogger } from '../../src/bot/runtime/logger.ts';

describe('loadConfig', () => {
  it('needs only the token and defaults the rest', () => {
    expect(loadConfig({ DISCORD_TOKEN: 'abc.def.ghi' })).toEqual({
      token: 'abc.def.ghi',
      clientId: null,
      guildId: null,
      corpusDir: 'corpus',
      apiUrl: null,
      cacheDir: '.cache/corpus-qa',
      watchCorpus: true,
      followLinks: false,
      messageContent: false,
      baseUrl: null,
      shards: 'auto',
      shardIds: null,
      sharding: 'internal',
      dataDir: '.data',
      databaseUrl: null,
      search: 'minisearch',
      retentionDays: 90,
      sourcesFile: null,
      syncEveryMs: null,
    });
  });

  it('reads every key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-qa-config-'));
    const sources = join(dir, 'sources.yaml');
    writeFileSync(sources, 'sources: []\n');
    expect(
      loadConfig({
        DISCORD_TOKEN: 't',
        DISCORD_CLIENT_ID: '123456789012345678',
        DISCORD_GUILD_ID: '876543210987654321',
        CORPUS_DIR: 'data/news',
        DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
        CACHE_DIR: '/var/cache/qa',
        CORPUS_WATCH: 'false',
        CORPUS_FOLLOW_LINKS: '1',
        DISCORD_MESSAGE_CONTENT: 'on',
        CORPUS_BASE_URL: 'https://docs.example.org/tides',
        DISCORD_SHARDS: '4',
        DISCORD_SHARDING: 'process',
        DATA_DIR: '/var/lib/corpus-qa',
        DATABASE_URL: 'postgres://corpusqa:pw@db.example:5432/corpusqa',
        RETENTION_DAYS: '30',
        CORPUS_SOURCES: sources,
        SYNC_EVERY: '6h',
      }),
    ).toEqual({
      token: 't',
      clientId: '123456789012345678',
      guildId: '876543210987654321',
      corpusDir: 'data/news',
      apiUrl: 'http://127.0.0.1:8080/api',
      cacheDir: '/var/cache/qa',
      watchCorpus: false,
      followLinks: true,
      messageContent: true,
      baseUrl: 'https://docs.example.org/tides/',
      shards: 4,
      shardIds: null,
      sharding: 'process',
      dataDir: '/var/lib/corpus-qa',
      databaseUrl: 'postgres://corpusqa:pw@db.example:5432/corpusqa',
      search: 'minisearch',
      retentionDays: 30,
      sourcesFile: sources,
      syncEveryMs: 6 * 3_600_000,
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('names a sources file that is missing and a sync schedule that is too often, not a time or without sources', () => {
    expect(() => loadConfig({ DISCORD_TOKEN: 't', CORPUS_SOURCES: 'no/such/sources.yaml', SYNC_EVERY: '1m' })).toThrow(
      'Invalid configuration: CORPUS_SOURCES names a file that does not exist ("no/such/sources.yaml"); SYNC_EVERY must be a time of at least 5m, such as 6h or 1d, or off (got "1m").',
    );
    expect(() => loadConfig({ DISCORD_TOKEN: 't', SYNC_EVERY: 'daily' })).toThrow('SYNC_EVERY must be a time of at least 5m');
    expect(() => loadConfig({ DISCORD_TOKEN: 't', SYNC_EVERY: '6h' })).toThrow(
      'Invalid configuration: SYNC_EVERY is set but no sources are declared (create sources.yaml or set CORPUS_SOURCES).',
    );
    expect(loadConfig({ DISCORD_TOKEN: 't', SYNC_EVERY: 'off' }).syncEveryMs).toBeNull();
  });

  it('turns watching off with 0 and takes "auto" shards in any case', () => {
    expect(loadConfig({ DISCORD_TOKEN: 't', CORPUS_WATCH: '0', DISCORD_SHARDS: 'AUTO' })).toMatchObject({
      watchCorpus: false,
      shards: 'auto',
    });
    expect(loadConfig({ DISCORD_TOKEN: 't', CORPUS_WATCH: 'on' }).watchCorpus).toBe(true);
  });

  it('names a bad watch switch and a bad shard count with the values given', () => {
    expect(() => loadConfig({ DISCORD_TOKEN: 't', CORPUS_WATCH: 'sometimes', DISCORD_SHARDS: '0' })).toThrow(
      'Invalid configuration: CORPUS_WATCH must be 1/true/on or 0/false/off (got "sometimes"); DISCORD_SHARDS must be a whole number of at least 1 or "auto" (got "0").',
    );
    expect(() => loadConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '1.5' })).toThrow(
      'DISCORD_SHARDS must be a whole number of at least 1 or "auto" (got "1.5")',
    );
  });

  it("takes this machine's shards as a list of DISCORD_SHARD_COUNT, and names a list without a count or out of it", () => {
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '2,3', DISCORD_SHARD_COUNT: '4' })).toMatchObject({
      shards: 4,
      shardIds: [2, 3],
    });
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '1', DISCORD_SHARD_COUNT: '2' })).toMatchObject({ shards: 2, shardIds: [1] });
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_SHARD_COUNT: '2' })).toMatchObject({ shards: 2, shardIds: null });
    expect(() => loadConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '0,1' })).toThrow(
      'Invalid configuration: DISCORD_SHARDS lists shards ("0,1"): set DISCORD_SHARD_COUNT to the total across machines.',
    );
    for (const listed of ['0,4', '1,1', '0, 1', 'auto', '']) {
      expect(() => loadConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: listed, DISCORD_SHARD_COUNT: '4' }), listed).toThrow(
        `Invalid configuration: DISCORD_SHARDS must list this machine's shards of DISCORD_SHARD_COUNT, each from 0 to 3 once, such as 0,1 (got "${listed}").`,
      );
    }
    expect(() => loadConfig({ DISCORD_TOKEN: 't', DISCORD_SHARD_COUNT: '0' })).toThrow(
      'Invalid configuration: DISCORD_SHARD_COUNT must be a whole number of at least 1 (got "0").',
    );
  });

  it('runs shards in one process unless told to run a process per shard', () => {
    expect(loadConfig({ DISCORD_TOKEN: 't' }).sharding).toBe('internal');
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDING: 'Process' }).sharding).toBe('process');
    expect(() => loadConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDING: 'threads' })).toThrow(
      'Invalid configuration: DISCORD_SHARDING must be "internal" or "process" (got "threads").',
    );
  });

  it('names a retention that is not a whole number of days', () => {
    expect(() => loadConfig({ DISCORD_TOKEN: 't', RETENTION_DAYS: '0' })).toThrow(
      'Invalid configuration: RETENTION_DAYS must be a whole number of days from 1 to 36500 (got "0").',
    );
    expect(() => loadConfig({ DISCORD_TOKEN: 't', RETENTION_DAYS: '90d' })).toThrow('(got "90d")');
  });

  it('refuses a number padded with spaces or left empty, with the same line as any other bad value', () => {
    expect(() => loadConfig({ DISCORD_TOKEN: 't', RETENTION_DAYS: ' 7 ' })).toThrow(
      'Invalid configuration: RETENTION_DAYS must be a whole number of days from 1 to 36500 (got " 7 ").',
    );
    expect(() => loadConfig({ DISCORD_TOKEN: 't', RETENTION_DAYS: '' })).toThrow(
      'Invalid configuration: RETENTION_DAYS must be a whole number of days from 1 to 36500 (got "").',
    );
    expect(() => loadConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '2 ', RETENTION_DAYS: '\t30' })).toThrow(
      'Invalid configuration: DISCORD_SHARDS must be a whole number of at least 1 or "auto" (got "2 "); RETENTION_DAYS must be a whole number of days from 1 to 36500 (got "\t30").',
    );
    expect(() => loadConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '' })).toThrow(
      'DISCORD_SHARDS must be a whole number of at least 1 or "auto" (got "")',
    );
  });

  it('refuses a sync schedule padded with spaces or left empty, rather than reading it as off', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-qa-config-'));
    const sources = join(dir, 'sources.yaml');
    writeFileSync(sources, 'sources: []\n');
    expect(() => loadConfig({ DISCORD_TOKEN: 't', CORPUS_SOURCES: sources, SYNC_EVERY: ' 6h ' })).toThrow(
      'Invalid configuration: SYNC_EVERY must be a time of at least 5m, such as 6h or 1d, or off (got " 6h ").',
    );
    expect(() => loadConfig({ DISCORD_TOKEN: 't', CORPUS_SOURCES: sources, SYNC_EVERY: '' })).toThrow(
      'Invalid configuration: SYNC_EVERY must be a time of at least 5m, such as 6h or 1d, or off (got "").',
    );
    expect(() => loadConfig({ DISCORD_TOKEN: 't', SYNC_EVERY: 'off ' })).toThrow('(got "off ")');
    expect(loadConfig({ DISCORD_TOKEN: 't', CORPUS_SOURCES: sources, SYNC_EVERY: '1d' }).syncEveryMs).toBe(86_400_000);
    expect(loadConfig({ DISCORD_TOKEN: 't', CORPUS_SOURCES: sources, SYNC_EVERY: 'Off' }).syncEveryMs).toBeNull();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts from .env.example as it ships, once the token is filled in', () => {
    const example = parseEnv(readFileSync(join(import.meta.dirname, '../../.env.example'), 'utf8'));
    expect(loadConfig({ ...example, DISCORD_TOKEN: 't' })).toMatchObject({ shards: 'auto', retentionDays: 90, corpusDir: 'corpus' });
  });

  it('accepts an API base given with the version, since discord.js adds it again', () => {
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_API_URL: 'https://proxy.example/api/v10' }).apiUrl).toBe('https://proxy.example/api');
  });

  it('names every missing or invalid key in one line', () => {
    const env = { DISCORD_CLIENT_ID: 'my-app', DISCORD_GUILD_ID: '12x', DISCORD_API_URL: 'ftp://host' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(
      'Invalid configuration: DISCORD_TOKEN is missing; DISCORD_CLIENT_ID must be a numeric Discord id (got "my-app"); DISCORD_GUILD_ID must be a numeric Discord id (got "12x"); DISCORD_API_URL must be an http(s) URL (got "ftp://host").',
    );
  });

  it('treats a blank token as missing and never repeats a bad token back', () => {
    expect(() => loadConfig({ DISCORD_TOKEN: '   ' })).toThrow('Invalid configuration: DISCORD_TOKEN is missing.');
    expect(() => loadConfig({ DISCORD_TOKEN: 'secret part2' })).toThrow('Invalid configuration: DISCORD_TOKEN contains whitespace.');
  });

  it('never quotes a token pasted into the wrong key, but still quotes short plain mistakes', () => {
    const token = 'MTEwMDAwMDAwMDAwMDAwMDAx.GhJkLm.SECRET0abcdefghijklmnopqrstuvwxyz012';
    const keys = [
      'DISCORD_CLIENT_ID',
      'DISCORD_GUILD_ID',
      'DISCORD_API_URL',
      'CORPUS_WATCH',
      'CORPUS_FOLLOW_LINKS',
      'DISCORD_SHARDS',
      'DISCORD_SHARDING',
    ];
    for (const key of keys) {
      // Pasted alone, or with the token also set where it belongs: neither may be echoed.
      for (const env of [{ [key]: token }, { DISCORD_TOKEN: token, [key]: token }]) {
        let message = '';
        try {
          loadConfig(env);
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message, key).toContain(`${key} must be`);
        expect(message, key).toContain('(got a 68-character value, not shown in case it is a secret)');
        expect(message, key).not.toContain('SECRET');
      }
    }
    // A secret of another shape (a 32-character client secret), and a short value that equals the token.
    expect(() => loadConfig({ DISCORD_TOKEN: 't', DISCORD_GUILD_ID: 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE' })).toThrow(
      'DISCORD_GUILD_ID must be a numeric Discord id (got a 32-character value, not shown in case it is a secret)',
    );
    expect(() => loadConfig({ DISCORD_TOKEN: 'on-off', CORPUS_WATCH: 'on-off' })).toThrow(
      'CORPUS_WATCH must be 1/true/on or 0/false/off (got a 6-character value, not shown in case it is a secret)',
    );
  });

  it('names a DATABASE_URL that is not a PostgreSQL URL in one line, never showing it, and keeps its password out of the logs', () => {
    for (const url of ['mysql://bot:hunter2@db/qa', 'postgres://bot:hunter2@db', 'bot:hunter2@db/qa']) {
      let message = '';
      try {
        loadConfig({ DISCORD_TOKEN: 't', DATABASE_URL: url });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toBe(
        `Invalid configuration: DATABASE_URL must be a URL such as postgres://user:password@host:5432/database (got a ${url.length}-character value, not shown in case it holds a password).`,
      );
    }
    const config = loadConfig({ DISCORD_TOKEN: 't0k3n', DATABASE_URL: 'postgresql://bot:hunter%232@db:5433/qa' });
    expect(secretsOf(config)).toEqual(['t0k3n', 'postgresql://bot:hunter%232@db:5433/qa', 'hunter#2']);
    const lines: string[] = [];
    createLogger({ secrets: secretsOf(config), write: (line) => lines.push(line) }).error('could not connect', {
      error: new Error('password hunter#2 refused for postgresql://bot:hunter%232@db:5433/qa'),
    });
    expect(lines.join('\n')).not.toMatch(/hunter/);
  });

  it('requires the application id for registering commands', () => {
    expect(() => loadConfig({ DISCORD_TOKEN: 't' }, { requireClientId: true })).toThrow(
      'Invalid configuration: DISCORD_CLIENT_ID is missing.',
    );
  });
});

describe('readEnvironment', () => {
  it('reads a .env file, with variables already set in the environment winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-qa-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, '# comment\nCORPUS_QA_TEST_FROM_FILE=from-file\nCORPUS_QA_TEST_BOTH="file"\n');
    process.env.CORPUS_QA_TEST_BOTH = 'process';
    try {
      const env = readEnvironment(file);
      expect(env.CORPUS_QA_TEST_FROM_FILE).toBe('from-file');
      expect(env.CORPUS_QA_TEST_BOTH).toBe('process');
      expect(readEnvironment(join(dir, 'missing.env')).CORPUS_QA_TEST_FROM_FILE).toBeUndefined();
    } finally {
      delete process.env.CORPUS_QA_TEST_BOTH;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
