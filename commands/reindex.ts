import { type ChatInputCommandInteraction, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { formatReindex, reindexFailureText } from '../src/bot/replies/formatReindex.ts';
import type { BotDeps, ReindexOutcome } from '../src/bot/runtime/deps.ts';
import type { Requirements } from '../src/bot/runtime/preconditions.ts';
import { notify, respond } from '../src/bot/runtime/respond.ts';

/** For server managers only (in servers: in DMs there is no server to manage). */
export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Re-read the corpus folder now and report which documents changed.');

export const requires: Requirements = {
  permissions: ['ManageGuild'],
  also: [(_interaction, deps) => (deps.reindex ? null : 'This bot serves a fixed corpus; there is nothing to reindex.')],
};

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  const reindex = deps.reindex!;
  // A rebuild of a large corpus takes longer than Discord's 3-second reply window.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let outcome: ReindexOutcome;
  try {
    outcome = await reindex();
  } catch (error) {
    deps.logger.error('reindex failed', { interaction: interaction.id, user: interaction.user.id, error });
    return notify(interaction, reindexFailureText(error));
  }
  await respond(interaction, formatReindex(outcome));
}
