import { type Interaction, PermissionFlagsBits } from 'discord.js';

/**
 * Whether the member behind an interaction may manage the server: Manage Server, or Administrator, which
 * implies it. Discord already hides manager commands from other members, but a server's admins can grant a
 * command to anyone in Server Settings → Integrations; a command that changes what the bot does for the whole
 * server checks again.
 */
export function canManageServer(interaction: Interaction): boolean {
  return interaction.inGuild() && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false);
}

/** The private notice for a member without Manage Server. */
export function managersOnlyText(command: string): string {
  return `Only members with the Manage Server permission can use /${command}.`;
}
