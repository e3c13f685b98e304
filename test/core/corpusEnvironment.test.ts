import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/bot/runtime/config.ts';
import { main as ask } from '../../src/cli/ask.ts';
import { corpusChoiceOf } from '../../src/cli/loadEngine.ts';
import { main as sync } from '../../src/cli/sync.ts';
import { readCorpusEnvironment } from '../../src/doors/environment.ts';
import { runInProcess, spawnCli } from './cliRun.ts';

const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-env-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const env = {
  DISCORD_TOKEN: 'token',
  CORPUS_DIR: 'docs/site',
  CACHE_DIR: '/var/cache/qa',
  CORPUS_FOLLOW_LINKS: 'yes',
  CORPUS_BASE_URL: 'https://docs.example.org/tides',
};

describe('the corpus variables', () => {
  it('mean the same to the bot and to the CLI', () => {
    const bot = loadConfig(env);
    const cli = corpusChoiceOf({}, env);
    expect(cli).toEqual({
      corpusDir: bot.corpusDir,
      namedBy: 'CORPUS_DIR',
      cacheDir: bot.cacheDir,
      folder: { followLinks: bot.followLinks, baseUrl: bot.baseUrl },
    });
    expect(cli).toEqual({
      corpusDir: 'docs/site',
      namedBy: 'CORPUS_DIR',
      cacheDir: '/var/cache/qa',
      folder: { followLinks: true, baseUrl: 'https://docs.example.org/tides/' },
    });
  });

  it('give way to a flag, and are refused with the same words by both doors when bad', () => {
    expect(corpusChoiceOf({ corpus: 'mine', cache: 'c', 'follow-links': false, 'base-url': 'https://x.org' }, env)).toEqual({
      corpusDir: 'mine',
      namedBy: '--corpus',
      cacheDir: 'c',
      folder: { followLinks: false, baseUrl: 'https://x.org/' },
    });
    expect(corpusChoiceOf({ 'no-cache': true }, env).cacheDir).toBeNull();
    const bad = { CORPUS_FOLLOW_LINKS: 'maybe', CORPUS_BASE_URL: 'ftp://x' };
    const message = readCorpusEnvironment(bad).problems.map((problem) => problem.message);
    expect(message).toEqual([
      'CORPUS_FOLLOW_LINKS must be 1/true/on or 0/false/off (got "maybe")',
      'CORPUS_BASE_URL must be an http(s) URL (got "ftp://x")',
    ]);
    expect(() => corpusChoiceOf({}, bad)).toThrow(message.join('; '));
    expect(() => loadConfig({ DISCORD_TOKEN: 't', ...bad })).toThrow(`Invalid configuration: ${message.join('; ')}.`);
    // A flag overrides its variable, bad or not; CORPUS_WATCH means nothing to the CLI.
    expect(
      corpusChoiceOf({ 'follow-links': true, 'base-url': 'https://x.org' }, { ...bad, CORPUS_WATCH: 'sometimes' }).folder.followLinks,
    ).toBe(true);
  });

  it('name the sources file for the bot and npm run sync alike, and a missing one is refused by both in the same words', async () => {
    const sources = join(scratch, 'sources.yaml');
    writeFileSync(sources, 'sources: []\n');
    expect(readCorpusEnvironment({ CORPUS_SOURCES: sources }).settings.sourcesFile).toBe(sources);
    expect(loadConfig({ DISCORD_TOKEN: 't', CORPUS_SOURCES: sources }).sourcesFile).toBe(sources);
    // Short, so the bot shows it (a long value could be a secret pasted in the wrong key).
    const missing = { CORPUS_SOURCES: 'gone/sources.yaml' };
    const message = `CORPUS_SOURCES names a file that does not exist ("${missing.CORPUS_SOURCES}")`;
    expect(readCorpusEnvironment(missing).problems.map((problem) => problem.message)).toEqual([message]);
    expect(() => loadConfig({ DISCORD_TOKEN: 't', ...missing })).toThrow(`Invalid configuration: ${message}.`);
    expect(await runInProcess(sync, [], { env: missing })).toEqual({ status: 2, stdout: '', stderr: `error: ${message}\n` });
    // --sources wins over the variable; a question does not need sources at all.
    const flagged = await runInProcess(sync, ['--sources', sources, '--corpus', join(scratch, 'synced')], { env: missing });
    expect(flagged).toEqual({ status: 0, stdout: '\n', stderr: '' });
    expect(corpusChoiceOf({}, missing).corpusDir).toBe('corpus');
  });

  it('are read by the CLI from the environment and from .env', async () => {
    const corpus = join(scratch, 'corpus');
    mkdirSync(corpus);
    writeFileSync(join(corpus, 'tides.txt'), 'Tides of Brest\n\nThe harbour master Yann Le Goff publishes the tide tables of Brest.\n');
    const question = 'Who publishes the tide tables of Brest?';
    const fromEnv = await runInProcess(ask, ['--no-cache', question], { env: { CORPUS_DIR: corpus } });
    expect(fromEnv.stdout.split('\n')[0]).toBe('Yann Le Goff');
    writeFileSync(join(scratch, '.env'), `CORPUS_DIR=${corpus}\nCACHE_DIR=${join(scratch, 'cache')}\n`);
    const fromFile = spawnCli('src/cli/ask.ts', [question], { cwd: scratch });
    expect(fromFile.status).toBe(0);
    expect(fromFile.stdout.split('\n')[0]).toBe('Yann Le Goff');
  });
});
