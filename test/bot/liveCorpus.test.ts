import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as reindexCommand from '../../commands/reindex.ts';
import { registration } from '../../src/bot/runtime/command.ts';
import { type LiveCorpus, openLiveCorpus } from '../../src/bot/runtime/liveCorpus.ts';
import { Engine } from '../../src/engine.ts';
import { humanUser, ids, permissions } from '../../testbed/discord/fixtures.ts';
import { createTestLog, type RunningBot, startBot, type TestLog } from '../../testbed/discord/harness.ts';
import { callbackOf, editOf, type SentInteraction, sendCommand } from '../../testbed/discord/interactions.ts';

const question = 'who designed the lighthouse at Port Ellery?';
const lighthouse = [
  'Port Ellery opens its new lighthouse',
  'PORT ELLERY, 2 March 2025',
  'The new lighthouse at Port Ellery was designed by the architect Mirela Vondracek and cost 4 million euros.',
  'The harbour council said the light can be seen from 40 kilometres away.',
].join('\n\n');

const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-live-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the shipped corpus in its own folder, and a bot serving it through a LiveCorpus. */
async function startLiveBot(
  name: string,
  watch: boolean,
): Promise<{ corpusDir: string; corpus: LiveCorpus; bot: RunningBot; log: TestLog }> {
  const corpusDir = join(scratch, name);
  cpSync('corpus', corpusDir, { recursive: true });
  const log = createTestLog();
  const corpus = await openLiveCorpus({ corpusDir, cacheDir: join(scratch, 'cache'), watch, logger: log.logger, debounceMs: 50 });
  const bot = await startBot({ engines: corpus, reindex: () => corpus.reindex(), log });
  return { corpusDir, corpus, bot, log };
}

/** Resolves when the log has a line with this message beyond the first `after` lines. */
function logged(log: TestLog, msg: string, after: number, timeout = 15_000): Promise<Record<string, unknown>> {
  return vi.waitFor(
    () => {
      const line = log.logs.slice(after).find((l) => l.msg === msg);
      if (!line) throw new Error(`no "${msg}" log line yet`);
      return line;
    },
    { timeout, interval: 25 },
  );
}

const askText = async (bot: RunningBot, text: string) => {
  const sent = sendCommand(bot.fake, 'ask', [{ name: 'question', type: 3, value: text }]);
  return ((await callbackOf(bot.fake, sent)).data as { content: string }).content;
};

describe('the engine behind an interaction', () => {
  it('is read once per interaction, so a reload swapping it mid-answer cannot mix two indexes', async () => {
    const engine = await Engine.fromFolder('corpus');
    let reads = 0;
    const bot = await startBot({
      engines: {
        get engine() {
          reads++;
          return engine;
        },
      },
    });
    try {
      expect(await askText(bot, "who met Portugal's minister?")).toBe('**Ali Abbasov**');
      expect(reads).toBe(1);
      await callbackOf(bot.fake, sendCommand(bot.fake, 'source', [{ name: 'doc', type: 3, value: '001_84108df0aac265aa' }]));
      expect(reads).toBe(2);
    } finally {
      await bot.stop();
    }
  });
});

