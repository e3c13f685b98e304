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

/** Permission bit sets as Discord sends them in `member.permissions`. */
export const permissions = {
  /** Every permission, Manage Server (32) and Administrator included: the server's owner. */
  owner: '2147483647',
  /** View Channels, Send Messages, Read Message History and Use Application Commands, without Manage Server. */
  member: String(1024 + 2048 + 65_536 + 2_147_483_648),
} as const;

export function memberObject(user: UserObject, memberPermissions: string = permissions.owner): Record<string, unknown> {
  return {
    user,
    roles: [],
    joined_at: '2024-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
    permissions: memberPermissions,
  };
}

export function channelObject(guildId: string = ids.guild, channelId: string = channelOf(guildId)): Record<string, unknown> {
  return {
    id: channelId,
    type: 0,
    guild_id: guildId,
    name: channelId === ids.otherChannel ? 'random' : 'general',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    last_message_id: null,
  };
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
      {
        id: guildId,
        name: '@everyone',
        permissions: '2147483647',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    channels: guildId === ids.guild ? [channelObject(guildId), channelObject(guildId, ids.otherChannel)] : [channelObject(guildId)],
    threads: [],
    members: [memberObject(botUser)],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
