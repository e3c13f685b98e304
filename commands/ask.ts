import { type ButtonInteraction, type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { followUpId } from '../src/bot/replies/formatAnswer.ts';
import { unescapeMarkdown } from '../src/bot/replies/markdown.ts';
import { ask, askedIn, moreSources, serverFeedback } from '../src/bot/runtime/ask.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import { followUpButton, opensThreads, threadConversation } from '../src/bot/runtime/followUpThreads.ts';
import { notify, rateLimitText, respond } from '../src/bot/runtime/respond.ts';
import { takeQuestion } from '../src/bot/runtime/serverSettings.ts';
import { recordVote } from '../src/bot/runtime/vote.ts';
import { questionKey } from '../src/bot/storage/questionKey.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question; get the answer with a quoted, cited passage from the corpus.')
  .addStringOption((o) => o.setName('question').setDescription("e.g. Who met Portugal's minister?").setRequired(true).setMaxLength(500));

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  const limit = takeQuestion(deps, interaction.guildId, interaction.user.id);
  if (!limit.allowed) return notify(interaction, rateLimitText(limit.retryAfterMs));
  const question = interaction.options.getString('question') ?? '';
  if (deps.deferAnswers && question.trim() !== '') await interaction.deferReply();
  const where = { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id };
  // In a thread the bot opened, /ask goes on with the thread's conversation; elsewhere it can start one.
  const { turns, thread } = await threadConversation(interaction.channel, interaction.client.user.id, deps);
  const result = ask(deps.engine, question, {
    asked: askedIn(deps, where),
    after: turns,
    followUpButton: opensThreads(interaction.channel),
  });
  if (result.kind === 'notice') return notify(interaction, result.text);
  await respond(interaction, result.payload);
  if (thread) deps.conversations.set(thread.id, [...turns, { question, answer: result.answer }]);
}

/** The answer's buttons: 👍/👎 (`ask:vote:…`), "More sources" (`ask:more:<offset>`) and "Ask a follow-up" (`ask:thread`). */
export async function button(interaction: ButtonInteraction, deps: BotDeps): Promise<void> {
  if (interaction.customId.startsWith('ask:vote:')) return recordVote(interaction, deps);
  if (interaction.customId === followUpId) return followUpButton(interaction, deps);
  return showMoreSources(interaction, deps);
}

/** "More sources": the question is read back from the answer's embed title, so no state is kept. */
async function showMoreSources(interaction: ButtonInteraction, deps: BotDeps): Promise<void> {
  const offset = Number(interaction.customId.split(':')[2] ?? 0);
  const title = interaction.message.embeds[0]?.title;
  if (!title || !Number.isInteger(offset) || offset < 0) return notify(interaction, 'This button no longer works; ask the question again.');
  const question = unescapeMarkdown(title.replace(/^More sources: /, ''));
  const feedback = deps.store && interaction.guildId ? serverFeedback(deps.store, interaction.guildId, questionKey(question)) : undefined;
  const result = moreSources(deps.engine, question, offset, feedback);
  if (result.kind === 'notice') return notify(interaction, result.text);
  await respond(interaction, result.payload, { ephemeral: true });
}
