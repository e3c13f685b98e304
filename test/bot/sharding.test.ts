import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { planShards } from '../../src/bot/sharding/shardCount.ts';
import { latestSchemaVersion } from '../../src/bot/storage/migrations.ts';
import { humanUser, ids, shardOf } from '../../testbed/discord/fixtures.ts';
import { callbackOf, editOf, sendCommand } from '../../testbed/discord/interactions.ts';
import { FakeDiscord } from '../../testbed/discord/server.ts';
import { freshDatabase, noPostgres, postgresUrl } from '../postgres/database.ts';

const root = resolve(import.meta.dirname, '../..');
const token = 'MTAwMDAwMDAwMDAwMDAwMDAx.Shard.ed-token-never-logged';

describe('planShards', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await new FakeDiscord({ shardCount: 2, guilds: [ids.guild, ids.secondGuild] }).start();
  });
  afterAll(() => fake.stop());

  it('takes the count from GET /gateway/bot on the configured API base, not discord.com', async () => {
    expect(await planShards({ token, apiUrl: fake.apiUrl, shards: 'auto' })).toEqual({
      count: 2,
      ids: [0, 1],
      spawnDelayMs: 2750,
      source: 'gateway',
    });
    const asked = await fake.waitForRequest((r) => r.path === '/gateway/bot');
    expect(asked.authorization).toBe(`Bot ${token}`);
  });

  it('lets DISCORD_SHARDS override the count', async () => {
    expect(await planShards({ token, apiUrl: fake.apiUrl, shards: 3 })).toEqual({
      count: 3,
      ids: [0, 1, 2],
      spawnDelayMs: 2750,
      source: 'config',
    });
    expect(await planShards({ token, apiUrl: fake.apiUrl, shards: 4, shardIds: [2, 3] })).toMatchObject({ count: 4, ids: [2, 3] });
  });

  it('says which URL failed when the gateway gives no count', async () => {
    const down: typeof fetch = async () => new Response('{"message":"401: Unauthorized"}', { status: 401 });
    await expect(planShards({ token, apiUrl: 'http://127.0.0.1:9/api', shards: 'auto' }, down)).rejects.toThrow(
      'Sharding: GET http://127.0.0.1:9/api/v10/gateway/bot gave no shard count (HTTP 401); set DISCORD_SHARDS to a number',
    );
  });
});

/** `npm run start:sharded` with a copy of the shipped corpus, against the fake Discord; its JSON log lines. */
function startSharded(fake: FakeDiscord, scratch: string, env: Record<string, string>) {
  const corpusDir = join(scratch, 'corpus');
  cpSync(resolve(root, 'corpus'), corpusDir, { recursive: true });
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), resolve(root, 'src/bot/sharded.ts')], {
    cwd: scratch,
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: token,
      DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: corpusDir,
      CACHE_DIR: join(scratch, 'cache'),
      DATA_DIR: join(scratch, 'data'),
      CORPUS_WATCH: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A safety limit for a busy machine (up to three processes start here), not a target.
  const killer = setTimeout(() => child.kill('SIGKILL'), 100_000);
  const exited = new Promise<number | null>((done) =>
    child.on('exit', (code) => {
      clearTimeout(killer);
      done(code);
    }),
  );
  const logs = () =>
    stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; shards?: number[]; runs?: number[]; reason?: string });
  const messages = () => logs().map((l) => l.msg);
  const waitFor = (ready: () => boolean) =>
    vi.waitFor(
      () => {
        if (!ready()) throw new Error(`not ready; stdout: ${stdout}\nstderr: ${stderr}`);
      },
      { timeout: 60_000, interval: 50 },
    );
  return { corpusDir, child, exited, logs, messages, waitFor, output: () => stdout };
}

const LIGHTHOUSE =
  'Port Ellery opens its new lighthouse\n\nThe new lighthouse at Port Ellery was designed by the architect Mirela Vondracek.\n';
const askOption = (value: string) => [{ name: 'question', type: 3, value }];

