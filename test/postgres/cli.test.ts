import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as chat } from '../../src/cli/chat.ts';
import { main as entity } from '../../src/cli/entity.ts';
import { indexFolderToPostgres } from '../../src/postgresSearch/indexFolder.ts';
import { type CliRun, runInProcess } from '../core/cliRun.ts';
import { freshDatabase, noPostgres, postgresUrl } from './database.ts';

/** A conversation that touches every chat command reading the corpus: a follow-up, more sources, a source by title, a card. */
const CONVERSATION = [
  'Who is the chairman of AzerTelecom?',
  'What did he speak about?',
  '/more',
  '/source',
  '/source internet governance',
  '/entity Abbasov',
  '/entity Abbasof',
  '/quit',
].join('\n');

const ENTITY_RUNS = [['Ali Abbasov'], ['--list', '--type', 'person'], ['Nobody Known']];

describe.skipIf(!postgresUrl)(`the chat and entity commands on PostgreSQL ${noPostgres}`, () => {
  let folder: string;
  let cache: string;
  let searchOnPostgres: Record<string, string>;
  let embeddedChat: CliRun;
  const embeddedEntity: CliRun[] = [];

  beforeAll(async () => {
    const url = await freshDatabase();
    folder = mkdtempSync(join(tmpdir(), 'corpus-qa-pgcli-'));
    cache = mkdtempSync(join(tmpdir(), 'corpus-qa-pgcli-cache-'));
    cpSync('corpus', folder, { recursive: true });
    await indexFolderToPostgres(url, folder);
    searchOnPostgres = { SEARCH: 'postgres', DATABASE_URL: url };
    embeddedChat = await runInProcess(chat, ['--corpus', folder, '--cache', cache], { input: CONVERSATION });
    for (const args of ENTITY_RUNS) embeddedEntity.push(await runInProcess(entity, [...args, '--corpus', folder, '--cache', cache]));
    // What follows must come from the database: the folder's files are gone.
    for (const file of readdirSync(folder)) rmSync(join(folder, file), { recursive: true });
  });
  afterAll(() => {
    for (const dir of [folder, cache]) rmSync(dir, { recursive: true, force: true });
  });

  it('chats over the database as over the loaded corpus: the same answers, sources and cards', async () => {
    const stored = await runInProcess(chat, ['--corpus', folder], { input: CONVERSATION, env: searchOnPostgres });
    expect(stored).toEqual(embeddedChat);
    expect(stored.stdout).toContain('? What did he speak about?\n(taking "he" as Fuad Allahverdiyev)');
    expect(stored.stdout).toMatch(/\? \/source internet governance\n[^\n]*Internet Governance Forum/i);
    expect(stored.stdout).toMatch(/\? \/entity Abbasov\nAli Abbasov/);
  });

  it('prints an entity card and the list of names from the database as from the loaded corpus', async () => {
    for (const [i, args] of ENTITY_RUNS.entries()) {
      expect(await runInProcess(entity, [...args, '--corpus', folder], { env: searchOnPostgres })).toEqual(embeddedEntity[i]);
    }
    const card = await runInProcess(entity, ['Ali Abbasov', '--corpus', folder], { env: searchOnPostgres });
    expect(card.stdout).toMatch(/^Ali Abbasov/);
  });
});
