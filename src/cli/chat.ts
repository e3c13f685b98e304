import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { isEntryPoint } from '../entryPoint.ts';
import { ChatSession } from './chatSession.ts';
import { type CliIo, runCli } from './cliIo.ts';
import { defineCommand, helpText, parseCommand, UsageError } from './commandLine.ts';
import { CORPUS_OPTIONS, type CorpusValues, corpusChoiceOf, openEngineForCli } from './loadEngine.ts';

export const chatCommand = defineCommand({
  run: 'npm run chat --',
  usage: ['[options]'],
  summary: [
    'Talks to the corpus as members talk to the bot: each answer as the bot shows it, and follow-ups ("What did he',
    'speak about?") read in the conversation so far, with how they were read. /more, /source DOC, /entity NAME,',
    '/reset and /help inside. On a terminal, arrow keys recall earlier questions (kept in the cache folder); from a',
    'pipe, it reads one question per line and prints plain answers, each after its "? question" line.',
  ].join('\n'),
  options: { ...CORPUS_OPTIONS },
  examples: ['npm run chat', `printf 'Who is the chairman of AzerTelecom?\\nWhat did he speak about?\\n' | npm run -s chat`],
});

/** Questions kept for the arrow keys, across sessions. */
const HISTORY_LINES = 500;
const HISTORY_FILE = 'chat-history';
const PROMPT = '? ';

/** `npm run chat`: a conversation with the engine over the corpus, on a terminal or from a pipe. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(chatCommand, argv);
  if (values.help) {
    io.stdout.write(helpText(chatCommand));
    return 0;
  }
  if (positionals.length > 0) throw new UsageError('chat takes no question on its command line: type it once the chat starts');
  return chat(values, io);
}

/**
 * Loads the corpus and talks: on a terminal (stdin a TTY and a terminal to draw on), with a prompt, line
 * editing and history; otherwise one question (or command) per input line, each reply after a `? line` echo
 * and a blank line between replies.
 */
export async function chat(values: CorpusValues, io: CliIo): Promise<number> {
  const { engine, close } = await openEngineForCli(values, io);
  try {
    return await talk(new ChatSession(engine), values, io, engine.documents.length);
  } finally {
    await close();
  }
}

async function talk(session: ChatSession, values: CorpusValues, io: CliIo, documents: number): Promise<number> {
  const interactive = io.stdin.isTTY === true && io.terminal !== undefined;
  if (interactive) {
    const { corpusDir, cacheDir } = corpusChoiceOf(values, io.env);
    // Over PostgreSQL no document is loaded up front, so there is no count to give.
    const corpus = documents > 0 ? `the ${documents} documents in ${corpusDir}` : `the documents indexed from ${corpusDir}`;
    io.stdout.write(`Ask about ${corpus}. Follow-ups are read in the conversation so far.\n/help lists the commands; Ctrl+D leaves.\n\n`);
    const history = cacheDir === null ? null : join(cacheDir, HISTORY_FILE);
    const lines = createInterface({
      input: io.stdin,
      output: io.terminal,
      terminal: true,
      prompt: PROMPT,
      history: history === null ? [] : readHistory(history),
      historySize: HISTORY_LINES,
      removeHistoryDuplicates: true,
    });
    lines.on('SIGINT', () => lines.close());
    if (history !== null) lines.on('history', (recent: string[]) => saveHistory(history, recent));
    lines.prompt();
    for await (const line of lines) {
      const reply = await session.respond(line);
      if (reply.text !== '') io.stdout.write(`${reply.text}\n\n`);
      if (reply.quit) break;
      lines.prompt();
    }
    lines.close();
    return 0;
  }
  const lines: Interface = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const reply = await session.respond(line);
    io.stdout.write(`${first ? '' : '\n'}${echoed(line, reply.text)}`);
    first = false;
    if (reply.quit) break;
  }
  lines.close();
  return 0;
}

/** A line read from a pipe and the reply to it, as the chat prints them there: `? line`, then the reply. */
export function echoed(line: string, reply: string): string {
  return `${PROMPT}${line.trim()}\n${reply === '' ? '' : `${reply}\n`}`;
}

/** Earlier questions, newest first as readline wants them; none when the file is missing or unreadable. */
function readHistory(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(-HISTORY_LINES).reverse();
  } catch {
    return [];
  }
}

/**
 * Writes the recalled lines, oldest first. History is a convenience: a cache folder that cannot be written
 * (read-only, full) costs the next session its arrow-key recall, never this one its answers.
 */
function saveHistory(file: string, recent: readonly string[]): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      recent
        .map((line) => `${line.replace(/[\r\n]/g, ' ')}\n`)
        .reverse()
        .join(''),
    );
  } catch {
    // Kept quiet on purpose: see above.
  }
}

if (isEntryPoint(import.meta.url)) void runCli((io) => main(process.argv.slice(2), io));
