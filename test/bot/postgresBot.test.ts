import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../src/bot/storage/postgres/postgresStore.ts';
import { Engine } from '../../src/engine.ts';
import { humanUser, ids, permissions } from '../../testbed/discord/fixtures.ts';
import { type RunningBot, startBot } from '../../testbed/discord/harness.ts';
import { type CommandOption, callbackOf, clickButton, sendCommand } from '../../testbed/discord/interactions.ts';
import type { FakeDiscord } from '../../testbed/discord/server.ts';
import { freshDatabase, noPostgres, postgresUrl } from '../postgres/database.ts';

type Reply = {
  content?: string;
  flags?: number;
  embeds?: { description?: string }[];
  components?: { components: { custom_id: string; label: string }[] }[];
};

const question = "who met Portugal's minister?";

async function ask(fake: FakeDiscord): Promise<{ reply: Reply; token: string }> {
  const sent = sendCommand(fake, 'ask', [{ name: 'question', type: 3, value: question }], humanUser());
  return { reply: (await callbackOf(fake, sent)).data as Reply, token: sent.token };
}

async function settings(fake: FakeDiscord, sub: string, options: CommandOption[]): Promise<Reply> {
  const sent = sendCommand(fake, 'settings', [{ name: sub, type: 1, options }], humanUser(), ids.guild);
  return (await callbackOf(fake, sent)).data as Reply;
}

/** Two bots, as on two machines: each its own Discord connection and its own pool, one database. */
describe.skipIf(!postgresUrl)(`two bots sharing one PostgreSQL database ${noPostgres}`, () => {
  const stores: PostgresStore[] = [];
  const bots: RunningBot[] = [];
  beforeAll(async () => {
    const url = await freshDatabase();
    const engine = await Engine.fromFolder('corpus');
    for (let i = 0; i < 2; i++) {
      const { store } = await openPostgresStore(url, { retentionDays: 90 });
      stores.push(store);
      bots.push(await startBot({ engine, store }));
    }
  });
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    for (const store of stores) await store.close();
  });

  it('answers with the settings a manager saved through the other bot', async () => {
    const [first, second] = bots as [RunningBot, RunningBot];
    expect((await ask(second.fake)).reply.content).toBe('**Ali Abbasov**');
    expect((await settings(first.fake, 'bold-answer', [{ name: 'bold', type: 5, value: false }])).content).toBe(
      'Saved: short answers are shown plain.',
    );
    expect((await ask(second.fake)).reply.content).toBe('Ali Abbasov');
    await settings(second.fake, 'bold-answer', [{ name: 'bold', type: 5, value: true }]);
    expect((await ask(first.fake)).reply.content).toBe('**Ali Abbasov**');
  });

  it('demotes a source for both bots after two members’ 👎 cast through one', async () => {
    const [first, second] = bots as [RunningBot, RunningBot];
    const before = await ask(second.fake);
    const answer = first.fake.original((await ask(first.fake)).token)!;
    const down = (answer as unknown as Reply).components![0]!.components.find((b) => b.label === '👎')!.custom_id;
    for (const member of ['410000000000000201', '410000000000000202']) {
      const click = clickButton(first.fake, answer, down, humanUser(member), permissions.member);
      expect(((await callbackOf(first.fake, click)).data as Reply).content).toMatch(/^Your 👎 is recorded/);
    }
    const after = await ask(second.fake);
    expect(after.reply.embeds?.[0]?.description).not.toBe(before.reply.embeds?.[0]?.description);
    expect(after.reply.content).not.toBe('**Ali Abbasov**');
  });
});
