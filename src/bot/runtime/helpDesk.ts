import { type AnyThreadChannel, type Client, type Guild, type Message, ThreadAutoArchiveDuration } from 'discord.js';
import { InvalidQuestionError } from '../../errors.ts';
import { defaultOptions } from '../../options.ts';
import { clip } from '../replies/markdown.ts';
import { textPayload } from '../replies/payload.ts';
import { type HelpChannel, helpChannelOf, helpConfidenceOf, solvedArchiveMsOf } from '../storage/guildSettings.ts';
import type { HelpOutcome, HelpPost } from '../storage/helpPosts.ts';
import { ask, askedIn } from './ask.ts';
import { refusedAsNull } from './conversations.ts';
import { type BotContext, type BotDeps, depsFor, type QaEngine } from './deps.ts';
import { threadConversation } from './followUpThreads.ts';
import { questionOf } from './questionOf.ts';
import { readsAsQuestion } from './readsAsQuestion.ts';
import { rateLimitText } from './respond.ts';
import { takeQuestion, tellRefusal } from './serverSettings.ts';
import { type Job, WorkQueue } from './workQueue.ts';

export const helpDeskDefaults = {
  /** Messages of a post's thread read, after a restart, to see whether the bot already replied there. */
  repliesChecked: 20,
} as const;

/** A post to answer: the member's message (a forum post's starter, or a question in a text channel). */
interface PostWork {
  message: Message<true>;
  help: HelpChannel;
  /** The forum post's thread; for a text channel, the thread is opened under the message when answering. */
  thread: AnyThreadChannel | null;
  /** The ways to read it as a question (postQuestions); the surest is answered. */
  readings: string[];
}

/**
 * The ways a forum post can be read as a question: its title; and when the bot may read the post itself (the
 * Message Content intent), the title with the post, and the post alone. Each cut to what the engine takes.
 *
 * @example postQuestions('Install fails', 'How do I fix EACCES on npm install?') // → ['Install fails', 'Install fails How do I fix…', 'How do I fix…']
 */
export function postQuestions(title: string, body: string): string[] {
  const cut = (text: string) => (text.length <= defaultOptions.maxQuestionChars ? text : clip(text, defaultOptions.maxQuestionChars));
  const readings = [questionOf(title), cut(questionOf(`${title}\n${body}`)), cut(questionOf(body))];
  return [...new Set(readings.filter((reading) => reading !== ''))];
}

/**
 * The reading of a post the engine is surest of. A title is often a summary ("Install fails") and a post a
 * story around the question, so neither alone nor both together is always best: each is asked, with a
 * pause between for whatever else waits on the event loop.
 */
async function surestReading(engine: QaEngine, readings: readonly string[]): Promise<string> {
  let best = readings[0] ?? '';
  let confidence = Number.NEGATIVE_INFINITY;
  if (readings.length < 2) return best;
  for (const reading of readings) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      const answer = await engine.ask(reading);
      if (answer.confidence > confidence) [best, confidence] = [reading, answer.confidence];
    } catch (error) {
      if (!(error instanceof InvalidQuestionError)) throw error;
    }
  }
  return best;
}

/**
 * Help channels: every new post in a forum help channel, and every new top-level question in a text help
 * channel, is answered in its thread without a mention; the asker's follow-ups there are read in the
 * conversation. Posts are taken once (the database remembers them across restarts) and answered through a
 * queue, so a burst of posts is worked through in order while /ask and mentions elsewhere go on between its
 * jobs. An answer the server's help confidence does not clear is not posted as one (see ask's `help`).
 */
export class HelpDesk {
  private readonly queue: WorkQueue;
  /** Posts taken by this process whose row could not be written (a locked database): still taken once. */
  private readonly unrecorded = new Set<string>();

  constructor(private readonly context: BotContext) {
    this.queue = new WorkQueue((job, error) => context.logger.error('help post not answered', { post: job.name, error }));
  }

  /** Posts waiting in the queue. */
  get pending(): number {
    return this.queue.pending;
  }

  /**
   * Takes a message that belongs to a help channel: a new post (queued to be answered), or a message in a
   * post's thread (an asker's follow-up, queued; anything else left alone). False when the message is none of
   * the help channels' business, and a mention or reply there is left to the mention handler.
   */
  async take(message: Message, deps: BotDeps): Promise<boolean> {
    const store = deps.store;
    if (!store || !message.inGuild() || message.author.bot || message.system) return false;
    const settings = await store.settings.get(message.guildId);
    if (settings.helpChannels.length === 0) return false;
    const channel = message.channel;
    if (channel.isThread()) {
      const help = helpChannelOf(settings, channel.parentId);
      if (!help) return false;
      if (help.kind === 'forum' && message.id === channel.id) {
        await this.takePost({ message, help, thread: channel, readings: postQuestions(channel.name, message.content) }, deps);
        return true;
      }
      const post = await store.helpPosts.get(channel.id);
      return post ? this.takeFollowUp(message, post, deps) : false;
    }
    const help = helpChannelOf(settings, channel.id);
    if (help?.kind !== 'text' || message.reference !== null || !readsAsQuestion(message.content)) return false;
    await this.takePost({ message, help, thread: null, readings: [questionOf(message.content)] }, deps);
    return true;
  }

