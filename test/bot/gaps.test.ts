import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapsCsv } from '../../src/bot/replies/formatGaps.ts';
import { questionKey } from '../../src/bot/storage/questionKey.ts';
import { openSqliteStore, type SqliteStore } from '../../src/bot/storage/sqliteStore.ts';
import { Engine } from '../../src/engine.ts';
import { humanUser, ids, permissions } from '../../testbed/discord/fixtures.ts';
import { type RunningBot, startBot } from '../../testbed/discord/harness.ts';
import { callbackOf, clickButton, sendCommand } from '../../testbed/discord/interactions.ts';
import type { MessageObject } from '../../testbed/discord/server.ts';

type Reply = {
  content?: string;
  flags?: number;
  embeds?: { title: string; description: string; footer: { text: string } }[];
  attachments?: unknown[];
  components?: { components: { custom_id: string }[] }[];
};

const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-gaps-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let store: SqliteStore;
let running: RunningBot;
beforeAll(async () => {
  store = openSqliteStore(join(scratch, 'data'), { retentionDays: 90 }).store;
  running = await startBot({ engine: await Engine.fromFolder('corpus'), store });
});
afterAll(async () => {
  await running.stop();
  store.close();
});

async function ask(question: string, guild: string = ids.guild): Promise<{ token: string; data: Reply }> {
  const sent = sendCommand(running.fake, 'ask', [{ name: 'question', type: 3, value: question }], humanUser(), guild);
  return { token: sent.token, data: (await callbackOf(running.fake, sent)).data as Reply };
}

/** /gaps as the server's owner; the private reply and its CSV attachment. */
async function gaps(days?: number, memberPermissions?: string) {
  const options = days === undefined ? [] : [{ name: 'days', type: 4, value: days }];
  const sent = sendCommand(running.fake, 'gaps', options, humanUser(), ids.guild, memberPermissions);
  const request = await running.fake.waitForRequest((r) => r.path === `/interactions/${sent.id}/${sent.token}/callback`);
  const data = (request.body as { data: Reply }).data;
  return { data, csv: request.files[0] };
}

describe('/gaps', () => {
  beforeAll(async () => {
    const nitrogen = [
      'What is the boiling point of liquid nitrogen?',
      'what is the boiling point of liquid nitrogen',
      'WHAT IS THE BOILING POINT OF LIQUID NITROGEN??',
    ];
    for (const question of nitrogen)
      expect((await ask(question)).data.content?.split('\n')[0]).toBe("That's not in the corpus: no passage answers this question.");
    await ask('How much did the Caspian cable cost?');
    // Answered twice, and one answer rated 👎.
    await ask("who met Portugal's minister?");
    const rated = await ask("Who met Portugal's minister?");
    const down = rated.data.components![0]!.components.find((b) => b.custom_id.startsWith('ask:vote:down:'))!.custom_id;
    const click = clickButton(
      running.fake,
      running.fake.original(rated.token) as MessageObject,
      down,
      humanUser(ids.otherUser),
      permissions.member,
    );
    await callbackOf(running.fake, click);
    // Answered and not rated: not a gap. Asked in another server: not this server's gap.
    await ask('Who is the chairman of AzerTelecom?');
    await ask('What is the boiling point of liquid nitrogen?', ids.secondGuild);
    // A question asked 40 days ago (logged directly, as the bot would have then).
    store.questions.record(
      {
        guild: ids.guild,
        channel: ids.channel,
        userHash: store.hashUser(ids.user),
        question: 'When was the Eiffel Tower built?',
        key: questionKey('When was the Eiffel Tower built?'),
        answered: false,
        source: null,
        confidence: 0,
        nearest: [],
      },
      store.now() - 40 * 86_400_000,
    );
  });

  it('lists what the bot could not answer or got 👎 for, most often first, with the nearest sources, privately', async () => {
    const { data } = await gaps();
    expect(data.flags).toBe(64);
    const embed = data.embeds![0]!;
    expect(embed.title).toBe('Questions the bot could not answer well, the last 30 days');
    expect(embed.description.split('\n').filter((line) => /^\d+\. /.test(line))).toEqual([
      '1. "WHAT IS THE BOILING POINT OF LIQUID NITROGEN??" — asked 3×, not in the corpus 3×',
      '2. "Who met Portugal\'s minister?" — asked 2×, 👎 by 1',
      '3. "How much did the Caspian cable cost?" — asked 1×, not in the corpus 1×',
    ]);
    expect(embed.description).toContain('   nearest: The digital submarine infrastructure project through the bottom of the Caspian Sea');
  });

  it('attaches every gap as CSV, with a row per question', async () => {
    const { data, csv } = await gaps();
    expect(csv?.name).toBe('gaps-30d.csv');
    expect(data.attachments).toHaveLength(1);
    const lines = csv!.text.split('\r\n');
    expect(lines[0]).toBe('question,asked,not_in_corpus,downvoted_by,last_asked,nearest_sources,downvote_reasons');
    expect(lines.slice(1, 4).map((line) => line.replace(/,\d{4}-\d\d-\d\dT[\d:.]+Z,/, ',<time>,'))).toEqual([
      expect.stringMatching(/^WHAT IS THE BOILING POINT OF LIQUID NITROGEN\?\?,3,3,0,<time>,/),
      expect.stringMatching(/^Who met Portugal's minister\?,2,0,1,<time>,Azerbaijani ICT companies/),
      expect.stringMatching(/^How much did the Caspian cable cost\?,1,1,0,<time>,"?The digital submarine/),
    ]);
    expect(lines.at(-1)).toBe('');
  });

  it('looks further back when asked, as far as questions are kept', async () => {
    const { data } = await gaps(60);
    expect(data.embeds![0]!.description).toContain('"When was the Eiffel Tower built?" — asked 1×, not in the corpus 1×');
    expect(data.embeds![0]!.footer.text).toBe('Asked in this server; members are not named.');
    const { data: beyond } = await gaps(365);
    expect(beyond.embeds![0]!.footer.text).toBe(
      'Asked in this server; members are not named. Questions are kept 90 days, so that is as far back as this goes.',
    );
  });

  it('is refused to members without Manage Server', async () => {
    const { data } = await gaps(undefined, permissions.member);
    expect(data.content).toBe('Only members with the Manage Server permission can use /gaps.');
  });
});

describe('gapsCsv', () => {
  it('quotes commas, quotes and line breaks, and keeps a spreadsheet from reading a question as a formula', () => {
    const gap = { asked: 1, abstained: 1, downvotedBy: 0, lastAsked: Date.parse('2026-03-01T00:00:00Z'), nearest: [] };
    expect(
      gapsCsv([
        { ...gap, question: '=HYPERLINK("http://x", "click")' },
        { ...gap, question: 'who, or "what"?\nnow' },
      ]),
    ).toBe(
      [
        'question,asked,not_in_corpus,downvoted_by,last_asked,nearest_sources,downvote_reasons',
        `"'=HYPERLINK(""http://x"", ""click"")",1,1,0,2026-03-01T00:00:00.000Z,,`,
        '"who, or ""what""?\nnow",1,1,0,2026-03-01T00:00:00.000Z,,',
        '',
      ].join('\r\n'),
    );
  });
});
