import { type ButtonInteraction, type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { customIds } from '../src/bot/replies/customIds.ts';
import { unescapeMarkdown } from '../src/bot/replies/markdown.ts';
import { ask, askedIn, moreSources, serverFeedback } from '../src/bot/runtime/ask.ts';
import { onButton, onSelect } from '../src/bot/runtime/command.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import { followUpButton, opensThreads, threadConversation } from '../src/bot/runtime/followUpThreads.ts';
import type { Requirements } from '../src/bot/runtime/preconditions.ts';
import { notify, respond } from '../src/bot/runtime/respond.ts';
import { recordReason, recordVote } from '../src/bot/runtime/vote.ts';
import { questionKey } from '../src/bot/storage/questionKey.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question; get the answer with a quoted, cited passage from the corpus.')
  .addStringOption((o) => o.setName('question').setDescription("e.g. Who met Portugal's minister?").setRequired(true).setMaxLength(500));

/** Each /ask counts against the member's question rate limit in the server. */
export const requires: Requirements = { cooldown: 'questions' };

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  const question = interaction.options.getString('question') ?? '';
  if (deps.deferAnswers && question.trim() !== '') await interaction.deferReply();
  const where = { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id };
  // In a thread the bot opened, /ask goes on with the thread's conversation; elsewhere it can start one.
  const { turns, thread } = await threadConversation(interaction.channel, interaction.client.user.id, deps);
  const result = await ask(deps.engine, question, {
    asked: await askedIn(deps, where),
    after: turns,
    followUpButton: opensThreads(interaction.channel),
  });
  if (result.kind === 'notice') return notify(interaction, result.text);
  await respond(interaction, result.payload);
  if (thread) deps.conversations.set(thread.id, [...turns, { question, answer: result.answer }]);
}

/** The answer's buttons: 👍/👎 (and the menu of reasons under a 👎), "More sources" and "Ask a follow-up". */
export const components = [
  onButton(customIds.vote, recordVote),
  onSelect(customIds.downvoteReason, recordReason, { store: 'This menu no longer works.' }),
  onButton(customIds.moreSources, showMoreSources),
  onButton(customIds.followUp, (interaction, _values, deps) => followUpButton(interaction, deps)),
];

/** "More sources": the question is read back from the answer's embed title, so no state is kept. */
async function showMoreSources(interaction: ButtonInteraction, { offset }: { offset: number }, deps: BotDeps): Promise<void> {
  const title = interaction.message.embeds[0]?.title;
  if (!title) return notify(interaction, 'This button no longer works; ask the question again.');
  const question = unescapeMarkdown(title.replace(/^More sources: /, ''));
  const feedback =
    deps.store && interaction.guildId ? await serverFeedback(deps.store, interaction.guildId, questionKey(question)) : undefined;
  const result = await moreSources(deps.engine, question, offset, feedback);
  if (result.kind === 'notice') return notify(interaction, result.text);
  await respond(interaction, result.payload, { ephemeral: true });
}
