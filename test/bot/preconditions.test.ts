import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customIds } from '../../src/bot/replies/customIds.ts';
import { textPayload } from '../../src/bot/replies/payload.ts';
import { type Command, onButton, registration } from '../../src/bot/runtime/command.ts';
import { replayConversation } from '../../src/bot/runtime/conversations.ts';
import { staleComponentText } from '../../src/bot/runtime/dispatcher.ts';
import { loadCommands } from '../../src/bot/runtime/loadCommands.ts';
import { missingPermissionText } from '../../src/bot/runtime/preconditions.ts';
import { respond } from '../../src/bot/runtime/respond.ts';
import { Engine } from '../../src/engine.ts';
import { InvalidQuestionError } from '../../src/errors.ts';
import { humanUser, ids, permissions } from '../../testbed/discord/fixtures.ts';
import { type RunningBot, startBot } from '../../testbed/discord/harness.ts';
import { callbackOf, clickButton, sendCommand } from '../../testbed/discord/interactions.ts';
import type { FakeDiscord, MessageObject } from '../../testbed/discord/server.ts';

type Reply = { content?: string; flags?: number };

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
});

async function run(fake: FakeDiscord, name: string, memberPermissions?: string, options: Parameters<typeof sendCommand>[2] = []) {
  const sent = sendCommand(fake, name, options, humanUser(), ids.guild, memberPermissions);
  return (await callbackOf(fake, sent)).data as Reply;
}

describe('a command that declares the permission it needs', () => {
  const ran: string[] = [];
  /** A manager command whose handler checks nothing itself: only its declaration protects it. */
  const purge: Command = {
    data: new SlashCommandBuilder().setName('purge').setDescription('A manager command that checks nothing itself.'),
    requires: { permissions: ['ManageGuild'] },
    async execute(interaction: ChatInputCommandInteraction) {
      ran.push(interaction.user.id);
      await respond(interaction, textPayload('purged'), { ephemeral: true });
    },
  };
  let running: RunningBot;
  beforeAll(async () => {
    running = await startBot({ engine, commands: new Map([['purge', purge]]) });
  });
  afterAll(() => running.stop());

  it('is refused to a plain member by the dispatcher, before its handler runs, and runs for a manager', async () => {
    const refused = await run(running.fake, 'purge', permissions.member);
    expect(refused).toMatchObject({ content: 'Only members with the Manage Server permission can use /purge.', flags: 64 });
    expect(ran).toEqual([]);
    expect((await run(running.fake, 'purge')).content).toBe('purged');
    expect(ran).toEqual([ids.user]);
  });

  it('is registered from the same declaration: Manage Server as its default member permission, in servers only', () => {
    expect(registration(purge)).toMatchObject({ name: 'purge', default_member_permissions: '32', contexts: [0] });
    const open: Command = { ...purge, requires: {} };
    expect([registration(open).default_member_permissions ?? null, registration(open).contexts ?? null]).toEqual([null, null]);
  });
});

describe('the commands in commands/', () => {
  let running: RunningBot;
  beforeAll(async () => {
    running = await startBot({ engine });
  });
  afterAll(() => running.stop());

  it('refuses every manager command to a plain member with the notice its declaration gives', async () => {
    const commands = await loadCommands();
    const managers = [...commands.values()].filter((c) => (c.requires?.permissions ?? []).length > 0).map((c) => c.data.name);
    expect(managers).toEqual(expect.arrayContaining(['feedback', 'gaps', 'reindex', 'settings']));
    for (const name of managers) {
      const reply = await run(running.fake, name, permissions.member, name === 'settings' ? [{ name: 'show', type: 1, options: [] }] : []);
      expect(reply, name).toEqual(expect.objectContaining({ content: missingPermissionText(['ManageGuild'], `/${name}`), flags: 64 }));
    }
  });

  it('says a button no longer works when no handler reads its custom id', async () => {
    const message = [...running.fake.messages.values()][0] as MessageObject;
    for (const id of ['ask:vote:sideways:3', 'ask:more:-1', 'nothing:here', 'entities:moons:2']) {
      const click = clickButton(running.fake, message, id);
      expect(((await callbackOf(running.fake, click)).data as Reply).content, id).toBe(staleComponentText);
    }
  });
});

