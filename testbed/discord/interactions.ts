import { channelObject, channelOf, guildCreate, humanUser, ids, memberObject, type UserObject } from './fixtures.ts';
import type { FakeDiscord, MessageObject } from './server.ts';
import type { ThreadObject } from './threads.ts';

/** An INTERACTION_CREATE as Discord sends it, plus the bits a test needs to find the bot's answer. */
export interface SentInteraction {
  id: string;
  token: string;
}

export interface CommandOption {
  name: string;
  /** 1 = subcommand (with `options`), 3 = string, 4 = integer, 5 = boolean, 7 = channel, 8 = role, 10 = number */
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOption[];
}

let counter = 0;

function base(
  fake: FakeDiscord,
  type: number,
  user: UserObject,
  guild: string = ids.guild,
  memberPermissions?: string,
  channelId: string = channelOf(guild),
): Record<string, unknown> & SentInteraction {
  counter++;
  const token = `interaction-token-${String(counter).padStart(6, '0')}-aW50ZXJhY3Rpb246`;
  fake.interactionUsers.set(token, user);
  return {
    id: fake.snowflake(),
    // Long like Discord's, which the logger recognises and redacts inside URLs.
    token,
    application_id: ids.application,
    type,
    version: 1,
    guild_id: guild,
    channel_id: channelId,
    channel: fake.threads.channels.get(channelId) ?? channelObject(guild, channelId),
    member: memberObject(user, memberPermissions),
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '2147483647',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
    attachment_size_limit: 10_485_760,
  };
}

/**
 * Sends a slash command (type 2) the way a user in the test guild (or `guild`) would; the user has every
 * permission unless `memberPermissions` (see fixtures `permissions`) says otherwise.
 */
export function sendCommand(
  fake: FakeDiscord,
  name: string,
  options: CommandOption[],
  user = humanUser(),
  guild: string = ids.guild,
  memberPermissions?: string,
): SentInteraction {
  // Discord sends the objects that channel options (type 7) name alongside them, in `resolved`.
  const channelIds = (list: CommandOption[]): string[] =>
    list.flatMap((o) => (o.type === 7 ? [String(o.value)] : o.options ? channelIds(o.options) : []));
  const channels = Object.fromEntries(channelIds(options).map((id) => [id, { ...channelObject(guild, id), permissions: '2147483647' }]));
  // And the roles that role options (type 8) name, as the guild lists them.
  const roleIds = (list: CommandOption[]): string[] =>
    list.flatMap((o) => (o.type === 8 ? [String(o.value)] : o.options ? roleIds(o.options) : []));
  const guildRoles = guildCreate(guild).roles as { id: string }[];
  const roles = Object.fromEntries(roleIds(options).flatMap((id) => guildRoles.filter((role) => role.id === id).map((role) => [id, role])));
  const resolved =
    Object.keys(channels).length + Object.keys(roles).length > 0
      ? { resolved: { ...(Object.keys(channels).length > 0 ? { channels } : {}), ...(Object.keys(roles).length > 0 ? { roles } : {}) } }
      : {};
  const payload = { ...base(fake, 2, user, guild, memberPermissions), data: { id: fake.snowflake(), name, type: 1, options, ...resolved } };
  fake.gateway.dispatch('INTERACTION_CREATE', payload);
  return payload;
}

/** Sends an autocomplete request (type 4) with one focused string option. */
export function sendAutocomplete(fake: FakeDiscord, name: string, option: string, typed: string, user = humanUser()): SentInteraction {
  const payload = {
    ...base(fake, 4, user),
    data: { id: fake.snowflake(), name, type: 1, options: [{ name: option, type: 3, value: typed, focused: true }] },
  };
  fake.gateway.dispatch('INTERACTION_CREATE', payload);
  return payload;
}

