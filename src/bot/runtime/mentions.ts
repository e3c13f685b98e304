import type { Message } from 'discord.js';
import { textPayload } from '../replies/payload.ts';
import { ask, askedIn } from './ask.ts';
import { type BotContext, depsFor } from './deps.ts';
import { failureText } from './dispatcher.ts';
import { rateLimitText } from './respond.ts';

// User, role and channel mentions and mass pings address people in Discord; they are not part of the question.
const DISCORD_MENTION = /<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/g;

/** The question in a message, without mentions of the bot or anyone else. */
export function questionOf(content: string): string {
  return content.replace(DISCORD_MENTION, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Answers a message that mentions the bot, or replies to one of its messages, as a reply in the
 * channel. Messages are never ephemeral, so notices go as short replies too.
 */
export function createMessageHandler(context: BotContext): (message: Message) => Promise<void> {
  return async (message) => {
    const me = message.client.user;
    if (message.author.bot || message.system) return;
    const mentioned = message.mentions.users.has(me.id);
    const repliedToMe = message.reference !== null && message.mentions.repliedUser?.id === me.id;
    if (!mentioned && !repliedToMe) return;
    const question = questionOf(message.content);
    // Without the Message Content intent, a reply that does not ping the bot arrives empty: ignore it.
    if (question === '' && !mentioned) return;
    const deps = depsFor(context);
    try {
      const limit = deps.limiter.take(message.author.id);
      if (!limit.allowed) {
        await message.reply(textPayload(rateLimitText(limit.retryAfterMs)));
        return;
      }
      const result = ask(
        deps.engine,
        question,
        askedIn(deps, { guildId: message.guildId, channelId: message.channelId, userId: message.author.id }),
      );
      await message.reply(result.kind === 'answer' ? result.payload : textPayload(result.text));
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
