import type { Answer } from '../answer/answer.ts';
import { furtherCitations } from '../answer/furtherSources.ts';
import { compactTurn, KEPT_TURNS } from '../conversation/conversationWindow.ts';
import type { Turn } from '../conversation/turn.ts';
import type { Engine } from '../engine.ts';
import { formatCardText } from '../entities/formatCard.ts';
import { InvalidQuestionError } from '../errors.ts';
import { closest } from './commandLine.ts';
import { formatAnswerText, formatMoreSourcesText, formatSourceText } from './formatAnswer.ts';

/** Sources per `/more` page, as per "More sources" page in Discord. */
const SOURCES_PER_PAGE = 3;
/** Near names an unknown `/entity` name suggests. */
const NEAREST_NAMES = 5;

/** What the session says to one line, and whether the user asked to leave. */
export interface ChatReply {
  text: string;
  quit?: boolean;
}

interface ChatCommand {
  name: string;
  /** How its argument is written in `/help`. */
  argument?: string;
  help: string;
  run(session: ChatSession, argument: string): Promise<ChatReply> | ChatReply;
}

/** The chat's commands: `/help` lists them, and a mistyped one is matched against them. */
const COMMANDS: readonly ChatCommand[] = [
  { name: '/more', help: 'more sources for the last answer, a page at a time', run: (session) => session.more() },
  {
    name: '/source',
    argument: '[DOC]',
    help: "a document's title, date, file, link and lead: by id, by part of its title, or the last answer's",
    run: (session, argument) => session.source(argument),
  },
  {
    name: '/entity',
    argument: 'NAME',
    help: 'what the corpus says of a person, organization or place',
    run: (session, argument) => session.entity(argument),
  },
  { name: '/reset', help: 'forget the conversation: the next question is read on its own', run: (session) => session.reset() },
  { name: '/help', help: 'this list', run: () => ({ text: chatHelp() }) },
  { name: '/quit', help: 'leave (Ctrl+D too)', run: () => ({ text: '', quit: true }) },
];

/** What `/help` prints. */
export function chatHelp(): string {
  const rows = COMMANDS.map((command) => ({
    left: `${command.name}${command.argument ? ` ${command.argument}` : ''}`,
    help: command.help,
  }));
  const width = Math.max(...rows.map((row) => row.left.length)) + 2;
  return [
    'Type a question; a follow-up ("What did he speak about?", "And in Turkey?") is read in the conversation so far.',
    ...rows.map((row) => `  ${row.left.padEnd(width)}${row.help}`),
  ].join('\n');
}

/**
 * A conversation with the engine, one line at a time, as a member has it with the bot: each question is read
 * after the last turns, each answer shown as the bot shows it, and the commands of `/help`. No I/O: the
 * terminal front end (`chat.ts`) reads the lines and prints the replies.
 *
 * @example
 * const session = new ChatSession(engine);
 * await session.respond('Who is the chairman of AzerTelecom?');
 * (await session.respond('What did he speak about?')).text; // → '(taking "he" as Fuad Allahverdiyev)\n…'
 */
export class ChatSession {
  private turns: Turn[] = [];
  private last: Answer | null = null;
  private sourcesShown = 0;

  constructor(private readonly engine: Engine) {}

  /** The reply to one line: a question, or a command starting with `/`. An empty line gets an empty reply. */
  async respond(line: string): Promise<ChatReply> {
    const input = line.trim();
    if (input === '') return { text: '' };
    if (!input.startsWith('/')) return { text: await this.ask(input) };
    const [name = '', ...rest] = input.split(/\s+/);
    const command = COMMANDS.find((candidate) => candidate.name === name.toLowerCase());
    if (command === undefined) {
      const guess = closest(
        name,
        COMMANDS.map((candidate) => candidate.name),
      );
      return { text: `Unknown command ${name}${guess ? `; did you mean ${guess}?` : ''} (/help lists them)` };
    }
    return command.run(this, rest.join(' '));
  }

  private async ask(question: string): Promise<string> {
    let answer: Answer;
    try {
      answer = await this.engine.ask(question, { after: this.turns });
    } catch (error) {
      if (error instanceof InvalidQuestionError) return error.message;
      throw error;
    }
    this.turns = [...this.turns, compactTurn({ question, answer })].slice(-KEPT_TURNS);
    this.last = answer;
    this.sourcesShown = 0;
    return formatAnswerText(answer);
  }

  /** The next page of sources for the last answer's question, as it was read. */
  async more(): Promise<ChatReply> {
    if (this.last === null) return { text: 'Ask a question first: /more then lists further sources for its answer.' };
    const question = this.last.interpreted ?? this.last.question;
    const answer = await this.engine.ask(question, { top: this.sourcesShown + SOURCES_PER_PAGE + 2 });
    const sources = furtherCitations(this.engine, answer).flatMap((citation) => {
      const doc = this.engine.document(citation.doc);
      return doc ? [{ citation, text: doc.text.slice(citation.start, citation.end) }] : [];
    });
    const page = sources.slice(this.sourcesShown, this.sourcesShown + SOURCES_PER_PAGE);
    const text = formatMoreSourcesText(question, page, this.sourcesShown, sources.length > this.sourcesShown + SOURCES_PER_PAGE);
    this.sourcesShown += page.length;
    return { text };
  }

  /** A document by id or by part of its title; with no argument, the last answer's. */
  async source(wanted: string): Promise<ChatReply> {
    const id = wanted === '' ? this.last?.source?.doc : wanted;
    if (id === undefined) return { text: 'Give a document: /source ID, or /source and part of its title.' };
    const doc = await this.engine.lookUpDocument(id);
    if (doc === undefined) return { text: `No document matches "${wanted}".` };
    return { text: formatSourceText(doc) };
  }

  /** What the corpus says of a name, or the nearest names it knows. */
  async entity(name: string): Promise<ChatReply> {
    if (name === '') return { text: 'Give a name: /entity Abbasov' };
    const entities = await this.engine.prepareEntities();
    const card = entities.card(name);
    if (card) return { text: formatCardText(card) };
    const nearest = entities.search(name, NEAREST_NAMES).map((entity) => entity.name);
    return { text: `No one and nothing named "${name}" in the corpus${nearest.length > 0 ? `; nearest: ${nearest.join(', ')}` : ''}.` };
  }

  reset(): ChatReply {
    this.turns = [];
    this.last = null;
    this.sourcesShown = 0;
    return { text: 'Conversation forgotten: the next question is read on its own.' };
  }
}
