import { botUser, ids } from './fixtures.ts';
import type { FakeGateway } from './gateway.ts';

/** A thread channel as Discord returns and dispatches it (the fields discord.js reads). */
export type ThreadObject = Record<string, unknown> & { id: string; guild_id: string; parent_id: string; owner_id: string };

/** Discord's channel types and intents used here. */
const PUBLIC_THREAD = 11;
const GUILD_MEMBERS_INTENT = 1 << 1;
/** Message flag HAS_THREAD. */
export const HAS_THREAD = 1 << 5;

/**
 * The threads of the fake Discord, kept as Discord keeps them: a public thread started from a message takes
 * the message's id, its starter message gets the `thread` field and the HAS_THREAD flag, its creator is its
 * first member; THREAD_CREATE (newly created) and THREAD_MEMBERS_UPDATE go out on the gateway, the latter for
 * other users' joins only to a bot with the Guild Members intent; GUILD_CREATE lists the active threads, with
 * `member` on those the bot joined.
 */
export class FakeThreads {
  readonly channels = new Map<string, ThreadObject>();
  /** Members of each thread: user id → join time. */
  private readonly members = new Map<string, Map<string, string>>();

  constructor(private readonly gateway: FakeGateway) {
    gateway.guildThreads = (guildId) =>
      [...this.channels.values()]
        .filter((thread) => thread.guild_id === guildId)
        .map((thread) => {
          const joined = this.members.get(thread.id)?.get(botUser.id);
          return joined === undefined ? thread : { ...thread, member: { join_timestamp: joined, flags: 0 } };
        });
  }

  /**
   * POST /channels/{parent}/messages/{message}/threads, by the bot: the thread, or Discord's error when the
   * message is unknown, is itself in a thread, or already has one.
   */
  startFromMessage(parentId: string, message: Record<string, unknown> | undefined, body: Record<string, unknown>): [number, unknown] {
    if (!message || message.channel_id !== parentId) return [404, { message: 'Unknown Message', code: 10008 }];
    if (this.channels.has(parentId)) return [400, { message: 'Cannot execute action on this channel type', code: 50024 }];
    if (message.thread !== undefined) return [400, { message: 'A thread has already been created for this message', code: 160004 }];
    const now = new Date().toISOString();
    const thread: ThreadObject = {
      ...this.threadFields(message.id as string, now, body.auto_archive_duration as number | undefined),
      parent_id: parentId,
      owner_id: botUser.id,
      name: String(body.name ?? '').slice(0, 100),
    };
    this.channels.set(thread.id, thread);
    Object.assign(message, { thread, flags: ((message.flags as number | undefined) ?? 0) | HAS_THREAD });
    this.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    this.join(thread.id, botUser.id);
    return [201, { ...thread, member: { id: thread.id, user_id: botUser.id, join_timestamp: now, flags: 0 } }];
  }

  /**
   * A member's new post in a forum channel: a public thread owned by the member, named by the post's title,
   * with the tags it was given; its starter message takes the thread's id. THREAD_CREATE (newly created)
   * goes out now; the starter message is the caller's to deliver (MESSAGE_CREATE follows, as on Discord).
   */
  createPost(forumId: string, author: string, title: string, tags: readonly string[], id: string): ThreadObject {
    const now = new Date().toISOString();
    const thread: ThreadObject = {
      ...this.threadFields(id, now),
      parent_id: forumId,
      owner_id: author,
      name: title.slice(0, 100),
      applied_tags: [...tags],
    };
    this.channels.set(id, thread);
    this.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    this.join(id, author);
    return thread;
  }

  /**
   * PATCH /channels/{thread}: a new name, tags (at most 5, of the forum's), archived or locked; THREAD_UPDATE
   * goes out. Errors as Discord's: an unknown thread, an unknown tag.
   */
  update(threadId: string, body: Record<string, unknown>, availableTags: readonly string[]): [number, unknown] {
    const thread = this.channels.get(threadId);
    if (!thread) return [404, { message: 'Unknown Channel', code: 10003 }];
    if (Array.isArray(body.applied_tags)) {
      const tags = body.applied_tags as string[];
      if (tags.length > 5 || tags.some((tag) => !availableTags.includes(tag))) {
        return [400, { message: 'Invalid Form Body', code: 50035 }];
      }
      thread.applied_tags = [...tags];
    }
    if (typeof body.name === 'string') thread.name = body.name.slice(0, 100);
    const metadata = thread.thread_metadata as Record<string, unknown>;
    if (typeof body.archived === 'boolean') {
      metadata.archived = body.archived;
      metadata.archive_timestamp = new Date().toISOString();
    }
    if (typeof body.locked === 'boolean') metadata.locked = body.locked;
    this.gateway.dispatch('THREAD_UPDATE', thread);
    return [200, thread];
  }

  /** Adds a member (posting in a public thread joins it) and tells the gateway as Discord would. */
  join(threadId: string, userId: string): void {
    const thread = this.channels.get(threadId);
    const members = this.members.get(threadId) ?? new Map<string, string>();
    if (!thread || members.has(userId)) return;
    const joined = new Date().toISOString();
    members.set(userId, joined);
    this.members.set(threadId, members);
    thread.member_count = Math.min(50, members.size);
    if (userId !== botUser.id && !this.gateway.hasIntent(GUILD_MEMBERS_INTENT)) return;
    this.gateway.dispatch('THREAD_MEMBERS_UPDATE', {
      id: threadId,
      guild_id: thread.guild_id,
      member_count: thread.member_count,
      added_members: [{ id: threadId, user_id: userId, join_timestamp: joined, flags: 0 }],
    });
  }

  private threadFields(id: string, now: string, autoArchive = 4320): Record<string, unknown> & { id: string; guild_id: string } {
    return {
      id,
      type: PUBLIC_THREAD,
      guild_id: ids.guild,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
      member_count: 1,
      message_count: 0,
      total_message_sent: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: autoArchive,
        archive_timestamp: now,
        locked: false,
        create_timestamp: now,
      },
    };
  }

  /** Counts a message posted in a thread. */
  posted(threadId: string, messageId: string): void {
    const thread = this.channels.get(threadId);
    if (!thread) return;
    thread.message_count = (thread.message_count as number) + 1;
    thread.total_message_sent = (thread.total_message_sent as number) + 1;
    thread.last_message_id = messageId;
  }
}
