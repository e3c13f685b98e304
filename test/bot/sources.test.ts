import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatSources } from '../../src/bot/replies/formatSources.ts';
import { type LiveCorpus, openLiveCorpus } from '../../src/bot/runtime/liveCorpus.ts';
import { createSourceSync, type SourceSync, syncThenReindex } from '../../src/bot/runtime/sourceSync.ts';
import { parseSources } from '../../src/sync/sources.ts';
import { humanUser, ids, permissions } from '../../testbed/discord/fixtures.ts';
import { createTestLog, type RunningBot, startBot, type TestLog } from '../../testbed/discord/harness.ts';
import { callbackOf, editOf, sendCommand } from '../../testbed/discord/interactions.ts';
import { DocsSite, htmlPage } from '../../testbed/docsSite.ts';

const site = new DocsSite();
const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-sources-bot-'));
let corpus: LiveCorpus;
let sync: SourceSync;
let bot: RunningBot;
let log: TestLog;

beforeAll(async () => {
  await site.start();
  site.page('/robots.txt', '', 'text/plain');
  site.page('/', htmlPage('Ferry docs', 'How to use the ferry bot.', ['/tickets']));
  site.page('/tickets', htmlPage('Tickets', 'A day ticket for the island ferry costs nine euros.'));
  const corpusDir = join(scratch, 'corpus');
  cpSync('corpus', corpusDir, { recursive: true });
  log = createTestLog();
  corpus = await openLiveCorpus({ corpusDir, cacheDir: join(scratch, 'cache'), watch: true, logger: log.logger, debounceMs: 50 });
  sync = createSourceSync({
    sources: parseSources(`sources:\n  - name: ferry\n    site: ${site.origin}/\n    rate: 20\n`, 'sources.yaml'),
    corpusDir,
    workDir: join(scratch, 'cache/sources'),
    gitEnv: process.env,
    logger: log.logger,
    afterSync: () => corpus.refresh(),
    firstSyncAfterMs: 0,
  });
  bot = await startBot({
    engines: corpus,
    reindex: syncThenReindex(sync, corpus),
    sources: sync,
    log,
  });
});

afterAll(async () => {
  sync.close();
  corpus.close();
  await bot.stop();
  await site.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const contentOf = async (sent: ReturnType<typeof sendCommand>, deferred: boolean) => {
  const data = deferred ? await editOf(bot.fake, sent) : (await callbackOf(bot.fake, sent)).data;
  return (data as { content: string }).content;
};
/** The whole /ask reply as JSON: the citation's link is in the embed. */
const askReply = async (text: string) =>
  JSON.stringify((await callbackOf(bot.fake, sendCommand(bot.fake, 'ask', [{ name: 'question', type: 3, value: text }]))).data);

describe('/sources and /reindex with declared sources', () => {
  it('lists a source never synced, only to server managers', async () => {
    expect(await contentOf(sendCommand(bot.fake, 'sources', []), false)).toBe(`**ferry** (site) <${site.origin}/>\nNever synced · 0 pages`);
    const refused = sendCommand(bot.fake, 'sources', [], humanUser(ids.otherUser), ids.guild, permissions.member);
    expect(await contentOf(refused, false)).toBe('Only members with the Manage Server permission can use /sources.');
  });

  it('/reindex syncs first, then reindexes, and the answer cites the live page', async () => {
    const reply = await contentOf(sendCommand(bot.fake, 'reindex', []), true);
    const lines = reply.split('\n');
    expect(lines[0]).toMatch(/^Synced ferry: 2 added, 0 changed, 0 unchanged, 0 removed, 0 failed \(/);
    expect(lines[1]).toMatch(/^Reindexed in \d+\.\d s: 2 added, 0 changed, 0 removed \(6 documents\)\.$/);
    expect(lines[2]).toBe('Added: `ferry/index`, `ferry/tickets`');
    const answer = corpus.engine.answer('How much is a day ticket for the island ferry?');
    expect(answer.quote).toBe('A day ticket for the island ferry costs nine euros.');
    expect(answer.source?.url).toBe(`${site.origin}/tickets`);
    expect(await askReply('How much is a day ticket for the island ferry?')).toContain(`](<${site.origin}/tickets>)`);
    expect(await contentOf(sendCommand(bot.fake, 'sources', []), false)).toMatch(
      new RegExp(`^\\*\\*ferry\\*\\* \\(site\\) <${site.origin}/>\\nLast synced <t:\\d+:R> · 2 pages · 2 added, 0 changed, 0 removed$`),
    );
  });

  it('on its schedule, syncs a changed page and serves the new text through the live reload', async () => {
    site.page('/tickets', htmlPage('Tickets', 'A day ticket for the island ferry now costs eleven euros.'));
    const before = log.logs.length;
    // Due at once: the last sync is older than the period.
    const stop = sync.schedule(200);
    await vi.waitFor(
      () => {
        const messages = log.logs.slice(before).map((line) => line.msg);
        if (!messages.includes('source synced') || !messages.slice(messages.indexOf('source synced')).includes('corpus reloaded')) {
          throw new Error('not yet synced and reloaded');
        }
      },
      { timeout: 20_000, interval: 50 },
    );
    stop();
    expect(log.logs.slice(before).find((line) => line.msg === 'source synced')).toMatchObject({
      source: 'ferry',
      changed: 1,
      unchanged: 1,
    });
    expect(corpus.engine.answer('How much is a day ticket for the island ferry?').quote).toBe(
      'A day ticket for the island ferry now costs eleven euros.',
    );
  });

  it('shows the last error when the site cannot be reached, and keeps the synced pages', async () => {
    site.routes.set('/robots.txt', { status: 503 });
    const reply = await contentOf(sendCommand(bot.fake, 'reindex', []), true);
    expect(reply.split('\n')[0]).toBe(
      `Synced ferry: not synced: cannot read ${site.origin}/robots.txt (the server answered 503); the site is not crawled until it can be`,
    );
    const lines = (await contentOf(sendCommand(bot.fake, 'sources', []), false)).split('\n');
    expect(lines[1]).toMatch(/^Last synced <t:\d+:R> · 2 pages · 0 added, 1 changed, 0 removed$/);
    expect(lines[2]).toBe(
      `Last error: cannot read ${site.origin}/robots.txt \\(the server answered 503\\); the site is not crawled until it can be`,
    );
    expect(corpus.engine.documents.filter((document) => document.path.startsWith('ferry/'))).toHaveLength(2);
  });
});

describe('the /sources reply', () => {
  it('shows a Git source with its path and ref, and escapes what could be markdown', () => {
    const payload = formatSources([
      {
        name: 'hand_book',
        kind: 'git',
        location: 'https://github.com/o/r docs/ @ main',
        lastSync: new Date('2026-01-02T03:04:05Z'),
        pages: 1,
        lastError: null,
        lastCounts: { added: 1, changed: 0, unchanged: 0, removed: 0, failed: 0 },
      },
    ]);
    expect(payload).toEqual({
      content:
        '**hand\\_book** (git) https://github.com/o/r docs/ @ main\nLast synced <t:1767323045:R> · 1 page · 1 added, 0 changed, 0 removed',
      allowedMentions: { parse: [] },
    });
    expect(formatSources([]).content).toBe('No sources are declared: add websites or Git repositories to the sources file.');
  });
});
