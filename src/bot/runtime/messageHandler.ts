import type { Message } from 'discord.js';
import { textPayload } from '../replies/payload.ts';
import { answersMentionsIn } from '../storage/guildSettings.ts';
import { ask, askedIn } from './ask.ts';
import { type BotContext, type BotDeps, depsFor } from './deps.ts';
import { failureText } from './dispatcher.ts';
import { conversationOf, openFollowUpThread, opensThreads } from './followUpThreads.ts';
import type { HelpDesk } from './helpDesk.ts';
import { questionOf } from './questionOf.ts';
import { rateLimitText } from './respond.ts';
import { settingsFor, takeQuestion, tellRefusal } from './serverSettings.ts';

/**
 * Answers a message that mentions the bot or replies to one of its answers, as a reply, and every message
 * in a thread the bot opened when the Message Content intent is on; hands help channels' messages to the
 * help desk first. A reply or a message in such a thread is
 * read in its conversation; the conversation goes on under the new answer. Messages are never ephemeral,
 * so notices go as short replies too.
 */
export function createMessageHandler(context: BotContext, helpDesk?: Pick<HelpDesk, 'take'>): (message: Message) => Promise<void> {
  return async (message) => {
    const me = message.client.user;
    if (message.author.bot || message.system) return;
    const deps = depsFor(context);
    // A help channel's post or follow-up is the help desk's; a mention there still comes here.
    if (await helpDesk?.take(message, deps)) return;
    const mentioned = message.mentions.users.has(me.id);
    const repliedToMe = message.reference !== null && message.mentions.repliedUser?.id === me.id;
    const inOwnThread = message.channel.isThread() && message.channel.ownerId === me.id;
    const addressed = mentioned || repliedToMe;
    if (!addressed && !(inOwnThread && deps.messageContent)) return;
    const question = questionOf(message.content);
    // Without the Message Content intent, a reply that does not ping the bot arrives empty: ignore it.
    if (question === '' && !mentioned) return;
    const parent = message.channel.isThread() ? message.channel.parentId : null;
    if (!answersMentionsIn(await settingsFor(deps, message.guildId), message.channelId, parent)) return;
    try {
      const limit = await takeQuestion(deps, message.guildId, message.author.id);
      if (!limit.allowed) {
        // In public, once per window: the rest of a flood of mentions passes in silence.
        if (tellRefusal(deps, message.guildId, message.author.id, limit.retryAfterMs)) {
          await message.reply(textPayload(rateLimitText(limit.retryAfterMs)));
        }
        return;
      }
      await answerMessage(message, question, addressed, deps);
    } catch (error) {
      deps.logger.error('mention question failed', { message: message.id, user: message.author.id, error });
      try {
        await message.reply(textPayload(failureText));
      } catch (replyError) {
        deps.logger.error('could not tell the user about a failure', { message: message.id, error: replyError });
      }
    }
  };
}

async function answerMessage(message: Message, question: string, addressed: boolean, deps: BotDeps): Promise<void> {
  const me = message.client.user.id;
  const { turns, thread } = await conversationOf(message, me, deps);
  const threadable = opensThreads(message.channel);
  const asked = await askedIn(deps, { guildId: message.guildId, channelId: message.channelId, userId: message.author.id });
  const result = await ask(deps.engine, question, { asked, after: turns, followUpButton: threadable });
  if (result.kind === 'notice') {
    // In its threads, with the Message Content intent, the bot hears everything: chat that is no question passes.
    if (addressed) await message.reply(textPayload(result.text));
    return;
  }
  const answer = await message.reply(result.payload);
  const conversation = [...turns, { question, answer: result.answer }];
  if (thread) {
    deps.conversations.set(thread.id, conversation);
    return;
  }
  // A reply to this answer goes on with the same conversation.
  deps.conversations.set(answer.id, conversation);
  if (threadable && message.inGuild() && (await deps.openThreads(message.guildId))) {
    await openFollowUpThread(answer, conversation, deps).catch((error: unknown) =>
      deps.logger.warn('could not open a thread under an answer', { message: answer.id, error }),
    );
  }
}
