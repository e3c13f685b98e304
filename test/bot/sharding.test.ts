import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { planShards } from '../../src/bot/sharding/shardCount.ts';
import { humanUser, ids, shardOf } from '../discord/fixtures.ts';
import { callbackOf, editOf, sendCommand } from '../discord/interactions.ts';
import { FakeDiscord } from '../discord/server.ts';

const root = resolve(import.meta.dirname, '../..');
const token = 'MTAwMDAwMDAwMDAwMDAwMDAx.Shard.ed-token-never-logged';

describe('planShards', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await new FakeDiscord({ shardCount: 2, guilds: [ids.guild, ids.secondGuild] }).start();
  });
  afterAll(() => fake.stop());

  it('takes the count from GET /gateway/bot on the configured API base, not discord.com', async () => {
    expect(await planShards({ token, apiUrl: fake.apiUrl, shards: 'auto' })).toEqual({ count: 2, spawnDelayMs: 2750, source: 'gateway' });
    const asked = await fake.waitForRequest((r) => r.path === '/gateway/bot');
    expect(asked.authorization).toBe(`Bot ${token}`);
  });

  it('lets DISCORD_SHARDS override the count', async () => {
    expect(await planShards({ token, apiUrl: fake.apiUrl, shards: 3 })).toEqual({ count: 3, spawnDelayMs: 2750, source: 'config' });
  });

  it('says which URL failed when the gateway gives no count', async () => {
    const down: typeof fetch = async () => new Response('{"message":"401: Unauthorized"}', { status: 401 });
    await expect(planShards({ token, apiUrl: 'http://127.0.0.1:9/api', shards: 'auto' }, down)).rejects.toThrow(
      'Sharding: GET http://127.0.0.1:9/api/v10/gateway/bot gave no shard count (HTTP 401); set DISCORD_SHARDS to a number',
    );
  });
});

describe('npm run start:sharded against a Discord that reports 2 shards', () => {
  let fake: FakeDiscord;
  const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-shards-'));
  beforeAll(async () => {
    fake = await new FakeDiscord({ shardCount: 2, guilds: [ids.guild, ids.secondGuild] }).start();
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('runs one process per shard; each identifies as its shard, gets only its guilds, answers there, and /reindex reaches every shard', async () => {
    const corpusDir = join(scratch, 'corpus');
    cpSync(resolve(root, 'corpus'), corpusDir, { recursive: true });
    // Discord's routing, which the fake applies: the two guilds land on different shards.
    expect([shardOf(ids.guild, 2), shardOf(ids.secondGuild, 2)]).toEqual([0, 1]);
    const manager = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), resolve(root, 'src/bot/sharded.ts')], {
      cwd: scratch,
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_TOKEN: token,
        DISCORD_API_URL: fake.apiUrl,
        CORPUS_DIR: corpusDir,
        CACHE_DIR: join(scratch, 'cache'),
        CORPUS_WATCH: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    manager.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    manager.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Safety limits for a busy machine (three processes start here), not targets.
    const killer = setTimeout(() => manager.kill('SIGKILL'), 100_000);
    const exited = new Promise<number | null>((done) => manager.on('exit', (code) => done(code)));
    const logs = () =>
      stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { msg: string; shards?: number[] });

    try {
      // The manager's line and each shard's own 'ready' line reach stdout in no fixed order.
      const started = () => logs().some((l) => l.msg === 'all shards ready') && logs().filter((l) => l.msg === 'ready').length === 2;
      await vi.waitFor(
        () => {
          if (!started()) throw new Error(`shards not ready; stdout: ${stdout}\nstderr: ${stderr}`);
        },
        { timeout: 60_000, interval: 50 },
      );
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
      expect(
        logs()
          .filter((l) => l.msg === 'ready')
          .map((l) => l.shards)
          .sort(),
      ).toEqual([[0], [1]]);

      // The interaction goes out on the socket of the shard its guild is routed to, and that shard answers.
      for (const guild of [ids.guild, ids.secondGuild]) {
        const sent = sendCommand(fake, 'ask', [{ name: 'question', type: 3, value: "who met Portugal's minister?" }], humanUser(), guild);
        expect(((await callbackOf(fake, sent, 10_000)).data as { content: string }).content).toBe('**Ali Abbasov**');
      }

      // Each shard has its own engine (watching is off here): /reindex on shard 1 must reload shard 0 too.
      writeFileSync(
        join(corpusDir, '005_lighthouse.txt'),
        'Port Ellery opens its new lighthouse\n\nThe new lighthouse at Port Ellery was designed by the architect Mirela Vondracek.\n',
      );
      const reindex = sendCommand(fake, 'reindex', [], humanUser(), ids.secondGuild);
      expect(((await editOf(fake, reindex, 15_000)) as { content: string }).content).toMatch(
        /^Reindexed in \d+\.\d s on all 2 shards: 1 added, 0 changed, 0 removed \(5 documents\)\.\nAdded: `005_lighthouse`$/,
      );
      const ask = sendCommand(
        fake,
        'ask',
        [{ name: 'question', type: 3, value: 'who designed the lighthouse at Port Ellery?' }],
        humanUser(),
        ids.guild,
      );
      expect(((await callbackOf(fake, ask, 10_000)).data as { content: string }).content).toBe('**Mirela Vondracek**');
    } finally {
      manager.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    clearTimeout(killer);
    const messages = logs().map((l) => l.msg);
    expect(messages.filter((m) => m === 'stopped')).toHaveLength(3); // both shards, then the manager
    // The manager built the snapshot once and the shards loaded it; then /reindex rebuilt in both shards.
    const builds = (logs() as { msg: string; reason?: string }[]).filter((l) => l.msg === 'building the index').map((l) => l.reason);
    expect(builds).toEqual(['no snapshot yet', 'rebuild forced', 'rebuild forced']);
    expect(messages.filter((m) => m === 'snapshot loaded')).toHaveLength(2);
    expect(messages.filter((m) => m === 'corpus reloaded')).toHaveLength(2);
    expect(stdout).not.toContain(token);
  }, 120_000);
});