  /**
   * At start-up: answers the posts taken but not answered before the bot stopped, and the forum posts made
   * while it was away (after their channel became a help channel); schedules the archiving of solved posts
   * whose timer a restart lost. A post the bot already replied to is recorded, never answered again.
   */
  async catchUp(client: Client<true>): Promise<void> {
    const { store } = this.context;
    if (!store) return;
    for (const guild of client.guilds.cache.values()) {
      const settings = await store.settings.get(guild.id);
      if (settings.helpChannels.length === 0) continue;
      // Read here, not before: a bot without help channels reads no engine for them.
      const deps = depsFor(this.context);
      for (const post of await store.helpPosts.waiting(guild.id)) {
        const help = helpChannelOf(settings, post.channel);
        if (help)
          await this.resume(post, help, guild, deps).catch((error: unknown) =>
            this.warn('could not resume a help post', post.thread, error),
          );
      }
      for (const help of settings.helpChannels.filter((h) => h.kind === 'forum')) {
        for (const thread of guild.channels.cache.values()) {
          if (!thread.isThread() || thread.parentId !== help.channel || thread.archived) continue;
          if ((thread.createdTimestamp ?? 0) < help.addedAt || (await store.helpPosts.get(thread.id))) continue;
          await this.missedPost(thread, help, deps).catch((error: unknown) =>
            this.warn('could not answer a missed help post', thread.id, error),
          );
        }
      }
      const archiveAfter = solvedArchiveMsOf(settings);
      for (const { thread: id, solvedAt } of await store.helpPosts.solvedPosts(guild.id)) {
        const thread = guild.channels.cache.get(id);
        if (thread?.isThread() && !thread.archived) deps.archives.schedule(thread, solvedAt + archiveAfter - store.now());
      }
    }
  }

  /** Starts no more posts; resolves once those being answered are sent. Posts still queued are answered at the next start. */
  async stop(): Promise<void> {
    const dropped = await this.queue.stop();
    if (dropped.length > 0) this.context.logger.info('help posts left for the next start', { posts: dropped.length });
  }

  /** Resolves once no post waits or is being answered. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async takePost(work: PostWork, deps: BotDeps): Promise<void> {
    const store = deps.store!;
    const { message } = work;
    const thread = work.thread?.id ?? message.id;
    const taken = await this.write('taken', thread, () =>
      store.helpPosts.take({
        thread,
        guild: message.guildId,
        channel: work.help.channel,
        askerHash: store.hashUser(message.author.id),
        postedAt: message.createdTimestamp,
      }),
    );
    if (taken === false) return;
    if (taken === undefined) {
      if (this.unrecorded.has(thread)) return;
      this.unrecorded.add(thread);
    }
    const limit = await takeQuestion(deps, message.guildId, message.author.id);
    if (!limit.allowed) {
      await this.write('rate limited', thread, () => store.helpPosts.answered(thread, 'rate_limited', null, store.now()));
      if (tellRefusal(deps, message.guildId, message.author.id, limit.retryAfterMs)) {
        const notice = textPayload(rateLimitText(limit.retryAfterMs));
        void (work.thread ? work.thread.send(notice) : message.reply(notice)).catch((error: unknown) =>
          this.warn('could not send a rate-limit notice', thread, error),
        );
      }
      return;
    }
    this.enqueue({ name: thread, run: () => this.answerPost(work) });
  }

  private async takeFollowUp(message: Message<true>, post: HelpPost, deps: BotDeps): Promise<boolean> {
    const me = message.client.user.id;
    // A mention or a reply to the bot is the mention handler's: it answers whoever asks, in the conversation.
    if (message.mentions.users.has(me) || (message.reference !== null && message.mentions.repliedUser?.id === me)) return false;
    // Without the Message Content intent the text is blank; once solved or handed to a human, the bot keeps out;
    // and other members talk among themselves.
    if (!deps.messageContent || post.solvedAt !== null || post.escalatedAt !== null) return true;
    if (deps.store!.hashUser(message.author.id) !== post.askerHash || !readsAsQuestion(message.content)) return true;
    const limit = await takeQuestion(deps, message.guildId, message.author.id);
    if (!limit.allowed) {
      if (tellRefusal(deps, message.guildId, message.author.id, limit.retryAfterMs)) {
        void message
          .reply(textPayload(rateLimitText(limit.retryAfterMs)))
          .catch((error: unknown) => this.warn('could not send a rate-limit notice', post.thread, error));
      }
      return true;
    }
    this.enqueue({ name: `${post.thread}/${message.id}`, run: () => this.answerFollowUp(message) });
    return true;
  }

  private enqueue(job: Job): void {
    if (!this.queue.push(job)) this.context.logger.warn('help post not queued: the queue is full or stopping', { post: job.name });
  }

  /** Answers a post in its thread (opening it under a text channel's question), and records the outcome. */
  private async answerPost(work: PostWork): Promise<void> {
    // The engine as it is now: a reload while the post waited is served.
    const deps = depsFor(this.context);
    const store = deps.store!;
    const { message } = work;
    const question = await surestReading(deps.engine, work.readings);
    const thread =
      work.thread ??
      message.thread ??
      (await message.startThread({ name: clip(question, 100), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay }));
    const settings = await store.settings.get(message.guildId);
    const asked = await askedIn(deps, { guildId: message.guildId, channelId: thread.id, userId: message.author.id });
    const result = await ask(deps.engine, question, { asked, help: { minConfidence: helpConfidenceOf(settings) } });
    const outcome: HelpOutcome = result.kind === 'answer' && result.covered ? 'answered' : 'not_covered';
    await thread.send(result.kind === 'answer' ? result.payload : textPayload(result.text));
    await this.write('answered', thread.id, () =>
      store.helpPosts.answered(thread.id, outcome, result.kind === 'answer' ? (result.questionId ?? null) : null, store.now()),
    );
    if (result.kind === 'answer') deps.conversations.set(thread.id, [{ question, answer: result.answer }]);
  }

