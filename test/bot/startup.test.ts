import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as deployCommands } from '../../src/bot/deployCommands.ts';
import { main as startBot } from '../../src/bot/main.ts';
import { loadCommands } from '../../src/bot/runtime/loadCommands.ts';
import { ids } from '../../testbed/discord/fixtures.ts';
import { callbackOf, sendCommand } from '../../testbed/discord/interactions.ts';
import { FakeDiscord } from '../../testbed/discord/server.ts';

const root = resolve(import.meta.dirname, '../..');
const tsx = import.meta.resolve('tsx');
const token = 'MTAwMDAwMDAwMDAwMDAwMDAx.Start.up-token-never-logged';
// An empty folder as the working directory, so a developer's own .env cannot leak into the test.
const emptyCwd = mkdtempSync(join(tmpdir(), 'corpus-qa-bot-'));
afterAll(() => rmSync(emptyCwd, { recursive: true, force: true }));

interface Run {
  code: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
  kill(signal: NodeJS.Signals): void;
}

/** Runs a bot entry point the way `npm start` does (tsx, a separate process), with exactly the environment given. */
function spawnEntry(entry: string, env: Record<string, string>, cwd = root): Run {
  const child = spawn(process.execPath, ['--import', tsx, resolve(root, entry)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  return {
    code: new Promise((done) =>
      child.on('exit', (code) => {
        clearTimeout(timer);
        done(code);
      }),
    ),
    stdout: () => stdout,
    stderr: () => stderr,
    kill: (signal) => child.kill(signal),
  };
}

/** Runs a bot entry point's main in this process, with exactly the environment given; signals are emitted to it. */
function runInProcess(entry: typeof startBot, env: Record<string, string>): Run {
  let stdout = '';
  let stderr = '';
  const events = new EventEmitter();
  const code = entry({
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    events,
  });
  return { code, stdout: () => stdout, stderr: () => stderr, kill: (signal) => events.emit(signal, signal) };
}

describe('start-up', () => {
  it('exits non-zero with one line naming the missing token', async () => {
    const bot = runInProcess(startBot, { CORPUS_DIR: resolve(root, 'corpus') });
    expect(await bot.code).toBe(1);
    expect(bot.stderr()).toBe('Invalid configuration: DISCORD_TOKEN is missing.\n');
    expect(bot.stdout()).toBe('');
  });

  it('names every bad key at once, without echoing the token', async () => {
    const bot = runInProcess(startBot, { DISCORD_TOKEN: 'bad token', DISCORD_API_URL: 'not a url' });
    expect(await bot.code).toBe(1);
    expect(bot.stderr()).toBe(
      'Invalid configuration: DISCORD_TOKEN contains whitespace; DISCORD_API_URL must be an http(s) URL (got "not a url").\n',
    );
  });

  it('stops with one clear line and exit 1 when the database file is damaged, and leaves the file as it was', async () => {
    const dataDir = join(emptyCwd, 'damaged-data');
    mkdirSync(dataDir);
    const garbage = Buffer.from('not a database, whatever happened to it\n'.repeat(100));
    writeFileSync(join(dataDir, 'corpus-qa.db'), garbage);
    const bot = runInProcess(startBot, { DISCORD_TOKEN: token, CORPUS_DIR: resolve(root, 'corpus'), DATA_DIR: dataDir });
    expect(await bot.code).toBe(1);
    expect(bot.stderr()).toBe('');
    const lines = bot.stdout().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: expect.any(String),
      level: 'error',
      msg: 'could not open the database',
      reason: `${join(dataDir, 'corpus-qa.db')} is damaged (file is not a database); it was left as it is: restore it from a backup, or move it aside to start with an empty one`,
    });
    expect(readFileSync(join(dataDir, 'corpus-qa.db')).equals(garbage)).toBe(true);
  });

  it('deploy-commands never prints the token back when it was pasted as the application id', async () => {
    const deploy = runInProcess(deployCommands, { DISCORD_TOKEN: token, DISCORD_CLIENT_ID: token });
    expect(await deploy.code).toBe(1);
    expect(deploy.stderr()).toBe(
      `Invalid configuration: DISCORD_CLIENT_ID must be a numeric Discord id (got a ${token.length}-character value, not shown in case it is a secret).\n`,
    );
  });
});

