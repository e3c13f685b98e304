import { Events, type Interaction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import { startBot } from '../../testbed/discord/harness.ts';
import { sendCommand } from '../../testbed/discord/interactions.ts';

const question = [{ name: 'question', type: 3, value: "who met Portugal's minister?" }];

describe('shutdown', () => {
  it('lets a reply in flight finish before closing the connection, and answers nothing that arrives meanwhile', async () => {
    const running = await startBot({ engine: await Engine.fromFolder('corpus') });
    const sent = sendCommand(running.fake, 'ask', question);
    const callbackPath = `/interactions/${sent.id}/${sent.token}/callback`;
    const slowDiscord = running.fake.hold((r) => r.path === callbackPath);
    await running.fake.waitForRequest((r) => r.path === callbackPath);

    let isStopped = false;
    const stopped = running.bot.stop().then(() => {
      isStopped = true;
    });
    // While the first reply drains, Discord delivers another command over the still-open connection.
    const late = sendCommand(running.fake, 'ask', question);
    await new Promise<Interaction>((resolve) =>
      running.bot.client.on(Events.InteractionCreate, (interaction) => interaction.id === late.id && resolve(interaction)),
    );
    // Discord still holds the reply: stop() waits for it rather than cutting it off.
    expect(isStopped).toBe(false);
    expect(running.logs.map((l) => l.msg)).toEqual(['ready']);
    slowDiscord.release();
    await stopped;
    expect(running.logs.map((l) => l.msg)).toEqual(['ready', 'stopped']);
    expect(running.bot.client.isReady()).toBe(false);
    // The command that arrived during the drain reached the client but was never answered.
    expect(running.fake.requests.filter((r) => r.path.includes(late.token))).toEqual([]);
    await running.fake.stop();
  });
});
