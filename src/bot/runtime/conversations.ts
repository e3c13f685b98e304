import { DiscordAPIError, type Message, type ThreadChannel } from 'discord.js';
import { compactTurn, KEPT_TURNS } from '../../conversation/conversationWindow.ts';
import type { Turn } from '../../conversation/turn.ts';
import { InvalidQuestionError } from '../../errors.ts';
import { setMostRecent } from '../../recentlyUsed.ts';
import { unescapeMarkdown } from '../replies/markdown.ts';
import type { QaEngine } from './qaEngine.ts';
import { questionOf } from './questionOf.ts';

export const conversationDefaults = {
  /** Conversations remembered at once; the least recently used are forgotten, and re-read from Discord if they go on. */
  remembered: 1000,
  /** Messages of a thread read back when its conversation was forgotten (after a restart). */
  historyMessages: 50,
} as const;

/**
 * The conversations the bot is part of: a thread's by the thread's id, a reply chain's by the id of its last
 * answer. Bounded: the least recently used are dropped, and read back from Discord when they go on.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, readonly Turn[]>();

  constructor(private readonly remembered: number = conversationDefaults.remembered) {}

  get(key: string): readonly Turn[] | undefined {
    const turns = this.conversations.get(key);
    if (turns !== undefined) setMostRecent(this.conversations, key, turns, this.remembered);
    return turns;
  }

  set(key: string, turns: readonly Turn[]): void {
    setMostRecent(this.conversations, key, turns.slice(-KEPT_TURNS).map(compactTurn), this.remembered);
  }
}

/**
 * The turns of a conversation rebuilt from its questions: each asked again in order, after the ones before it,
 * so the bot reads them as it did the first time (as long as the corpus has not changed).
 */
export async function replayConversation(engine: QaEngine, questions: readonly string[]): Promise<Turn[]> {
  const turns: Turn[] = [];
  for (const question of questions.slice(-KEPT_TURNS)) {
    try {
      turns.push({ question, answer: await engine.ask(question, { after: turns }) });
    } catch (error) {
      // A question the engine refuses (empty, too long) was never answered: it is no turn. Anything else is a fault.
      if (!(error instanceof InvalidQuestionError)) throw error;
    }
  }
  return turns;
}

/**
 * The question a message of the bot answered: the title of its answer embed, which holds the question as
 * read (self-contained); else the text of the message it replied to. Null for its other messages.
 */
async function questionAnsweredBy(message: Message, known: ReadonlyMap<string, Message> = new Map()): Promise<string | null> {
  const title = message.embeds[0]?.title;
  // A title cut to fit ends in "…" and reads back wrong.
  if (title && !title.endsWith('…') && !title.startsWith('More sources: ')) return unescapeMarkdown(title);
  const asked = await questionMessage(message, known);
  const question = asked ? questionOf(asked.content) : '';
  return question === '' ? null : question;
}

/** A message or channel Discord will not give (deleted, or no longer visible to the bot) is none; other errors are faults. */
export function refusedAsNull(error: unknown): null {
  if (error instanceof DiscordAPIError) return null;
  throw error;
}

/** The message a reply answers, from those at hand or fetched; null when it is gone or is no reply. */
async function questionMessage(message: Message, known: ReadonlyMap<string, Message>): Promise<Message | null> {
  const id = message.reference?.messageId;
  if (id === undefined) return null;
  return known.get(id) ?? (await message.fetchReference().catch(refusedAsNull));
}

/**
 * The questions of a thread the bot opened, oldest first, read back from Discord: the one answered by the
 * message the thread was started from, then each the bot answered in the thread.
 */
export async function threadQuestions(thread: ThreadChannel, me: string): Promise<string[]> {
  const questions: string[] = [];
  const starter = await thread.fetchStarterMessage().catch(refusedAsNull);
  if (starter?.author.id === me) {
    const question = await questionAnsweredBy(starter);
    if (question !== null) questions.push(question);
  }
  const fetched = await thread.messages.fetch({ limit: conversationDefaults.historyMessages });
  const messages = [...fetched.values()].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const byId = new Map(messages.map((message) => [message.id, message]));
  for (const message of messages) {
    // The bot's answers: replies to questions, and /ask responses, which carry the question as their title.
    if (message.author.id !== me || (message.reference === null && message.embeds.length === 0)) continue;
    const question = await questionAnsweredBy(message, byId);
    if (question !== null) questions.push(question);
  }
  return questions;
}

/**
 * The questions of a reply chain, oldest first: the one the replied-to answer answered, then, while that
 * question was itself a reply to an answer of the bot, the one before, and so on.
 */
export async function replyChainQuestions(message: Message, me: string): Promise<string[]> {
  const questions: string[] = [];
  let answer = await questionMessage(message, new Map());
  while (answer !== null && answer.author.id === me && questions.length < KEPT_TURNS) {
    const asked = await questionMessage(answer, new Map());
    const question = await questionAnsweredBy(answer, asked === null ? new Map() : new Map([[asked.id, asked]]));
    if (question === null) break;
    questions.unshift(question);
    answer = asked === null ? null : await questionMessage(asked, new Map());
  }
  return questions;
}