describe('the bot started from the environment alone', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
  });
  afterAll(() => fake.stop());

  // Both runs share one cache folder: the first builds and saves the snapshot, the second must load it.
  const cacheDir = join(emptyCwd, 'cache');
  const env = () => ({
    DISCORD_TOKEN: token,
    DISCORD_CLIENT_ID: ids.application,
    DISCORD_API_URL: fake.apiUrl,
    CORPUS_DIR: 'corpus',
    CACHE_DIR: cacheDir,
    DATA_DIR: join(emptyCwd, 'data'),
  });
  const messages = (bot: Run) =>
    bot
      .stdout()
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);

  /** Starts the bot, asks one question, stops it with SIGTERM; returns the run. */
  async function askOnce(start: () => Run): Promise<Run> {
    const ready = fake.gateway.next('ready', 30_000);
    const bot = start();
    await ready;
    const sent = sendCommand(fake, 'ask', [{ name: 'question', type: 3, value: "who met Portugal's minister?" }]);
    expect(((await callbackOf(fake, sent, 20_000)).data as { content: string }).content).toBe('**Ali Abbasov**');
    bot.kill('SIGTERM');
    expect(await bot.code).toBe(0);
    expect(bot.stdout()).not.toContain(token);
    return bot;
  }

  it('builds the index with progress lines and a snapshot, answers /ask, then shuts down cleanly on SIGTERM (as a separate process, the way npm starts it)', async () => {
    const bot = await askOnce(() => spawnEntry('src/bot/main.ts', env()));
    expect(fake.gateway.identifies).toEqual([token]);
    const logged = messages(bot);
    expect(logged.filter((m) => m !== 'indexing')).toEqual([
      'database ready',
      'building the index',
      'snapshot saved',
      'event loop delay while indexing',
      'corpus loaded',
      'watching the corpus folder',
      'ready',
      'shutting down',
      'stopped',
    ]);
    // One line as each of the three phases ends, at least.
    expect(logged.filter((m) => m === 'indexing').length).toBeGreaterThanOrEqual(3);
  });

  it('answers from the snapshot on the second start, without rebuilding', async () => {
    const bot = await askOnce(() => runInProcess(startBot, env()));
    const logged = messages(bot);
    expect(logged.slice(0, 4)).toEqual(['database ready', 'snapshot loaded', 'event loop delay while indexing', 'corpus loaded']);
    expect(logged).not.toContain('building the index');
    expect(logged).not.toContain('indexing');
  });

  const problems = (bot: Run) =>
    bot
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string })
      .filter((line) => line.level !== 'info');
  const tokenRefused = {
    level: 'error',
    msg: 'Discord closed the connection for good',
    code: 4004,
    reason: 'the token is invalid: reset it in the Developer Portal (Bot → Reset Token) and set DISCORD_TOKEN',
  };

  it('exits 1 with one line saying what to do when Discord refuses the token at start (close 4004)', async () => {
    const refusing = await new FakeDiscord().start();
    refusing.gateway.refuseIdentify(4004);
    try {
      const bot = runInProcess(startBot, { ...env(), DISCORD_API_URL: refusing.apiUrl });
      expect(await bot.code).toBe(1);
      expect(problems(bot)).toEqual([expect.objectContaining(tokenRefused)]);
      expect(bot.stdout()).not.toContain(token);
    } finally {
      await refusing.stop();
    }
  });

  it('exits 1 with that line when Discord closes a running connection for good, as after a token reset', async () => {
    const ready = fake.gateway.next('ready', 30_000);
    const bot = runInProcess(startBot, env());
    await ready;
    fake.gateway.close(4004);
    expect(await bot.code).toBe(1);
    expect(problems(bot)).toEqual([expect.objectContaining(tokenRefused)]);
  });

  it('registers the same commands with deploy-commands (as a separate process, the way npm runs it)', async () => {
    const deploy = spawnEntry(
      'src/bot/deployCommands.ts',
      {
        DISCORD_TOKEN: token,
        DISCORD_CLIENT_ID: ids.application,
        DISCORD_GUILD_ID: ids.guild,
        DISCORD_API_URL: fake.apiUrl,
      },
      emptyCwd,
    );
    expect(await deploy.code).toBe(0);
    const put = await fake.waitForRequest((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${ids.application}/guilds/${ids.guild}/commands`);
    expect(put.authorization).toBe(`Bot ${token}`);
    const registered = put.body as unknown as { name: string; default_member_permissions?: string | null; contexts?: number[] }[];
    // Exactly the commands the bot handles, as loaded from commands/.
    const loaded = [...(await loadCommands()).keys()];
    expect(loaded).toContain('ask');
    expect(registered.map((c) => c.name)).toEqual(loaded);
    // The server managers' commands are limited to members with Manage Server (32), in servers (context 0);
    // every other command is open to everyone, everywhere.
    const managersOnly = new Set(['feedback', 'gaps', 'reindex', 'settings', 'sources', 'stats']);
    expect(registered.map((c) => [c.name, c.default_member_permissions ?? null, c.contexts ?? null])).toEqual(
      loaded.map((name) => (managersOnly.has(name) ? [name, '32', [0]] : [name, null, null])),
    );
  });
});