  /** Answers the asker's follow-up in a post's thread, read in the conversation so far. */
  private async answerFollowUp(message: Message<true>): Promise<void> {
    const deps = depsFor(this.context);
    const store = deps.store!;
    const { turns, thread } = await threadConversation(message.channel, message.client.user.id, deps);
    const question = questionOf(message.content);
    const asked = await askedIn(deps, { guildId: message.guildId, channelId: message.channelId, userId: message.author.id });
    const help = { minConfidence: helpConfidenceOf(await store.settings.get(message.guildId)) };
    const result = await ask(deps.engine, question, { asked, after: turns, help });
    if (result.kind === 'notice') return;
    await message.reply(result.payload);
    if (thread) deps.conversations.set(thread.id, [...turns, { question, answer: result.answer }]);
  }

  /** A post taken before a restart but not answered: answered now, unless the bot's reply is already there. */
  private async resume(post: HelpPost, help: HelpChannel, guild: Guild, deps: BotDeps): Promise<void> {
    if (help.kind === 'forum') {
      const thread = await guild.channels.fetch(post.thread).catch(refusedAsNull);
      if (!thread?.isThread()) return;
      const starter = await thread.fetchStarterMessage().catch(refusedAsNull);
      if (!starter || (await this.recordedReply(thread, post.thread, deps))) return;
      this.enqueue({
        name: post.thread,
        run: () => this.answerPost({ message: starter, help, thread, readings: postQuestions(thread.name, starter.content) }),
      });
      return;
    }
    const channel = await guild.channels.fetch(help.channel).catch(refusedAsNull);
    if (!channel?.isTextBased() || channel.isThread()) return;
    const message = await channel.messages.fetch(post.thread).catch(refusedAsNull);
    if (!message?.inGuild()) return;
    if (message.thread && (await this.recordedReply(message.thread, post.thread, deps))) return;
    this.enqueue({
      name: post.thread,
      run: () => this.answerPost({ message, help, thread: null, readings: [questionOf(message.content)] }),
    });
  }

  /** A forum post made while the bot was away: taken and answered like a new one. */
  private async missedPost(thread: AnyThreadChannel, help: HelpChannel, deps: BotDeps): Promise<void> {
    const starter = await thread.fetchStarterMessage().catch(refusedAsNull);
    if (!starter?.inGuild() || starter.author.bot) return;
    if (await this.recordedReply(thread, thread.id, deps)) return;
    await this.takePost({ message: starter, help, thread, readings: postQuestions(thread.name, starter.content) }, deps);
  }

  /**
   * Whether the bot already replied in a post's thread (it stopped between sending and recording): if so the
   * reply is recorded now, from what it shows (a quote in an embed is an answer), and true.
   */
  private async recordedReply(thread: AnyThreadChannel, id: string, deps: BotDeps): Promise<boolean> {
    const store = deps.store!;
    const me = thread.client.user.id;
    const recent = await thread.messages.fetch({ limit: helpDeskDefaults.repliesChecked });
    const reply = [...recent.values()].find((m) => m.author.id === me);
    if (!reply) return false;
    const outcome: HelpOutcome = reply.embeds.length > 0 ? 'answered' : 'not_covered';
    await this.write('answered', id, () => store.helpPosts.answered(id, outcome, null, reply.createdTimestamp));
    return true;
  }

  /** A bookkeeping write: a failure (the lock held past the short wait, a full disk) is logged, never fatal. */
  private async write<T>(what: string, thread: string, write: () => Promise<T>): Promise<T | undefined> {
    try {
      return await write();
    } catch (error) {
      this.warn(`help post not recorded as ${what}`, thread, error);
      return undefined;
    }
  }

  private warn(msg: string, thread: string, error: unknown): void {
    this.context.logger.warn(msg, { thread, error });
  }
}
