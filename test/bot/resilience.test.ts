import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaEngine } from '../../src/bot/runtime/deps.ts';
import { failureText } from '../../src/bot/runtime/dispatcher.ts';
import { Engine } from '../../src/engine.ts';
import { type RunningBot, startBot, testToken } from '../../testbed/discord/harness.ts';
import { callbackOf, sendCommand } from '../../testbed/discord/interactions.ts';

const question = "who met Portugal's minister?";
const askOption = (value: string) => [{ name: 'question', type: 3, value }];

let running: RunningBot;
beforeAll(async () => {
  const engine = await Engine.fromFolder('corpus');
  // The real engine, except that one question makes it throw as a bug would.
  const flaky: QaEngine = {
    get documents() {
      return engine.documents;
    },
    get entities() {
      return engine.entities;
    },
    document: (id) => engine.document(id),
    fetchDocument: (id) => engine.fetchDocument(id),
    findTitles: (typed, limit) => engine.findTitles(typed, limit),
    lookUpDocument: (wanted) => engine.lookUpDocument(wanted),
    interpret: (q, options) => engine.interpret(q, options),
    ask: async (q, options) => {
      if (q === 'crash please') throw new TypeError('Cannot read properties of undefined (reading "passages")');
      return engine.ask(q, options);
    },
  };
  running = await startBot({ engine: flaky });
});
afterAll(() => running.stop());

const contentOf = async (sent: { id: string; token: string }) =>
  ((await callbackOf(running.fake, sent)).data as { content: string }).content;

describe('resilience', () => {
  it('resumes after the gateway closes with 4000 and keeps answering', async () => {
    const resumed = running.fake.gateway.next('resumed');
    running.fake.gateway.close(4000);
    await resumed;
    expect(running.fake.gateway.resumes).toEqual([testToken]);
    expect(running.fake.gateway.identifies).toHaveLength(1);
    expect(await contentOf(sendCommand(running.fake, 'ask', askOption(question)))).toBe('**Ali Abbasov**');
  });

  it('logs a reply that Discord keeps failing with 500, and answers the next question', async () => {
    const failing = sendCommand(running.fake, 'ask', askOption(question));
    running.fake.fail((r) => r.path === `/interactions/${failing.id}/${failing.token}/callback`, 500, 100);
    await running.fake.waitForRequest((r) => r.path === `/interactions/${failing.id}/${failing.token}/callback`);
    await expect.poll(() => running.logs.find((l) => l.msg === 'could not tell the user about a failure'), { timeout: 5_000 }).toBeTruthy();
    const logged = running.logs.find((l) => l.msg === 'interaction failed') as {
      interaction: string;
      kind: string;
      error: { status: number };
    };
    expect(logged).toMatchObject({ interaction: failing.id, kind: 'ask', error: { status: 500 } });
    expect(await contentOf(sendCommand(running.fake, 'ask', askOption(question)))).toBe('**Ali Abbasov**');
  });

  it('tells the user something went wrong when a handler throws, and logs it', async () => {
    const sent = sendCommand(running.fake, 'ask', askOption('crash please'));
    const callback = await callbackOf(running.fake, sent);
    expect(callback.data).toMatchObject({ content: failureText, flags: 64 });
    expect(running.logs.find((l) => l.interaction === sent.id)).toMatchObject({
      level: 'error',
      msg: 'interaction failed',
      error: { name: 'TypeError', message: 'Cannot read properties of undefined (reading "passages")' },
    });
  });

  it('never writes the token or an interaction token to the log', () => {
    expect(running.rawLogs.length).toBeGreaterThan(0);
    for (const line of running.rawLogs) {
      expect(line).not.toContain(testToken);
      expect(line).not.toContain('interaction-token-');
    }
  });
});
