import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import { startBot } from '../discord/harness.ts';
import { sendCommand } from '../discord/interactions.ts';

describe('shutdown', () => {
  it('lets a reply in flight finish before closing the connection, and takes no new work', async () => {
    const running = await startBot({ engine: await Engine.fromFolder('corpus') });
    const sent = sendCommand(running.fake, 'ask', [{ name: 'question', type: 3, value: "who met Portugal's minister?" }]);
    const callbackPath = `/interactions/${sent.id}/${sent.token}/callback`;
    running.fake.delay((r) => r.path === callbackPath, 300);
    await running.fake.waitForRequest((r) => r.path === callbackPath);

    const stopping = Date.now();
    await running.bot.stop();
    // The reply was held 300 ms by Discord; stop() waited for it rather than cutting it off.
    expect(Date.now() - stopping).toBeGreaterThanOrEqual(250);
    expect(running.logs.map((l) => l.msg)).toEqual(['ready', 'stopped']);
    expect(running.bot.client.isReady()).toBe(false);

    // After stop, Discord may still deliver events; the bot must not start answering them.
    const late = sendCommand(running.fake, 'ask', [{ name: 'question', type: 3, value: "who met Portugal's minister?" }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running.fake.requests.some((r) => r.path.includes(late.token))).toBe(false);
    await running.fake.stop();
  });
});
