import {
  InteractionContextType,
  PermissionsBitField,
  type PermissionsString,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RepliableInteraction,
} from 'discord.js';
import type { BotDeps } from './deps.ts';
import { rateLimitText } from './respond.ts';
import { takeQuestion } from './serverSettings.ts';

/** A check before a handler runs: null lets it run; a string is the private notice that refuses it. */
export type Precondition = (interaction: RepliableInteraction, deps: BotDeps) => string | null | Promise<string | null>;

/**
 * What a command, button or menu needs before its handler runs, declared beside it and enforced by the
 * dispatcher alone, so no handler checks it again (Sapphire's preconditions are the model). Checked in the
 * order of the fields; the first that fails refuses the interaction with a private notice.
 */
export interface Requirements {
  /**
   * Permissions the member must hold (`['ManageGuild']`); Administrator implies them. For a command they
   * are also registered as its default member permissions, so Discord shows it only to those members; the
   * dispatcher checks them again on every use, since a server's admins can grant a command to anyone in
   * Server Settings → Integrations. A command that needs permissions is registered for servers only.
   */
  permissions?: readonly PermissionsString[];
  /** Servers only, not direct messages (implied by `permissions`). */
  guildOnly?: boolean;
  /** Needs the bot's database (DATA_DIR): refused with this notice when the bot runs without one. */
  store?: string;
  /** Further checks, after the ones above. */
  also?: readonly Precondition[];
  /**
   * Counts as a question against the member's rate limit in this server (`/settings rate-limit`): refused
   * with "You're asking quickly" when over it. Checked last, so a refused interaction costs no question.
   */
  cooldown?: 'questions';
}

/** The names Discord's client shows for the permissions the bot asks of members. */
const permissionNames: Partial<Record<PermissionsString, string>> = {
  Administrator: 'Administrator',
  ManageGuild: 'Manage Server',
  ManageThreads: 'Manage Threads',
  ManageMessages: 'Manage Messages',
  ViewChannel: 'View Channels',
  ReadMessageHistory: 'Read Message History',
  SendMessagesInThreads: 'Send Messages in Threads',
  CreatePublicThreads: 'Create Public Threads',
  MentionEveryone: 'Mention @everyone, @here, and All Roles',
};

/** "Manage Server", or "Manage Server and Manage Threads": a list of permissions as members see them. */
export function permissionList(permissions: readonly PermissionsString[]): string {
  return permissions.map((p) => permissionNames[p] ?? p.replace(/([a-z])([A-Z])/g, '$1 $2')).join(' and ');
}

/** The notice for a member without the permissions `use` needs ("/settings", "this button"). */
export function missingPermissionText(permissions: readonly PermissionsString[], use: string): string {
  const list = permissionList(permissions);
  return `Only members with the ${list} permission${permissions.length > 1 ? 's' : ''} can use ${use}.`;
}

/** Whether the member behind an interaction holds these permissions in a server (Administrator implies them). */
export function memberHas(interaction: RepliableInteraction, permissions: readonly PermissionsString[]): boolean {
  return interaction.inGuild() && (interaction.memberPermissions?.has([...permissions]) ?? false);
}

/**
 * Why the interaction may not go on, as the private notice to send, or null when every requirement holds.
 * `use` names what was used, for the permission notice: "/settings", "this button".
 */
export async function refusal(
  requirements: Requirements | undefined,
  interaction: RepliableInteraction,
  deps: BotDeps,
  use: string,
): Promise<string | null> {
  if (!requirements) return null;
  const { permissions = [] } = requirements;
  if (permissions.length > 0 && !memberHas(interaction, permissions)) return missingPermissionText(permissions, use);
  if (requirements.guildOnly && !interaction.inGuild()) return `${use} works in servers only.`;
  if (requirements.store !== undefined && !deps.store) return requirements.store;
  for (const check of requirements.also ?? []) {
    const refused = await check(interaction, deps);
    if (refused !== null) return refused;
  }
  if (requirements.cooldown === 'questions') {
    const limit = await takeQuestion(deps, interaction.guildId, interaction.user.id);
    if (!limit.allowed) return rateLimitText(limit.retryAfterMs);
  }
  return null;
}

/**
 * What Discord is told of a command's requirements when it is registered: its default member permissions
 * (a bit set, as a string) and, for servers only, the Guild context. From the same declaration the
 * dispatcher enforces, so the two cannot disagree.
 */
export function registeredRequirements(
  requirements: Requirements | undefined,
): Pick<RESTPostAPIChatInputApplicationCommandsJSONBody, 'default_member_permissions' | 'contexts'> {
  const permissions = requirements?.permissions ?? [];
  const guildOnly = (requirements?.guildOnly ?? false) || permissions.length > 0;
  return {
    ...(permissions.length > 0 ? { default_member_permissions: PermissionsBitField.resolve([...permissions]).toString() } : {}),
    ...(guildOnly ? { contexts: [InteractionContextType.Guild] } : {}),
  };
}