describe('custom ids', () => {
  it('reads back every value it writes, for every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom('up' as const, 'down' as const), fc.nat({ max: 2 ** 40 }), (direction, answer) => {
        expect(customIds.vote.read(customIds.vote.id({ direction, answer }))).toEqual({ direction, answer });
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('all' as const, 'person' as const, 'place' as const),
        fc.integer({ min: -1, max: 10_000 }),
        (type, page) => {
          expect(customIds.entitiesPage.read(customIds.entitiesPage.id({ type, page }))).toEqual({ type, page });
        },
      ),
    );
  });

  it('reads the ids of messages posted by earlier versions', () => {
    expect(customIds.vote.read('ask:vote:down:42')).toEqual({ direction: 'down', answer: 42 });
    expect(customIds.moreSources.read('ask:more:3')).toEqual({ offset: 3 });
    expect(customIds.followUp.read('ask:thread')).toEqual({});
    expect(customIds.entitiesPage.read('entities:all:-1')).toEqual({ type: 'all', page: -1 });
  });

  it('reads nothing from another kind, or from a malformed id', () => {
    expect(customIds.vote.read('ask:more:3')).toBeUndefined();
    expect(customIds.vote.read('ask:vote:up')).toBeUndefined();
    expect(customIds.vote.read('ask:vote:up:7:8')).toBeUndefined();
    expect(customIds.vote.read('ask:vote:up:1e3')).toBeUndefined();
    expect(customIds.followUp.read('ask:thread:1')).toBeUndefined();
    expect(customIds.moreSources.read('ask:more:')).toBeUndefined();
  });
});

describe('the command loader', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-commands-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let folders = 0;
  const builder = pathToFileURL(join(import.meta.dirname, '../../node_modules/discord.js/src/index.js')).href;

  async function load(files: Record<string, string>): Promise<unknown> {
    const dir = join(scratch, `commands-${++folders}`);
    mkdirSync(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return loadCommands(pathToFileURL(`${dir}/`));
  }
  const module = (name: string, extra = '') => `
    import { SlashCommandBuilder } from ${JSON.stringify(builder)};
    export const data = new SlashCommandBuilder().setName('${name}').setDescription('d')${extra};
    export async function execute() {}`;

  it('refuses a permission set on the builder instead of declared in `requires`', async () => {
    await expect(load({ 'a.mjs': module('a', '.setDefaultMemberPermissions(32n)') })).rejects.toThrow(
      'Command loader: commands/a.mjs sets permissions or contexts on `data`; declare them in `requires` instead',
    );
  });

  it('refuses two commands that handle the same custom id', async () => {
    const routed = `export const components = [{ prefix: 'ask:vote', bind: () => null }];`;
    await expect(load({ 'a.mjs': module('a') + routed, 'b.mjs': module('b') + routed })).rejects.toThrow(
      'Command loader: custom id "ask:vote" is handled by both commands/a.mjs and commands/b.mjs',
    );
  });

  it('routes a button of a declared kind to its handler with the values read from the id', async () => {
    const seen: unknown[] = [];
    const route = onButton(customIds.vote, async (_interaction, values) => {
      seen.push(values);
    });
    const interaction = { isButton: () => true, isStringSelectMenu: () => false, customId: 'ask:vote:up:9' };
    await route.bind(interaction as never, {} as never)?.();
    expect(seen).toEqual([{ direction: 'up', answer: 9 }]);
    expect(route.bind({ ...interaction, customId: 'ask:more:1' } as never, {} as never)).toBeNull();
  });
});

describe('reading a forgotten conversation back', () => {
  it('skips a question the engine refuses, and lets any other failure through', async () => {
    const refusing = {
      ...engine,
      ask: async (question: string) => {
        if (question === '') throw new InvalidQuestionError('Ask a question.');
        throw new TypeError('a fault in the engine');
      },
    } as unknown as Engine;
    expect(await replayConversation(refusing, [''])).toEqual([]);
    await expect(replayConversation(refusing, ['', 'Who is the chairman?'])).rejects.toThrow('a fault in the engine');
  });
});
