import type { GuildBasedChannel, GuildMember, PermissionsString, Role } from 'discord.js';
import type { HelpChannel } from '../storage/guildSettings.ts';
import { permissionList } from './preconditions.ts';

/** What the bot needs in a help channel, and what for. */
const needed: Record<HelpChannel['kind'], readonly [PermissionsString, string][]> = {
  forum: [
    ['ViewChannel', 'see new posts'],
    ['ReadMessageHistory', 'read a post and its thread'],
    ['SendMessagesInThreads', 'answer in the posts'],
    ['ManageThreads', 'apply the Solved tag and archive solved posts'],
  ],
  text: [
    ['ViewChannel', 'see new questions'],
    ['ReadMessageHistory', 'read a question and its thread'],
    ['CreatePublicThreads', 'open a thread under each question'],
    ['SendMessagesInThreads', 'answer in those threads'],
  ],
};

/**
 * What the bot lacks to serve `channel` as a help channel, each with what it is needed for; empty when it
 * has everything. Read from the bot's own permissions in that channel (roles and the channel's overwrites).
 *
 * @example missingHelpPermissions(forum, me, 'forum') // → ['Manage Threads (to apply the Solved tag and archive solved posts)']
 */
export function missingHelpPermissions(channel: GuildBasedChannel, me: GuildMember, kind: HelpChannel['kind']): string[] {
  const has = channel.permissionsFor(me);
  return needed[kind]
    .filter(([permission]) => !has.has(permission))
    .map(([permission, why]) => `${permissionList([permission])} (to ${why})`);
}

/** Why the bot could not mention a support role, or null when it can: a role that is not mentionable needs Mention Everyone. */
export function cannotMentionRole(role: Role, me: GuildMember): string | null {
  if (role.mentionable || me.permissions.has('MentionEveryone')) return null;
  return `I can't mention ${role.name} yet: make the role mentionable (Server Settings → Roles), or give me the ${permissionList(['MentionEveryone'])} permission.`;
}
