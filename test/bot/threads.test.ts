import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cannotOpenThreadText, threadIntro } from '../../src/bot/runtime/followUpThreads.ts';
import { questionKey } from '../../src/bot/storage/questionKey.ts';
import { openSqliteStore } from '../../src/bot/storage/sqliteStore.ts';
import { Engine } from '../../src/engine.ts';
import { botUser, ids } from '../../testbed/discord/fixtures.ts';
import { type RunningBot, startBot } from '../../testbed/discord/harness.ts';
import { callbackOf, clickButton, sendMessage } from '../../testbed/discord/interactions.ts';
import { FakeDiscord, type MessageObject, type RecordedRequest } from '../../testbed/discord/server.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
});

const AZERTELECOM = '003_31b3e27154ee3997.txt';
const mention = `<@${ids.bot}>`;

interface Embed {
  title: string;
  description: string;
  fields: { value: string }[];
}
interface Button {
  custom_id: string;
  label: string;
}

const referenceOf = (r: RecordedRequest | MessageObject) =>
  ((r as RecordedRequest).body ?? r).message_reference as { message_id?: string } | undefined;

/** The bot's reply to a message, in the channel or thread the message was posted in. */
function replyTo(fake: FakeDiscord, message: MessageObject): Promise<RecordedRequest> {
  return fake.waitForRequest(
    (r) => r.method === 'POST' && r.path === `/channels/${message.channel_id}/messages` && referenceOf(r)?.message_id === message.id,
  );
}

/** The reply as the fake Discord keeps it (with its id), to click its buttons or reply to it. */
function storedReply(fake: FakeDiscord, message: MessageObject): MessageObject {
  return [...fake.messages.values()].find((m) => referenceOf(m)?.message_id === message.id)!;
}

const embedOf = (reply: RecordedRequest) => (reply.body.embeds as Embed[])[0]!;
const buttonsOf = (reply: RecordedRequest) =>
  ((reply.body.components as { components: Button[] }[] | undefined) ?? []).flatMap((row) => row.components.map((b) => b.label));

/** Asks a question with a mention and returns the stored answer, after checking it offers a follow-up. */
async function askInChannel(fake: FakeDiscord, question: string, buttons = ['More sources', 'Ask a follow-up']): Promise<MessageObject> {
  const asked = sendMessage(fake, `${mention} ${question}`, { mentions: [botUser] });
  const reply = await replyTo(fake, asked);
  expect(buttonsOf(reply)).toEqual(buttons);
  return storedReply(fake, asked);
}

/** Clicks "Ask a follow-up" on an answer and returns the thread's id once the bot has written its first message there. */
async function openThread(fake: FakeDiscord, answer: MessageObject, messageContent = false): Promise<string> {
  const click = clickButton(fake, answer, 'ask:thread');
  const created = await fake.waitForRequest(
    (r) => r.method === 'POST' && r.path === `/channels/${ids.channel}/messages/${answer.id}/threads`,
  );
  expect(created.body).toMatchObject({ name: embedOfStored(answer).title, auto_archive_duration: 1440 });
  const intro = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${answer.id}/messages`);
  expect(intro.body.content).toBe(threadIntro(messageContent));
  expect(await callbackOf(fake, click)).toMatchObject({ data: { content: `Ask your follow-up in <#${answer.id}>.`, flags: 64 } });
  return answer.id;
}

const embedOfStored = (message: MessageObject) => (message.embeds as Embed[])[0]!;