describe('npm run start:sharded against a Discord that reports 2 shards', () => {
  let fake: FakeDiscord;
  let scratch: string;
  beforeEach(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-shards-'));
    fake = await new FakeDiscord({ shardCount: 2, guilds: [ids.guild, ids.secondGuild] }).start();
  });
  afterEach(async () => {
    await fake.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Both guilds get an answer on the socket of the shard Discord routes them to. */
  async function expectBothShardsAnswer(): Promise<void> {
    // Discord's routing, which the fake applies: the two guilds land on different shards.
    expect([shardOf(ids.guild, 2), shardOf(ids.secondGuild, 2)]).toEqual([0, 1]);
    expect([...fake.gateway.identifyShards].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.gateway.identifies).toEqual([token, token]);
    expect(fake.gateway.readyGuilds).toEqual(
      new Map([
        [0, [ids.guild]],
        [1, [ids.secondGuild]],
      ]),
    );
    for (const guild of [ids.guild, ids.secondGuild]) {
      const sent = sendCommand(fake, 'ask', askOption("who met Portugal's minister?"), humanUser(), guild);
      expect(((await callbackOf(fake, sent, 10_000)).data as { content: string }).content).toBe('**Ali Abbasov**');
    }
  }

  /** A new article in the corpus, /reindex from the second guild, then a question about it in the first. */
  async function expectReindexToServeANewArticle(corpusDir: string, report: RegExp): Promise<void> {
    writeFileSync(join(corpusDir, '005_lighthouse.txt'), LIGHTHOUSE);
    const reindex = sendCommand(fake, 'reindex', [], humanUser(), ids.secondGuild);
    expect(((await editOf(fake, reindex, 15_000)) as { content: string }).content).toMatch(report);
    const ask = sendCommand(fake, 'ask', askOption('who designed the lighthouse at Port Ellery?'), humanUser(), ids.guild);
    expect(((await callbackOf(fake, ask, 10_000)).data as { content: string }).content).toBe('**Mirela Vondracek**');
  }

  it('runs every shard in one process over one engine by default; /reindex reloads that one engine', async () => {
    const bot = startSharded(fake, scratch, {});
    try {
      await bot.waitFor(() => bot.messages().includes('ready'));
      expect(bot.logs().find((l) => l.msg === 'ready')?.shards).toEqual([0, 1]);
      await expectBothShardsAnswer();
      // The guild on the other shard is answered from the same, reloaded engine.
      await expectReindexToServeANewArticle(
        bot.corpusDir,
        /^Reindexed in \d+\.\d s: 1 added, 0 changed, 0 removed \(5 documents\)\.\nAdded: `005_lighthouse`$/,
      );
    } finally {
      bot.child.kill('SIGTERM');
    }
    expect(await bot.exited).toBe(0);
    const messages = bot.messages();
    expect(messages.filter((m) => m === 'ready')).toHaveLength(1);
    expect(messages.filter((m) => m === 'stopped')).toHaveLength(1);
    // One engine: built once, rebuilt once by /reindex.
    expect(
      bot
        .logs()
        .filter((l) => l.msg === 'building the index')
        .map((l) => l.reason),
    ).toEqual(['no snapshot yet', 'rebuild forced']);
    expect(bot.output()).not.toContain(token);
  }, 120_000);

  it('runs one process per shard with DISCORD_SHARDING=process; each answers its guilds, and /reindex reaches every shard', async () => {
    const bot = startSharded(fake, scratch, { DISCORD_SHARDING: 'process' });
    try {
      // The manager's line and each shard's own 'ready' line reach stdout in no fixed order.
      await bot.waitFor(() => bot.messages().includes('all shards ready') && bot.messages().filter((m) => m === 'ready').length === 2);
      expect(
        bot
          .logs()
          .filter((l) => l.msg === 'ready')
          .map((l) => l.shards)
          .sort(),
      ).toEqual([[0], [1]]);
      await expectBothShardsAnswer();
      // Each shard has its own engine (watching is off here): /reindex on shard 1 must reload shard 0 too.
      await expectReindexToServeANewArticle(
        bot.corpusDir,
        /^Reindexed in \d+\.\d s on all 2 shards: 1 added, 0 changed, 0 removed \(5 documents\)\.\nAdded: `005_lighthouse`$/,
      );
    } finally {
      bot.child.kill('SIGTERM');
    }
    expect(await bot.exited).toBe(0);
    const messages = bot.messages();
    expect(messages.filter((m) => m === 'stopped')).toHaveLength(3); // both shards, then the manager
    // The manager built the snapshot once and the shards loaded it; then /reindex rebuilt in both shards.
    const builds = bot
      .logs()
      .filter((l) => l.msg === 'building the index')
      .map((l) => l.reason);
    expect(builds).toEqual(['no snapshot yet', 'rebuild forced', 'rebuild forced']);
    expect(messages.filter((m) => m === 'snapshot loaded')).toHaveLength(2);
    expect(messages.filter((m) => m === 'corpus reloaded')).toHaveLength(2);
    expect(bot.output()).not.toContain(token);
  }, 120_000);

  it('stops every shard process with exit 1 and one line, instead of respawning, when Discord closes the gateway for good', async () => {
    const bot = startSharded(fake, scratch, { DISCORD_SHARDING: 'process' });
    try {
      await bot.waitFor(() => bot.messages().includes('all shards ready'));
      // A token reset while running: the connections close with 4004, and a respawned shard would be refused too.
      fake.gateway.refuseIdentify(4004);
      fake.gateway.close(4004);
      expect(await bot.exited).toBe(1);
    } finally {
      bot.child.kill('SIGTERM');
    }
    const logs = bot.logs();
    // No shard was started again: one IDENTIFY per shard.
    expect(fake.gateway.identifies).toEqual([token, token]);
    expect(logs.filter((l) => l.msg.startsWith('Discord closed a shard for good'))).toHaveLength(1);
    expect(logs.at(-1)?.msg).toBe('stopped');
  }, 120_000);

  it('runs on each machine only the shards DISCORD_SHARDS gives it, either way of sharding, all against one PostgreSQL database', async (context) => {
    if (!postgresUrl) return context.skip(noPostgres);
    const databaseUrl = await freshDatabase();
    // The first machine runs its shard in its own process (internal), the second under a ShardingManager (process).
    const machines = (['internal', 'process'] as const).map((sharding, shard) => {
      const own = join(scratch, `machine-${shard}`);
      mkdirSync(own);
      const env = { DISCORD_SHARDS: String(shard), DISCORD_SHARD_COUNT: '2', DATABASE_URL: databaseUrl, DISCORD_SHARDING: sharding };
      return startSharded(fake, own, env);
    });
    try {
      for (const machine of machines) await machine.waitFor(() => machine.messages().includes('ready'));
      expect(machines.map((m) => m.logs().find((l) => l.msg === 'starting shards')?.runs)).toEqual([[0], [1]]);
      expect(machines.map((m) => m.logs().find((l) => l.msg === 'ready')?.shards)).toEqual([[0], [1]]);
      await expectBothShardsAnswer();
      // A setting saved on the first machine's shard holds there; both machines log into one question log.
      const saved = sendCommand(fake, 'settings', [{ name: 'bold-answer', type: 1, options: [{ name: 'bold', type: 5, value: false }] }]);
      expect(((await callbackOf(fake, saved, 10_000)).data as { content: string }).content).toBe('Saved: short answers are shown plain.');
      const plain = sendCommand(fake, 'ask', askOption("who met Portugal's minister?"), humanUser(), ids.guild);
      expect(((await callbackOf(fake, plain, 10_000)).data as { content: string }).content).toBe('Ali Abbasov');
    } finally {
      for (const machine of machines) machine.child.kill('SIGTERM');
    }
    expect(await Promise.all(machines.map((m) => m.exited))).toEqual([0, 0]);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const logged = await client.query('SELECT guild, COUNT(*)::int AS n FROM questions GROUP BY guild ORDER BY guild');
      expect(logged.rows).toEqual([
        { guild: ids.guild, n: 2 },
        { guild: ids.secondGuild, n: 1 },
      ]);
      const settings = await client.query('SELECT guild, bold_answer FROM guild_settings');
      expect(settings.rows).toEqual([{ guild: ids.guild, bold_answer: 0 }]);
      // Both started on an empty database: each migration ran once.
      const steps = await client.query('SELECT COUNT(*)::int AS n, COUNT(DISTINCT version)::int AS distinct FROM schema_version');
      expect(steps.rows).toEqual([{ n: latestSchemaVersion, distinct: latestSchemaVersion }]);
    } finally {
      await client.end();
    }
    for (const machine of machines) expect(machine.output()).not.toContain(token);
  }, 120_000);
});
