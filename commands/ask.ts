import { type ButtonInteraction, type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { unescapeMarkdown } from '../src/bot/replies/markdown.ts';
import { ask, askedIn, moreSources, serverFeedback } from '../src/bot/runtime/ask.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import { notify, rateLimitText, respond } from '../src/bot/runtime/respond.ts';
import { recordVote } from '../src/bot/runtime/vote.ts';
import { questionKey } from '../src/bot/storage/questionKey.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question; get the answer with a quoted, cited passage from the corpus.')
  .addStringOption((o) => o.setName('question').setDescription("e.g. Who met Portugal's minister?").setRequired(true).setMaxLength(500));

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  const limit = deps.limiter.take(interaction.user.id);
  if (!limit.allowed) return notify(interaction, rateLimitText(limit.retryAfterMs));
  const question = interaction.options.getString('question') ?? '';
  if (deps.deferAnswers && question.trim() !== '') await interaction.deferReply();
  const where = { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id };
  const result = ask(deps.engine, question, askedIn(deps, where));
  if (result.kind === 'notice') return notify(interaction, result.text);
  await respond(interaction, result.payload);
}

/** The answer's buttons: 👍/👎 (`ask:vote:…`) and "More sources" (`ask:more:<offset>`). */
export async function button(interaction: ButtonInteraction, deps: BotDeps): Promise<void> {
  if (interaction.customId.startsWith('ask:vote:')) return recordVote(interaction, deps);
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
