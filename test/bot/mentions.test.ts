import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import { botUser, humanUser, ids } from '../../testbed/discord/fixtures.ts';
import { type RunningBot, startBot } from '../../testbed/discord/harness.ts';
import { sendMessage } from '../../testbed/discord/interactions.ts';
import type { RecordedRequest } from '../../testbed/discord/server.ts';

let running: RunningBot;
beforeAll(async () => {
  running = await startBot({ engine: await Engine.fromFolder('corpus') });
});
afterAll(() => running.stop());

/** The bot's reply to a given message in the channel. */
function replyTo(messageId: string): Promise<RecordedRequest> {
  return running.fake.waitForRequest(
    (r) =>
      r.method === 'POST' &&
      r.path === `/channels/${ids.channel}/messages` &&
      (r.body.message_reference as { message_id?: string } | undefined)?.message_id === messageId,
  );
}

describe('mention questions', () => {
  it('answers a message that mentions the bot, as a reply in the channel', async () => {
    const message = sendMessage(running.fake, `<@${ids.bot}> who met Portugal's minister?`, { mentions: [botUser] });
    const reply = await replyTo(message.id);
    expect(reply.body.content).toBe('**Ali Abbasov**');
    expect((reply.body.embeds as { title: string }[])[0]?.title).toBe("who met Portugal's minister?");
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a reply to one of its answers, even without a mention', async () => {
    const first = sendMessage(running.fake, `<@!${ids.bot}> who met Portugal's minister?`, { mentions: [botUser] });
    await replyTo(first.id);
    const answer = [...running.fake.messages.values()].find(
      (m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === first.id,
    )!;
    const followUp = sendMessage(running.fake, "who met Portugal's minister?", { replyTo: answer });
    expect((await replyTo(followUp.id)).body.content).toBe('**Ali Abbasov**');
  });

  it('pings no one even when the question mentions @everyone and other users', async () => {
    const other = humanUser(ids.otherUser);
    const message = sendMessage(running.fake, `<@${ids.bot}> @everyone <@${ids.otherUser}> who met Portugal's minister?`, {
      mentions: [botUser, other],
    });
    const reply = await replyTo(message.id);
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
    // The pings are not part of the question either.
    expect(reply.body.content).toBe('**Ali Abbasov**');
    expect((reply.body.embeds as { title: string }[])[0]?.title).toBe("who met Portugal's minister?");
  });

  it('tells a user who only mentions the bot how to ask', async () => {
    const message = sendMessage(running.fake, `<@${ids.bot}>`, { mentions: [botUser] });
    expect((await replyTo(message.id)).body.content).toBe(
      "Ask me a question about the corpus, for example: `/ask question: Who met Portugal's minister?`",
    );
  });

  it('ignores messages that neither mention it nor reply to it', async () => {
    const ignored = sendMessage(running.fake, "who met Portugal's minister?");
    const marker = sendMessage(running.fake, `<@${ids.bot}> who met Portugal's minister?`, { mentions: [botUser] });
    await replyTo(marker.id);
    expect(
      running.fake.requests.some((r) => (r.body.message_reference as { message_id?: string } | undefined)?.message_id === ignored.id),
    ).toBe(false);
  });
});

describe('a member flooding the bot with mentions', () => {
  let flooded: RunningBot;
  beforeAll(async () => {
    flooded = await startBot({ engine: await Engine.fromFolder('corpus'), rateLimit: { limit: 1, windowMs: 60_000 } });
  });
  afterAll(() => flooded.stop());

  it('gets one answer and one public "asking quickly" notice per window, and silence for the rest', async () => {
    const { fake } = flooded;
    const flooder = humanUser('430000000000000001');
    const sent = Array.from({ length: 40 }, () =>
      sendMessage(fake, `<@${ids.bot}> who met Portugal's minister?`, { mentions: [botUser], author: flooder }),
    );
    // Another member is answered meanwhile; by then every mention of the flood has been read.
    const marker = sendMessage(fake, `<@${ids.bot}> who met Portugal's minister?`, {
      mentions: [botUser],
      author: humanUser(ids.otherUser),
    });
    await fake.waitForRequest((r) => (r.body.message_reference as { message_id?: string } | undefined)?.message_id === marker.id);
    const floodIds = new Set(sent.map((m) => m.id));
    const replies = fake.requests.filter(
      (r) => r.method === 'POST' && floodIds.has((r.body.message_reference as { message_id?: string } | undefined)?.message_id ?? ''),
    );
    // The answer takes longer than the notice to send: compare regardless of order.
    expect(replies.map((r) => r.body.content).sort()).toEqual(['**Ali Abbasov**', "You're asking quickly — try again in 60 s."]);
  });
});
