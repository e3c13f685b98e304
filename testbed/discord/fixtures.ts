import { PermissionFlagsBits } from 'discord.js';

/**
 * The ids and objects of the small Discord world the tests run in: one application, one guild,
 * one text channel, one human user. Snowflakes are fixed strings so assertions can name them.
 */
export const ids = {
  application: '100000000000000001',
  bot: '100000000000000001',
  guild: '200000000000000002',
  channel: '300000000000000003',
  user: '400000000000000004',
  otherUser: '400000000000000005',
  role: '500000000000000005',
  /** A second guild, routed to shard 1 of 2 ((id >> 22) % 2 = 1; the first guild goes to shard 0). */
  secondGuild: '200000000004194306',
  secondChannel: '300000000000000007',
  /** A second text channel in the first guild. */
  otherChannel: '300000000000000009',
  /** A forum channel of the first guild, with a "Solved" tag among its available tags. */
  forum: '300000000000000011',
  /** A forum channel whose tags hold no "Solved" or "Resolved" one. */
  plainForum: '300000000000000013',
  /** A forum channel where the bot is denied Manage Threads. */
  lockedForum: '300000000000000015',
  /** A text channel for help questions. */
  helpChannel: '300000000000000017',
  /** The forum tags. */
  solvedTag: '600000000000000001',
  bugTag: '600000000000000002',
  questionTag: '600000000000000003',
  /** The role the bot's member has: every permission but Administrator. */
  botRole: '500000000000000007',
  /** A role for the people who answer help posts. */
  supportRole: '500000000000000009',
} as const;

/** The shard Discord routes a guild to: `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The text channel of each test guild. */
export function channelOf(guildId: string): string {
  return guildId === ids.secondGuild ? ids.secondChannel : ids.channel;
}

export interface UserObject {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
}

export const botUser: UserObject = {
  id: ids.bot,
  username: 'corpus-qa',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
};

export function humanUser(id: string = ids.user): UserObject {
  return { id, username: `user${id.slice(-2)}`, discriminator: '0', global_name: null, avatar: null };
}

const allButAdministrator = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n) & ~PermissionFlagsBits.Administrator;

/** Permission bit sets as Discord sends them in `member.permissions`. */
export const permissions = {
  /** Every permission, Manage Server (32) and Administrator included: the server's owner. */
  owner: '2147483647',
  /** View Channels, Send Messages, Read Message History and Use Application Commands, without Manage Server. */
  member: String(1024 + 2048 + 65_536 + 2_147_483_648),
  /** A member who helps in the help channels: a member's permissions and Manage Threads. */
  helper: String(1024n + 2048n + 65_536n + 2_147_483_648n + PermissionFlagsBits.ManageThreads),
  /** The bot's role: every permission but Administrator, so channel overwrites apply to it. */
  bot: String(allButAdministrator),
} as const;

export function memberObject(user: UserObject, memberPermissions: string = permissions.owner): Record<string, unknown> {
  return {
    user,
    roles: user.id === botUser.id ? [ids.botRole] : [],
    joined_at: '2024-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
    permissions: memberPermissions,
  };
}

/** A forum tag as Discord lists it in `available_tags`. */
export function forumTag(id: string, name: string, emoji: string | null = null): Record<string, unknown> {
  return { id, name, moderated: false, emoji_id: null, emoji_name: emoji };
}

const forums: Record<string, { name: string; tags: Record<string, unknown>[]; overwrites: Record<string, unknown>[] }> = {
  [ids.forum]: {
    name: 'help-forum',
    tags: [forumTag(ids.questionTag, 'Question', '❓'), forumTag(ids.bugTag, 'Bug'), forumTag(ids.solvedTag, 'Solved', '✅')],
    overwrites: [],
  },
  [ids.plainForum]: { name: 'ideas', tags: [forumTag(ids.bugTag, 'Bug')], overwrites: [] },
  [ids.lockedForum]: {
    name: 'locked-forum',
    tags: [forumTag(ids.solvedTag, 'Solved')],
    // Denied to the bot's own member, as a server admin would in the channel's permissions.
    overwrites: [{ id: ids.bot, type: 1, allow: '0', deny: String(PermissionFlagsBits.ManageThreads) }],
  },
};

/** Whether a channel of the test guild is a forum. */
export const isForum = (channelId: string) => channelId in forums;

const textNames: Record<string, string> = { [ids.otherChannel]: 'random', [ids.helpChannel]: 'help' };

export function channelObject(guildId: string = ids.guild, channelId: string = channelOf(guildId)): Record<string, unknown> {
  const forum = forums[channelId];
  const common = { id: channelId, guild_id: guildId, position: 0, nsfw: false, parent_id: null, last_message_id: null };
  if (forum) {
    return {
      ...common,
      // GUILD_FORUM: each post is a thread; the tags are what a post (and the bot) may apply.
      type: 15,
      name: forum.name,
      permission_overwrites: forum.overwrites,
      available_tags: forum.tags,
      default_reaction_emoji: null,
      default_sort_order: null,
      default_forum_layout: 0,
      flags: 0,
      topic: null,
      rate_limit_per_user: 0,
      default_thread_rate_limit_per_user: 0,
    };
  }
  return { ...common, type: 0, name: textNames[channelId] ?? 'general', permission_overwrites: [] };
}

export function guildCreate(guildId: string = ids.guild): Record<string, unknown> {
  return {
    id: guildId,
    name: guildId === ids.guild ? 'Test Guild' : 'Second Guild',
    icon: null,
    owner_id: ids.user,
    unavailable: false,
    large: false,
    member_count: 2,
    joined_at: '2024-01-01T00:00:00.000Z',
    features: [],
    roles: [
      role(guildId, '@everyone', permissions.member, 0),
      role(ids.botRole, 'corpus-qa', permissions.bot, 1),
      { ...role(ids.supportRole, 'Support', '0', 2), mentionable: true },
    ],
    emojis: [],
    stickers: [],
    channels:
      guildId === ids.guild
        ? [ids.channel, ids.otherChannel, ids.forum, ids.plainForum, ids.lockedForum, ids.helpChannel].map((id) =>
            channelObject(guildId, id),
          )
        : [channelObject(guildId)],
    threads: [],
    members: [memberObject(botUser)],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

function role(id: string, name: string, bits: string, position: number): Record<string, unknown> {
  return { id, name, permissions: bits, position, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 };
}
