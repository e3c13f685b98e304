/**
 * Writes the parts of the docs that show what the program prints, from the program itself, so they cannot drift:
 *
 *   npm run docs
 *
 * - docs/cli.md: every command's `--help`, from the one definition its parser uses;
 * - README.md: a real answer from the shipped corpus, exactly as `npm run ask` prints it;
 * - docs/discord.md: real replies from the shipped corpus, as the bot's reply formatter builds them.
 *
 * Each part sits between `<!-- generated: NAME -->` and `<!-- end generated -->`; the rest of each file is
 * written by hand. test/core/generatedDocs.test.ts fails when a file differs from what this would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatAnswer } from '../src/bot/replies/formatAnswer.ts';
import type { ReplyPayload } from '../src/bot/replies/payload.ts';
import { citedTexts } from '../src/bot/runtime/ask.ts';
import { askCommand } from '../src/cli/ask.ts';
import { chatCommand, echoed } from '../src/cli/chat.ts';
import { ChatSession } from '../src/cli/chatSession.ts';
import { type CommandSpec, helpText } from '../src/cli/commandLine.ts';
import { entityCommand } from '../src/cli/entity.ts';
import { formatAnswerText } from '../src/cli/formatAnswer.ts';
import { indexCommand } from '../src/cli/indexCorpus.ts';
import { syncCommand } from '../src/cli/sync.ts';
import { Engine } from '../src/engine.ts';
import { isEntryPoint } from '../src/entryPoint.ts';
import { benchCommand, benchDocumentsCommand, benchJobsCommand, benchSyncCommand } from './args/bench.ts';
import { evalCommand } from './args/eval.ts';
import { trainCommand } from './args/train.ts';

const root = resolve(import.meta.dirname, '..');

/** Every command a user runs with `npm run`, by the name docs/cli.md gives its help block. A new script goes here. */
export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  ask: askCommand,
  chat: chatCommand,
  index: indexCommand,
  entity: entityCommand,
  sync: syncCommand,
  eval: evalCommand,
  bench: benchCommand,
  'bench:documents': benchDocumentsCommand,
  'bench:jobs': benchJobsCommand,
  'bench:sync': benchSyncCommand,
  train: trainCommand,
};

/** The question the README and docs/discord.md answer, and the follow-up docs/discord.md asks after it. */
const SAMPLE_QUESTION = "who met Portugal's minister?";
const THREAD_QUESTION = 'Who is the chairman of AzerTelecom?';
const THREAD_FOLLOW_UP = 'What did he speak about?';

/** Where docs/discord.md's samples take the corpus to be published (`CORPUS_BASE_URL`). */
const SAMPLE_BASE_URL = 'https://news.example.org/';
/** What the chat sample in docs/cli.md types. */
const CHAT_SAMPLE = [THREAD_QUESTION, THREAD_FOLLOW_UP, '/more', '/source'];

const fence = (text: string) => `\`\`\`\n${text.endsWith('\n') ? text : `${text}\n`}\`\`\``;

/** The generated parts of each file, by file and part name. */
export async function generatedParts(): Promise<Record<string, Record<string, string>>> {
  const engine = await Engine.fromFolder(join(root, 'corpus'));
  const sample = engine.answer(SAMPLE_QUESTION);
  // The bot's samples with the corpus published at a site, so their citations show the link.
  const published = await Engine.fromFolder(join(root, 'corpus'), { baseUrl: SAMPLE_BASE_URL });
  const reply = published.answer(SAMPLE_QUESTION);
  const chair = published.answer(THREAD_QUESTION);
  const followUp = published.answer(THREAD_FOLLOW_UP, { after: [{ question: THREAD_QUESTION, answer: chair }] });
  const session = new ChatSession(engine);
  const transcript: string[] = [];
  for (const line of CHAT_SAMPLE) transcript.push(echoed(line, (await session.respond(line)).text));
  return {
    'docs/cli.md': {
      'chat sample': fence(`$ printf '${CHAT_SAMPLE.join('\\n')}\\n' | npm run -s chat\n${transcript.join('\n')}`),
      ...Object.fromEntries(Object.entries(COMMANDS).map(([name, spec]) => [`help ${name}`, fence(helpText(spec))])),
    },
    'README.md': { 'ask sample': fence(`$ npm run ask -- "${SAMPLE_QUESTION}"\n${formatAnswerText(sample)}`) },
    'docs/discord.md': {
      'reply sample': fence(payloadText(formatAnswer(reply, citedTexts(published, reply.nearest), { voteId: 1, followUpButton: true }))),
      'follow-up sample': fence(payloadText(formatAnswer(followUp, citedTexts(published, followUp.nearest), { voteId: 2 }))),
    },
  };
}

/**
 * A Discord message as text: the content, then the embed (title, description, fields, footer) behind a `│`
 * bar, then the buttons. The Markdown is left as the formatter wrote it: Discord shows `**…**` bold,
 * `*…*` italic, `-#` as a small grey line, and `[title](<url>)` as a link without a preview.
 */
export function payloadText(payload: ReplyPayload): string {
  const lines: string[] = payload.content ? payload.content.split('\n') : [];
  for (const embed of payload.embeds ?? []) {
    const card: string[] = [];
    if (embed.title) card.push(`**${embed.title}**`);
    if (embed.description) card.push(...embed.description.split('\n'));
    for (const field of embed.fields ?? []) card.push(`**${field.name}**`, ...field.value.split('\n'));
    if (embed.footer) card.push(embed.footer.text);
    lines.push(...card.map((line) => `│ ${line}`));
  }
  const buttons = (payload.components ?? []).flatMap((row) =>
    row.components.map((button) => ('label' in button ? `[${button.label}]` : '[…]')),
  );
  if (buttons.length > 0) lines.push(buttons.join(' '));
  return lines.join('\n');
}

/** `markdown` with each generated part replaced; throws when a part's markers are missing. */
export function withParts(markdown: string, parts: Record<string, string>, file: string): string {
  let out = markdown;
  for (const [name, text] of Object.entries(parts)) {
    const start = `<!-- generated: ${name} -->\n`;
    const end = '<!-- end generated -->';
    const from = out.indexOf(start);
    const to = from === -1 ? -1 : out.indexOf(end, from);
    if (from === -1 || to === -1) throw new Error(`${file}: no "${start.trim()}" … "${end}" block`);
    out = `${out.slice(0, from + start.length)}${text}\n${out.slice(to)}`;
  }
  return out;
}

async function main(): Promise<void> {
  for (const [file, parts] of Object.entries(await generatedParts())) {
    const path = join(root, file);
    const before = readFileSync(path, 'utf8');
    const after = withParts(before, parts, file);
    if (after !== before) writeFileSync(path, after);
    process.stdout.write(`${file}: ${after === before ? 'up to date' : 'written'}\n`);
  }
}

if (isEntryPoint(import.meta.url)) await main();
