import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as ask } from '../../src/cli/ask.ts';
import { main as chat } from '../../src/cli/chat.ts';
import { ChatSession, chatHelp } from '../../src/cli/chatSession.ts';
import { type CliIo, exitCodeOf, withTerminalText } from '../../src/cli/cliIo.ts';
import { Engine } from '../../src/engine.ts';
import { runInProcess } from './cliRun.ts';

const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-chat-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const cache = join(scratch, 'cache');

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
});

const CHAIR = 'Who is the chairman of AzerTelecom?';
const SPOKE = 'What did he speak about?';

describe('a chat session', () => {
  it('reads a follow-up in the conversation and says how, as the bot does', async () => {
    const session = new ChatSession(engine);
    const first = (await session.respond(CHAIR)).text.split('\n');
    expect(first[0]).toBe('Fuad Allahverdiyev');
    expect(first[1]).toMatch(/^\(Answer [a-z ]+ right · quote [a-z ]+ holds it\)$/);
    expect(first.at(-1)).toMatch(/^— "The digital submarine infrastructure project/);
    const followUp = (await session.respond(SPOKE)).text.split('\n');
    expect(followUp[0]).toBe('(taking "he" as Fuad Allahverdiyev)');
    expect(followUp.join(' ')).toContain('Trans-Caspian Fiber Optic Cable');
    const fragment = (await session.respond('And in Turkey?')).text;
    expect(fragment.split('\n')[0]).toMatch(/^\(reading this as "[^"]*Turkey\?"\)$/);
  });

  it('forgets the conversation on /reset: the same question is then read on its own', async () => {
    const session = new ChatSession(engine);
    await session.respond(CHAIR);
    expect((await session.respond('/reset')).text).toBe('Conversation forgotten: the next question is read on its own.');
    expect((await session.respond(SPOKE)).text).not.toContain('taking');
  });

  it('pages through further sources with /more, then says there are no more', async () => {
    const session = new ChatSession(engine);
    expect((await session.respond('/more')).text).toBe('Ask a question first: /more then lists further sources for its answer.');
    await session.respond(CHAIR);
    await session.respond(SPOKE);
    const page = (await session.respond('/more')).text.split('\n');
    expect(page[0]).toBe('More sources for "What did Fuad Allahverdiyev speak about?":');
    expect(page.filter((line) => /^\d\. > /.test(line)).map((line) => line[0])).toEqual(['1', '2', '3']);
    expect(page.at(-1)).toBe('(/more for the next ones)');
    let last = '';
    for (let i = 0; i < 10 && !last.startsWith('No more sources'); i++) last = (await session.respond('/more')).text;
    expect(last).toBe('No more sources for this question.');
  });

  it("shows a document with /source: by id, by part of its title, or the last answer's", async () => {
    const session = new ChatSession(engine);
    expect((await session.respond('/source')).text).toBe('Give a document: /source ID, or /source and part of its title.');
    const byId = (await session.respond('/source 001_84108df0aac265aa')).text.split('\n');
    expect(byId.slice(0, 2)).toEqual([
      '"Azerbaijani ICT companies to join Europe and Africa markets trough Portugal"',
      '001_84108df0aac265aa.txt · 2025-03-14 · ' +
        `${engine.document('001_84108df0aac265aa')!.passages.length} passages · id 001_84108df0aac265aa`,
    ]);
    expect(byId[2]).toMatch(/^> /);
    expect((await session.respond('/source Caspian Sea')).text).toMatch(/^"The digital submarine infrastructure project/);
    await session.respond(CHAIR);
    expect((await session.respond('/source')).text).toMatch(/· id 003_31b3e27154ee3997\n/);
    expect((await session.respond('/source zzzz qqqq')).text).toBe('No document matches "zzzz qqqq".');
  });

  it('tells what the corpus says of a name with /entity, or the nearest names', async () => {
    const session = new ChatSession(engine);
    expect((await session.respond('/entity Abbasov')).text.split('\n')[0]).toBe('Ali Abbasov (person)');
    expect((await session.respond('/entity Abasov')).text).toBe('No one and nothing named "Abasov" in the corpus; nearest: Ali Abbasov.');
    expect((await session.respond('/entity')).text).toBe('Give a name: /entity Abbasov');
  });

  it('lists its commands with /help, suggests one for a typo, and leaves on /quit', async () => {
    const session = new ChatSession(engine);
    const help = (await session.respond('/help')).text;
    expect(help).toBe(chatHelp());
    for (const command of ['/more', '/source [DOC]', '/entity NAME', '/reset', '/help', '/quit']) expect(help).toContain(`  ${command} `);
    expect((await session.respond('/mroe')).text).toBe('Unknown command /mroe; did you mean /more? (/help lists them)');
    expect((await session.respond('/frobnicate')).text).toBe('Unknown command /frobnicate (/help lists them)');
    expect(await session.respond('/quit')).toEqual({ text: '', quit: true });
  });

  it("answers an empty or oversized question with the engine's own explanation", async () => {
    const session = new ChatSession(engine);
    expect(await session.respond('   ')).toEqual({ text: '' });
    expect((await session.respond('?!')).text).not.toBe('');
    expect((await session.respond(`${'word '.repeat(2000)}?`)).text).toMatch(/too long/i);
  });
});

describe('npm run chat', () => {
  it('reads one question per line from a pipe and prints plain answers, each after its "? question" line', async () => {
    const run = await runInProcess(chat, ['--cache', cache], { input: `${CHAIR}\n\n${SPOKE}\n/quit\nnever read\n` });
    expect(run.status).toBe(0);
    const blocks = run.stdout.split('\n\n');
    expect(blocks[0]!.split('\n').slice(0, 2)).toEqual([`? ${CHAIR}`, 'Fuad Allahverdiyev']);
    expect(blocks[1]!.split('\n').slice(0, 2)).toEqual([`? ${SPOKE}`, '(taking "he" as Fuad Allahverdiyev)']);
    expect(blocks[2]).toBe('? /quit\n');
    expect(run.stdout).not.toContain('never read');
  });

  it('takes no question on its command line', async () => {
    expect(await runInProcess(chat, ['who?'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'error: chat takes no question on its command line: type it once the chat starts\n',
    });
  });
});

/** A person at a terminal: stdin a TTY that the test types into, and the terminal the line editor draws on. */
function terminalIo(): { io: CliIo; type: (line: string) => void; end: () => void; out: () => string; screen: () => string } {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const terminal = new PassThrough();
  let screen = '';
  terminal.on('data', (chunk) => (screen += chunk));
  let out = '';
  const io = withTerminalText({
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: () => true },
    stdin,
    env: {},
    terminal,
  });
  return { io, type: (line) => stdin.write(`${line}\r`), end: () => stdin.end(), out: () => out, screen: () => screen };
}

describe('the chat on a terminal', () => {
  it('starts from npm run ask with no question, prompts, answers follow-ups and keeps the questions for the arrow keys', async () => {
    const history = join(cache, 'chat-history');
    rmSync(history, { force: true });
    const person = terminalIo();
    const running = exitCodeOf(() => ask(['--cache', cache], person.io), person.io.stderr);
    const waitFor = async (text: string) => {
      for (let i = 0; i < 200 && !person.out().includes(text); i++) await new Promise((done) => setTimeout(done, 25));
      expect(person.out()).toContain(text);
    };
    await waitFor('Ctrl+D leaves.');
    expect(person.out()).toMatch(/^Ask about the 4 documents in corpus\./);
    expect(person.screen()).toContain('? ');
    person.type(CHAIR);
    await waitFor('Fuad Allahverdiyev\n(Answer');
    person.type(SPOKE);
    await waitFor('(taking "he" as Fuad Allahverdiyev)');
    person.end();
    expect(await running).toBe(0);
    expect(existsSync(history)).toBe(true);
    expect(readFileSync(history, 'utf8')).toBe(`${CHAIR}\n${SPOKE}\n`);
  });
});
