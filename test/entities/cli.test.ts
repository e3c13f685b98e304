import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/entity.ts';
import { runInProcess, spawnCli } from '../core/cliRun.ts';

const empty = mkdtempSync(join(tmpdir(), 'corpus-qa-entities-'));
const cache = mkdtempSync(join(tmpdir(), 'corpus-qa-entities-cache-'));
afterAll(() => {
  rmSync(empty, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});
const entity = (...args: string[]) => runInProcess(main, [...args, '--cache', cache]);

describe('npm run entity', () => {
  it('prints a card in the JSON contract (as a separate process, the way npm runs it)', () => {
    const run = spawnCli('src/cli/entity.ts', ['Abbasov', '--json', '--cache', cache]);
    expect(run.status).toBe(0);
    const card = JSON.parse(run.stdout);
    expect(Object.keys(card)).toEqual(['name', 'type', 'aliases', 'roles', 'mentions', 'documents', 'related']);
    expect(card.name).toBe('Ali Abbasov');
    expect(card.type).toBe('person');
    expect(card.aliases).toEqual(['A.Abbasov']);
    expect(Object.keys(card.roles[0])).toEqual(['title', 'quote', 'source']);
    expect(card.roles[0].title).toBe('Minister of Communications and Information Technologies');
    expect(Object.keys(card.roles[0].source)).toEqual(['doc', 'title', 'path', 'url', 'date', 'start', 'end', 'location', 'elided']);
    expect(Object.keys(card.mentions[0])).toEqual(['quote', 'source']);
    expect(card.documents).toEqual([
      {
        doc: '001_84108df0aac265aa',
        title: 'Azerbaijani ICT companies to join Europe and Africa markets trough Portugal',
        date: '2025-03-14',
      },
    ]);
    expect(card.related[0]).toEqual({ name: 'Azerbaijan', type: 'place', count: 4 });
  });

  it('saves the recognised names in the snapshot and answers the same from it', async () => {
    const first = await entity('Abbasov', '--json');
    const snapshots = readdirSync(cache).filter((name) => existsSync(join(cache, name, 'mentions.jsonl')));
    expect(snapshots.length).toBeGreaterThan(0);
    const again = await entity('Abbasov', '--json');
    expect(again.stdout).toBe(first.stdout);
    expect((await entity('Abbasov', '--json', '--no-cache')).stdout).toBe(first.stdout);
  });

  it('prints a readable card by default', async () => {
    const run = await entity('Fuad Allahverdiyev');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(0, 6)).toEqual([
      'Fuad Allahverdiyev (person)',
      'Also written: Allahverdiyev',
      'Mentioned 3 times in 1 document, 2021-03-05',
      '',
      'Roles:',
      '  Chairman of the Board of Directors at AzerTelecom',
    ]);
  });

  it('lists entities of one type as JSON', async () => {
    const run = await entity('--list', '--type', 'person', '--json');
    expect(run.status).toBe(0);
    const list = JSON.parse(run.stdout);
    expect(list[0]).toEqual({ name: 'Ali Abbasov', type: 'person', aliases: ['A.Abbasov'], count: 5 });
    expect(list.every((entry: { type: string }) => entry.type === 'person')).toBe(true);
  });

  it('exits 1 with the nearest names for an unknown name', async () => {
    const run = await entity('Abasov');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('unknown entity: Abasov; nearest: Ali Abbasov\n');
  });

  it('exits 2 with one line on stderr for bad usage', async () => {
    for (const args of [[], ['--type', 'city', '--list'], ['--nope'], ['a', 'b'], ['--type', 'person', 'Abbasov']]) {
      const run = await entity(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('exits 2 with one line when the corpus folder is missing or holds no document', async () => {
    expect((await entity('Abbasov', '--corpus', join(tmpdir(), 'no-such-corpus-qa-folder'))).status).toBe(2);
    expect(await entity('--list', '--json', '--corpus', empty)).toEqual({
      status: 2,
      stdout: '',
      stderr: `error: no documents in ${empty}: it holds no .txt, .md, .markdown, .html, .htm, .pdf or .docx file (subfolders included)\n`,
    });
  });
});
