import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import { type RunningBot, startBot } from '../../testbed/discord/harness.ts';
import { callbackOf, sendCommand } from '../../testbed/discord/interactions.ts';

// Corpus text is untrusted: markdown, mass mentions, role and channel mentions must show literally.
const memo =
  'Staff memo\n\nThe **budget** was approved by Maria Lopez_Garcia at the `council` meeting, said @everyone in <#123> and <@&456>.\n\nThe council meets every Tuesday in the ~~old~~ town hall.';

let running: RunningBot;
beforeAll(async () => {
  running = await startBot({
    engine: Engine.fromDocuments([
      { id: 'memo', text: memo },
      { id: 'weather', text: 'Weather report\n\nIt rained in Lisbon on Monday.' },
    ]),
  });
});
afterAll(() => running.stop());

describe('corpus text with markdown and mentions in it', () => {
  it('is quoted literally, with only the answer and question terms formatted, and pings no one', async () => {
    const sent = sendCommand(running.fake, 'ask', [{ name: 'question', type: 3, value: 'Who approved the budget?' }]);
    const data = (await callbackOf(running.fake, sent)).data as {
      content: string;
      embeds: { description: string; fields: { value: string }[] }[];
      allowed_mentions: unknown;
    };
    expect(data.content).toBe('**Maria Lopez**');
    expect(data.embeds[0]?.description).toBe(
      '> The \\*\\**budget*\\*\\* was *approved* by **Maria Lopez**\\_Garcia at the \\`council\\` meeting, said @everyone in \\<#123\\> and \\<@&456\\>.',
    );
    expect(data.embeds[0]?.fields[0]?.value).toBe('Staff memo · `memo.txt`');
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('shows a source card literally too', async () => {
    const sent = sendCommand(running.fake, 'source', [{ name: 'doc', type: 3, value: 'memo' }]);
    const data = (await callbackOf(running.fake, sent)).data as { embeds: { title: string; description: string }[] };
    expect(data.embeds[0]?.title).toBe('Staff memo');
    expect(data.embeds[0]?.description).toBe(
      '> The \\*\\*budget\\*\\* was approved by Maria Lopez\\_Garcia at the \\`council\\` meeting, said @everyone in \\<#123\\> and \\<@&456\\>.',
    );
  });
});
