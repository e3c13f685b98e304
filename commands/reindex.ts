import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { formatReindex, reindexFailureText } from '../src/bot/replies/formatReindex.ts';
import type { BotDeps, ReindexOutcome } from '../src/bot/runtime/deps.ts';
import { canManageServer, managersOnlyText } from '../src/bot/runtime/permissions.ts';
import { notify, respond } from '../src/bot/runtime/respond.ts';

/**
 * For server managers only. Discord hides the command from members without Manage Server and refuses it
 * to them; the bot checks the member's permissions again in case an override in Server Settings →
 * Integrations lets others run it. Guild-only: in DMs there is no server to manage.
 */
export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Re-read the corpus folder now and report which documents changed.')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  if (!canManageServer(interaction)) return notify(interaction, managersOnlyText('reindex'));
  if (!deps.reindex) return notify(interaction, 'This bot serves a fixed corpus; there is nothing to reindex.');
  // A rebuild of a large corpus takes longer than Discord's 3-second reply window.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let outcome: ReindexOutcome;
  try {
    outcome = await deps.reindex();
  } catch (error) {
    deps.logger.error('reindex failed', { interaction: interaction.id, user: interaction.user.id, error });
    return notify(interaction, reindexFailureText(error));
  }
  await respond(interaction, formatReindex(outcome));
}