/** A component interaction (type 3) on a message the bot sent, from its channel; `data` says which component. */
function componentInteraction(
  fake: FakeDiscord,
  message: MessageObject,
  data: Record<string, unknown>,
  user: UserObject,
  memberPermissions: string | undefined,
): SentInteraction {
  const payload = { ...base(fake, 3, user, ids.guild, memberPermissions, message.channel_id), message, data };
  fake.linkComponent(payload.token, message.id);
  fake.gateway.dispatch('INTERACTION_CREATE', payload);
  return payload;
}

/** Clicks a button (component 2) on a message the bot sent; the user has every permission unless `memberPermissions` says otherwise. */
export function clickButton(
  fake: FakeDiscord,
  message: MessageObject,
  customId: string,
  user = humanUser(),
  memberPermissions?: string,
): SentInteraction {
  return componentInteraction(fake, message, { custom_id: customId, component_type: 2 }, user, memberPermissions);
}

/** Picks `values` in a string select menu (component 3) on a message the bot sent. */
export function chooseInMenu(
  fake: FakeDiscord,
  message: MessageObject,
  customId: string,
  values: string[],
  user = humanUser(),
  memberPermissions?: string,
): SentInteraction {
  return componentInteraction(fake, message, { custom_id: customId, component_type: 3, values }, user, memberPermissions);
}

/**
 * Posts a user message in the test channel, or in a thread (`channel`); `mentions` are the users it pings. A
 * reply pings the author of the message it replies to, as Discord's replies do unless turned off (`ping`).
 */
export function sendMessage(
  fake: FakeDiscord,
  content: string,
  options: { mentions?: UserObject[]; replyTo?: MessageObject; author?: UserObject; channel?: string; ping?: boolean; id?: string } = {},
): MessageObject {
  const author = options.author ?? humanUser();
  const channel = options.channel ?? ids.channel;
  const repliedAuthor = options.replyTo?.author as UserObject | undefined;
  const mentions = [...(options.mentions ?? [])];
  if (repliedAuthor && (options.ping ?? true) && !mentions.some((user) => user.id === repliedAuthor.id)) mentions.push(repliedAuthor);
  const message: MessageObject = {
    id: options.id ?? fake.snowflake(),
    channel_id: channel,
    guild_id: ids.guild,
    author,
    member: { roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
    content,
    embeds: [],
    components: [],
    attachments: [],
    mentions,
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    type: options.replyTo ? 19 : 0,
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    ...(options.replyTo
      ? {
          message_reference: { type: 0, message_id: options.replyTo.id, channel_id: channel, guild_id: ids.guild },
          referenced_message: options.replyTo,
        }
      : {}),
  };
  fake.deliver(message);
  return message;
}

/**
 * A member's new post in a forum channel, as Discord announces it: THREAD_CREATE for the post's thread, then
 * MESSAGE_CREATE for its starter message (which takes the thread's id), text blanked for a bot without the
 * Message Content intent.
 */
export function createForumPost(
  fake: FakeDiscord,
  post: { title: string; content?: string; forum?: string; author?: UserObject; tags?: string[] },
): { thread: ThreadObject; starter: MessageObject } {
  const author = post.author ?? humanUser();
  const id = fake.snowflake();
  const thread = fake.threads.createPost(post.forum ?? ids.forum, author.id, post.title, post.tags ?? [], id);
  const starter = sendMessage(fake, post.content ?? '', { author, channel: id, id });
  return { thread, starter };
}

/** The callback the bot sent for an interaction (reply, defer, update or autocomplete result). */
export async function callbackOf(fake: FakeDiscord, interaction: SentInteraction, timeoutMs?: number): Promise<Record<string, unknown>> {
  const req = await fake.waitForRequest(
    (r) => r.method === 'POST' && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
    timeoutMs,
  );
  return req.body;
}

/** The edit of the original response (after a defer). */
export async function editOf(fake: FakeDiscord, interaction: SentInteraction, timeoutMs?: number): Promise<Record<string, unknown>> {
  const req = await fake.waitForRequest(
    (r) => r.method === 'PATCH' && r.path === `/webhooks/${ids.application}/${interaction.token}/messages/@original`,
    timeoutMs,
  );
  return req.body;
}
