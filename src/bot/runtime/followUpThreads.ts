import {
  type ButtonInteraction,
  type Channel,
  ChannelType,
  DiscordAPIError,
  type Message,
  RESTJSONErrorCodes,
  ThreadAutoArchiveDuration,
  type ThreadChannel,
} from 'discord.js';
import type { Turn } from '../../conversation/turn.ts';
import { clip, unescapeMarkdown } from '../replies/markdown.ts';
import { textPayload } from '../replies/payload.ts';
import { replayConversation, replyChainQuestions, threadQuestions } from './conversations.ts';
import type { BotDeps } from './deps.ts';
import { notify } from './respond.ts';

/** Discord's longest thread name. */
const THREAD_NAME_CHARS = 100;

export const cannotOpenThreadText =
  "I can't open a thread here: I need the Create Public Threads and Send Messages in Threads permissions in this channel.";
export const notInTextChannelText = "Follow-up threads open in a server's text channels; here, reply to my answer to ask a follow-up.";

/** Whether follow-up threads can open under messages in this channel: a server's text or announcement channel. */
export function opensThreads(channel: Channel | null): boolean {
  return channel?.type === ChannelType.GuildText || channel?.type === ChannelType.GuildAnnouncement;
}

/** What the bot writes first in a thread it opened: how to ask, which depends on the Message Content intent. */
export function threadIntro(messageContent: boolean): string {
  return messageContent
    ? 'Ask your follow-up questions here: I read each message in this thread as a question, in the conversation so far.'
    : 'Ask your follow-up questions here: mention me or reply to one of my answers, and I read it in the conversation so far.';
}

/**
 * Opens a thread under an answer of the bot, named after its question, with `turns` as its conversation, and
 * says there how to ask. Throws what Discord answers when the bot may not open threads in that channel.
 */
export async function openFollowUpThread(answer: Message, turns: readonly Turn[], deps: BotDeps): Promise<ThreadChannel> {
  const last = turns[turns.length - 1];
  const name = clip(last?.answer.interpreted ?? last?.question ?? 'Follow-up questions', THREAD_NAME_CHARS);
  const thread = await answer.startThread({ name, autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
  deps.conversations.set(thread.id, turns);
  await thread.send(textPayload(threadIntro(deps.messageContent)));
  return thread;
}

/**
 * "Ask a follow-up": opens a thread under the answer the button is on, the answer's question as the start
 * of its conversation (read back from the embed title, as "More sources" does), and points the user to it.
 */
export async function followUpButton(interaction: ButtonInteraction, deps: BotDeps): Promise<void> {
  const { message, channel } = interaction;
  if (!opensThreads(channel)) return notify(interaction, notInTextChannelText);
  if (message.thread) return notify(interaction, `Ask your follow-up in ${message.thread}.`);
  const title = message.embeds[0]?.title;
  if (!title) return notify(interaction, 'This button no longer works; ask the question again.');
  try {
    const thread = await openFollowUpThread(message, await replayConversation(deps.engine, [unescapeMarkdown(title)]), deps);
    await notify(interaction, `Ask your follow-up in ${thread}.`);
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    if (error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) {
      return notify(interaction, 'Ask your follow-up in the thread under this answer.');
    }
    if (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess) {
      return notify(interaction, cannotOpenThreadText);
    }
    throw error;
  }
}

/** A conversation a message goes on with, and where it is kept. */
export interface MessageConversation {
  /** The turns so far (empty for a new question). */
  turns: readonly Turn[];
  /** The thread the conversation is kept under, when the message is in one the bot opened. */
  thread: ThreadChannel | null;
}

/**
 * The conversation a message goes on with: in a thread the bot opened, the thread's; in reply to one of the
 * bot's answers, that answer's chain. Remembered conversations are read from the store; a forgotten one (the
 * bot restarted) is read back from Discord and its questions asked again in order.
 */
export async function conversationOf(message: Message, me: string, deps: BotDeps): Promise<MessageConversation> {
  const inThread = await threadConversation(message.channel, me, deps);
  if (inThread.thread) return inThread;
  const repliedTo = message.reference?.messageId;
  if (repliedTo !== undefined && message.mentions.repliedUser?.id === me) {
    const turns = deps.conversations.get(repliedTo) ?? (await replayConversation(deps.engine, await replyChainQuestions(message, me)));
    return { turns, thread: null };
  }
  return { turns: [], thread: null };
}

/**
 * The conversation of a thread the bot opened or a help post's thread (remembered, or read back from
 * Discord); none elsewhere.
 */
export async function threadConversation(channel: Channel | null, me: string, deps: BotDeps): Promise<MessageConversation> {
  if (!channel?.isThread()) return { turns: [], thread: null };
  if (channel.ownerId !== me && (await deps.store?.helpPosts.get(channel.id)) === undefined) return { turns: [], thread: null };
  const turns = deps.conversations.get(channel.id) ?? (await replayConversation(deps.engine, await threadQuestions(channel, me)));
  return { turns, thread: channel };
}
