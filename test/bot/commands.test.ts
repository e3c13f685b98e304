import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/bot/runtime/loadCommands.ts';
import { Engine } from '../../src/engine.ts';
import { type RunningBot, startBot } from '../../testbed/discord/harness.ts';
import { callbackOf, clickButton, sendAutocomplete, sendCommand } from '../../testbed/discord/interactions.ts';
import type { MessageObject } from '../../testbed/discord/server.ts';

type Embed = { title: string; description: string; fields?: { name: string; value: string }[]; footer?: { text: string } };
type MessageData = {
  content?: string;
  embeds: Embed[];
  components?: { components: { custom_id: string; label: string; disabled: boolean }[] }[];
  flags?: number;
  allowed_mentions: unknown;
};

let running: RunningBot;
let engine: Engine;
beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
  running = await startBot({ engine });
});
afterAll(() => running.stop());

describe('/entity', () => {
  it('suggests names the corpus mentions as the user types', async () => {
    const sent = sendAutocomplete(running.fake, 'entity', 'name', 'abba');
    const callback = await callbackOf(running.fake, sent);
    const choices = (callback.data as { choices: { name: string; value: string }[] }).choices;
    expect(callback.type).toBe(8);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: 'Ali Abbasov (person)', value: 'Ali Abbasov' });
  });

  it('shows what the corpus knows of a person, with the documents that mention them', async () => {
    const sent = sendCommand(running.fake, 'entity', [{ name: 'name', type: 3, value: 'Ali Abbasov' }]);
    const data = (await callbackOf(running.fake, sent)).data as MessageData;
    const embed = data.embeds[0]!;
    expect(embed.title).toBe('Ali Abbasov');
    expect(embed.description.split('\n')[0]).toMatch(/^Person · \d+ mentions?/);
    expect(embed.fields?.[0]?.name).toBe('Mentioned in 1 document');
    expect(embed.fields?.[0]?.value).toBe('• Azerbaijani ICT companies to join Europe and Africa markets trough Portugal (2025-03-14)');
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('says so, privately, for a name the corpus does not mention', async () => {
    const sent = sendCommand(running.fake, 'entity', [{ name: 'name', type: 3, value: 'Zyxwv Qwerty' }]);
    const data = (await callbackOf(running.fake, sent)).data as MessageData;
    expect(data.content).toBe(`The corpus doesn't mention anyone or anything called "Zyxwv Qwerty". Pick a name from the suggestions.`);
    expect(data.flags).toBe(64);
  });
});

describe('/entities', () => {
  it('lists names a page at a time, and Next turns the page in place', async () => {
    const sent = sendCommand(running.fake, 'entities', []);
    const data = (await callbackOf(running.fake, sent)).data as MessageData;
    const total = engine.entities.list().length;
    expect(data.embeds[0]?.title).toBe('Names in the corpus');
    expect(data.embeds[0]?.footer?.text).toBe(`Page 1 of ${Math.ceil(total / 15)} · ${total} names`);
    if (total <= 15) return;
    expect(data.components?.[0]?.components.map((b) => [b.custom_id, b.disabled])).toEqual([
      ['entities:all:-1', true],
      ['entities:all:1', false],
    ]);
    const click = clickButton(running.fake, running.fake.original(sent.token) as MessageObject, 'entities:all:1');
    const update = await callbackOf(running.fake, click);
    expect(update.type).toBe(7);
    expect((update.data as MessageData).embeds[0]?.footer?.text).toBe(`Page 2 of ${Math.ceil(total / 15)} · ${total} names`);
    expect((update.data as MessageData).embeds[0]?.description.startsWith('16. ')).toBe(true);
  });

  it('lists only one kind when asked', async () => {
    const sent = sendCommand(running.fake, 'entities', [{ name: 'type', type: 3, value: 'person' }]);
    const data = (await callbackOf(running.fake, sent)).data as MessageData;
    expect(data.embeds[0]?.title).toBe('People in the corpus');
    expect(data.embeds[0]?.description).toContain('**Ali Abbasov**');
  });
});

describe('/source', () => {
  it('suggests document titles matching what the user types, by the start of its words or with a typo', async () => {
    for (const typed of ['azerbaijani ict', 'Portugal', 'Portgal']) {
      const sent = sendAutocomplete(running.fake, 'source', 'doc', typed);
      const choices = ((await callbackOf(running.fake, sent)).data as { choices: { name: string; value: string }[] }).choices;
      expect(choices[0], typed).toEqual({
        name: 'Azerbaijani ICT companies to join Europe and Africa markets trough Portugal (2025-03-14)',
        value: '001_84108df0aac265aa',
      });
    }
  });

  it("shows a document's title, date, file and lead passage", async () => {
    const sent = sendCommand(running.fake, 'source', [{ name: 'doc', type: 3, value: '001_84108df0aac265aa' }]);
    const embed = ((await callbackOf(running.fake, sent)).data as MessageData).embeds[0]!;
    expect(embed.title).toBe('Azerbaijani ICT companies to join Europe and Africa markets trough Portugal');
    expect(embed.fields).toEqual([
      { name: 'Date', value: '2025-03-14', inline: true },
      { name: 'File', value: '`001_84108df0aac265aa.txt`', inline: true },
    ]);
    expect(embed.description).toBe(`> ${engine.document('001_84108df0aac265aa')!.passages[0]!.text.replace(/\s*\n\s*/g, ' ')}`);
  });
});

describe('/help', () => {
  it('explains the commands with examples from the loaded corpus, privately', async () => {
    const sent = sendCommand(running.fake, 'help', []);
    const data = (await callbackOf(running.fake, sent)).data as MessageData;
    const description = data.embeds[0]!.description;
    expect(data.flags).toBe(64);
    expect(description.split('\n')[0]).toBe('I answer questions from 4 documents, quoting the passage and citing its source.');
    expect(description).toContain(`e.g. \`/source doc: ${engine.documents[0]!.title}\``);
    expect(description).toContain(`e.g. \`/entity name: ${engine.entities.list('person')[0]!.name}\``);
    expect(description).toContain('**/reindex** (server managers) — Re-read the corpus folder now and report which documents changed.');
    // One line per loaded command, from its own description: nothing to keep in sync by hand.
    const others = [...(await loadCommands()).keys()].filter((name) => name !== 'help');
    expect(others).toContain('source');
    expect(description.match(/^\*\*\/\w+\*\*/gm)).toEqual(others.map((name) => `**/${name}**`));
    expect(description).toContain('**/entities** — The people, organizations and places the corpus mentions.');
  });
});