describe('follow-up questions in threads', () => {
  let fake: FakeDiscord;
  let running: RunningBot;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    running = await startBot({ engine, fake });
  });
  afterAll(async () => {
    await running.stop();
    await fake.stop();
  });

  it('opens a thread from "Ask a follow-up", reads follow-ups there in the conversation, across a restart, and an unrelated question as new', async () => {
    const answer = await askInChannel(fake, 'Who is the chairman of AzerTelecom?');
    // The short answer is bold only when its confidence clears the bar; the quote is always there.
    expect((answer.embeds as Embed[])[0]!.description).toMatch(/^> (\*\*)?Fuad Allahverdiyev\W*, \*Chairman\* of the/);
    const thread = await openThread(fake, answer);

    const first = sendMessage(fake, `${mention} What did he speak about?`, { mentions: [botUser], channel: thread });
    const followUp = await replyTo(fake, first);
    expect(followUp.body.content).toContain('-# taking *he* as Fuad Allahverdiyev');
    expect(embedOf(followUp).title).toBe('What did Fuad Allahverdiyev speak about?');
    expect(embedOf(followUp).description).toContain('Trans-Caspian Fiber Optic Cable');
    expect(embedOf(followUp).fields[0]!.value).toContain(AZERTELECOM);
    // In the thread, the next question is the follow-up: no button to open another.
    expect(buttonsOf(followUp)).toEqual(['More sources']);

    // A new process remembers nothing: it reads the thread back from Discord.
    await running.stop();
    running = await startBot({ engine, fake });
    const known = running.bot.client.channels.cache.get(thread);
    expect(known?.isThread() && known.joined).toBe(true);
    const second = sendMessage(fake, `${mention} What did he add about the cable line?`, { mentions: [botUser], channel: thread });
    const afterRestart = await replyTo(fake, second);
    expect(afterRestart.body.content).toContain('-# taking *he* as Fuad Allahverdiyev');
    expect(embedOf(afterRestart).description).toContain('will meet the needs of Central Asia');
    expect(embedOf(afterRestart).fields[0]!.value).toContain(AZERTELECOM);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === `/channels/${thread}/messages`)).toBe(true);

    const unrelated = sendMessage(fake, `${mention} Who met Portugal's minister?`, { mentions: [botUser], channel: thread });
    const fresh = await replyTo(fake, unrelated);
    expect(fresh.body.content).toBe('**Ali Abbasov**');
    expect(embedOf(fresh).title).toBe("Who met Portugal's minister?");
  });

  it('needs a mention or a reply in its thread without the Message Content intent', async () => {
    const thread = await openThread(fake, await askInChannel(fake, 'Which company connects Azerbaijan with the global Internet network?'));
    const unaddressed = sendMessage(fake, 'What program is it implementing?', { channel: thread });
    const addressed = sendMessage(fake, `${mention} What program is it implementing?`, { mentions: [botUser], channel: thread });
    const reply = await replyTo(fake, addressed);
    expect(reply.body.content).toContain('-# taking *it* as AzerTelecom');
    expect(fake.requests.some((r) => referenceOf(r)?.message_id === unaddressed.id)).toBe(false);
  });

  it('reads a reply to its answer in that answer’s conversation, and a longer chain after a restart', async () => {
    const answer = await askInChannel(fake, 'Who is the chairman of AzerTelecom?');
    const reply = sendMessage(fake, 'What did he speak about?', { replyTo: answer });
    const followUp = await replyTo(fake, reply);
    expect(followUp.body.content).toContain('-# taking *he* as Fuad Allahverdiyev');

    await running.stop();
    running = await startBot({ engine, fake });
    const next = sendMessage(fake, 'What will the cable contribute to?', { replyTo: storedReply(fake, reply) });
    const chained = await replyTo(fake, next);
    expect(chained.body.content).toContain('-# taking *the cable* as the Trans-Caspian Fiber Optic Cable');
  });

  it('points to the thread an answer already has, and says so when it may not open threads', async () => {
    const answer = await askInChannel(fake, 'What is AzerTelecom?');
    await openThread(fake, answer);
    const again = clickButton(fake, fake.messages.get(answer.id)!, 'ask:thread');
    expect(await callbackOf(fake, again)).toMatchObject({ data: { content: `Ask your follow-up in <#${answer.id}>.`, flags: 64 } });

    const denied = await askInChannel(fake, 'Who is Paulo Portas?');
    fake.fail((r) => r.path === `/channels/${ids.channel}/messages/${denied.id}/threads`, 403, 1, {}, 50013);
    const click = clickButton(fake, denied, 'ask:thread');
    expect(await callbackOf(fake, click)).toMatchObject({ data: { content: cannotOpenThreadText, flags: 64 } });
  });
});

describe('a follow-up in a server that keeps a memory', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-threads-'));
  const store = openSqliteStore(join(scratch, 'data'), { retentionDays: 90 }).store;
  let running: RunningBot;
  beforeAll(async () => {
    running = await startBot({ engine, store });
  });
  afterAll(async () => {
    await running.stop();
    store.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('logs and rates a follow-up as the question it was read as', async () => {
    const { fake } = running;
    const answer = await askInChannel(fake, 'Who is the chairman of AzerTelecom?', ['More sources', '👍', '👎', 'Ask a follow-up']);
    const reply = sendMessage(fake, 'What did he speak about?', { replyTo: answer });
    const followUp = await replyTo(fake, reply);
    const vote = (followUp.body.components as { components: Button[] }[])[0]!.components.find((b) => b.label === '👍')!;
    const logged = (await store.questions.answer(Number(vote.custom_id.split(':')[3])))!;
    expect(logged.key).toBe(questionKey('What did Fuad Allahverdiyev speak about?'));
  });
});

describe('threads a server asks for, and the Message Content intent', () => {
  let running: RunningBot;
  beforeAll(async () => {
    running = await startBot({ engine, openThreads: true, messageContent: true });
  });
  afterAll(() => running.stop());

  it('opens a thread under its answer to a mention question, and takes every message there as a question', async () => {
    const { fake } = running;
    const asked = sendMessage(fake, `${mention} Who met Portugal's minister?`, { mentions: [botUser] });
    await replyTo(fake, asked);
    const answer = storedReply(fake, asked);
    const created = await fake.waitForRequest((r) => r.path === `/channels/${ids.channel}/messages/${answer.id}/threads`);
    expect(created.body.name).toBe("Who met Portugal's minister?");
    const intro = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${answer.id}/messages`);
    expect(intro.body.content).toBe(threadIntro(true));

    const unaddressed = sendMessage(fake, 'What did he inform the guest about?', { channel: answer.id });
    const reply = await replyTo(fake, unaddressed);
    expect(reply.body.content).toContain('-# taking *he* as Ali Abbasov');
    // Chat that is no question passes without a notice.
    const chat = sendMessage(fake, '👍', { channel: answer.id });
    const marker = sendMessage(fake, 'Who is Paulo Portas?', { channel: answer.id });
    await replyTo(fake, marker);
    expect(fake.requests.some((r) => referenceOf(r)?.message_id === chat.id)).toBe(false);
  });
});