describe('a corpus that changes while the bot runs', () => {
  let live: Awaited<ReturnType<typeof startLiveBot>>;
  beforeAll(async () => {
    live = await startLiveBot('watched', true);
  });
  afterAll(async () => {
    live.corpus.close();
    await live.bot.stop();
  });

  it('answers from a file added to the folder once the watcher has reloaded, without a restart', async () => {
    expect(await askText(live.bot, question)).toMatch(/^That's not in the corpus/);
    const before = live.log.logs.length;
    writeFileSync(join(live.corpusDir, '005_lighthouse.txt'), lighthouse);
    const reloaded = await logged(live.log, 'corpus reloaded', before);
    expect(reloaded).toMatchObject({ added: 1, changed: 0, removed: 0, documents: 5 });
    expect(await askText(live.bot, question)).toBe('**Mirela Vondracek**');
    // The line measuring the event loop during that rebuild comes before the reload's own line.
    expect(live.log.logs.slice(before).map((l) => l.msg)).toContain('event loop delay while indexing');
  });
});

describe('/reindex', () => {
  let live: Awaited<ReturnType<typeof startLiveBot>>;
  beforeAll(async () => {
    live = await startLiveBot('reindexed', false);
  });
  afterAll(async () => {
    live.corpus.close();
    await live.bot.stop();
  });

  const reindex = () => sendCommand(live.bot.fake, 'reindex', []);
  /** The deferral must be ephemeral (flag 64); the report is edited into it. */
  async function reportOf(sent: SentInteraction): Promise<string> {
    const deferred = await callbackOf(live.bot.fake, sent);
    expect(deferred).toEqual({ type: 5, data: { flags: 64 } });
    return ((await editOf(live.bot.fake, sent)) as { content: string }).content;
  }

  it('is registered for server managers only, and only in servers', () => {
    const json = registration(reindexCommand);
    // 32 = Manage Server: Discord hides the command from everyone else and refuses it to them.
    expect(json.default_member_permissions).toBe('32');
    expect(json.contexts).toEqual([0]);
  });

  it('refuses a member without Manage Server even when Discord lets the command through, and does not rebuild', async () => {
    const before = live.log.logs.length;
    const sent = sendCommand(live.bot.fake, 'reindex', [], humanUser(ids.otherUser), ids.guild, permissions.member);
    expect(await callbackOf(live.bot.fake, sent)).toEqual({
      type: 4,
      data: {
        content: 'Only members with the Manage Server permission can use /reindex.',
        flags: 64,
        allowed_mentions: { parse: [] },
        tts: false,
        enforce_nonce: false,
      },
    });
    expect(live.log.logs.slice(before).map((l) => l.msg)).not.toContain('building the index');
  });

  it('rebuilds on demand and reports the documents added, with counts and time taken', async () => {
    writeFileSync(join(live.corpusDir, '005_lighthouse.txt'), lighthouse);
    const report = await reportOf(reindex());
    expect(report).toMatch(/^Reindexed in \d+\.\d s: 1 added, 0 changed, 0 removed \(5 documents\)\.\nAdded: `005_lighthouse`$/);
    expect(await askText(live.bot, question)).toBe('**Mirela Vondracek**');
  });

  it('lists changed and removed documents too', async () => {
    writeFileSync(join(live.corpusDir, '005_lighthouse.txt'), lighthouse.replace('Mirela Vondracek', 'Anton Lisowski'));
    rmSync(join(live.corpusDir, '000_f68f3fbda75e491a.txt'));
    const report = await reportOf(reindex());
    expect(report).toMatch(
      /^Reindexed in \d+\.\d s: 0 added, 1 changed, 1 removed \(4 documents\)\.\nChanged: `005_lighthouse`\nRemoved: `000_f68f3fbda75e491a`$/,
    );
    expect(await askText(live.bot, question)).toBe('**Anton Lisowski**');
  });

  it('joins a reindex that is already running instead of starting another', async () => {
    const before = live.log.logs.length;
    const [first, second] = [reindex(), reindex()];
    const reports = await Promise.all([reportOf(first), reportOf(second)]);
    const kinds = reports.map((r) =>
      r.startsWith('A reindex was already running; it finished in ') ? 'joined' : r.startsWith('Reindexed in ') ? 'ran' : r,
    );
    expect(kinds.sort()).toEqual(['joined', 'ran']);
    expect(live.log.logs.slice(before).filter((l) => l.msg === 'building the index')).toHaveLength(1);
  });

  it('answers a failure privately and keeps serving the previous index', async () => {
    const moved = `${live.corpusDir}-away`;
    renameSync(live.corpusDir, moved);
    try {
      const report = await reportOf(reindex());
      expect(report).toMatch(/^Reindex failed; the bot keeps answering from the previous index\. Reason: /);
    } finally {
      renameSync(moved, live.corpusDir);
    }
    expect(await askText(live.bot, question)).toBe('**Anton Lisowski**');
    expect(live.log.logs.map((l) => l.msg)).toContain('reindex failed');
  });
});
