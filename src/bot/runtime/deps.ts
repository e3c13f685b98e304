import type { SourceStatus } from '../../sync/syncSources.ts';
import type { CommandSummary } from '../replies/formatHelp.ts';
import type { ReindexOutcome } from '../replies/formatReindex.ts';
import type { BotStore } from '../storage/store.ts';
import { ArchiveTimers } from './archiveTimers.ts';
import { ConversationStore } from './conversations.ts';
import type { Logger } from './logger.ts';
import type { QaEngine } from './qaEngine.ts';
import type { RateLimiter } from './rateLimit.ts';

export type { QaEngine, ReindexOutcome };

/** Where the current engine comes from. A `LiveEngine` is one; so is `{ engine }` for a fixed corpus. */
export interface EngineSource {
  readonly engine: QaEngine;
}

/** What every command and handler receives, with the engine fixed for the whole interaction. */
export interface BotDeps {
  /** The engine as it was when the interaction arrived: a reload mid-answer cannot mix two indexes. */
  engine: QaEngine;
  logger: Logger;
  limiter: RateLimiter;
  /** Acknowledge /ask first ("thinking…") and edit the answer in: set for corpora large enough to risk the 3-second deadline. */
  deferAnswers: boolean;
  /** Rebuilds the index from the corpus folder now (syncing the declared sources first); absent when the bot serves a fixed engine. */
  reindex?: () => Promise<ReindexOutcome>;
  /** The websites and repositories synced into the corpus (`/sources`); absent when none are declared. */
  sources?: { statuses(): Promise<SourceStatus[]> };
  /** The loaded slash commands, as /help lists them. */
  commands: readonly CommandSummary[];
  /**
   * What the bot remembers (DATA_DIR): the question log, votes and server settings. Without it the bot keeps
   * nothing: answers carry no vote buttons and every server gets the default settings.
   */
  store?: BotStore;
  /** The conversations of the bot's threads and reply chains, so that a follow-up is read in its context. */
  conversations: ConversationStore;
  /**
   * The privileged Message Content intent is on (`DISCORD_MESSAGE_CONTENT`): every message in a thread the
   * bot opened is a question. Without it, Discord sends only the text of messages that mention the bot.
   */
  messageContent: boolean;
  /**
   * Whether, in this server, the bot opens a thread under its answer to a mention question (a server setting).
   * Off by default: answers offer an "Ask a follow-up" button instead.
   */
  openThreads(guildId: string): boolean | Promise<boolean>;
  /** Help posts' threads waiting to be archived after "Solved". */
  archives: ArchiveTimers;
}

/** What the bot is built with: like BotDeps, but with the engine's source instead of one engine. */
export interface BotContext
  extends Omit<BotDeps, 'engine' | 'deferAnswers' | 'commands' | 'conversations' | 'messageContent' | 'openThreads' | 'archives'> {
  engines: EngineSource;
  /** Forces deferring on or off; by default it follows each engine's corpus size (botDefaults.deferAboveChars). */
  deferAnswers?: boolean;
  /** Where conversations are kept; one in memory per context by default. */
  conversations?: ConversationStore;
  /** See BotDeps.messageContent; off by default. */
  messageContent?: boolean;
  /** See BotDeps.openThreads; by default each server's `/settings threads`, and never without a store. */
  openThreads?(guildId: string): boolean | Promise<boolean>;
  /** See BotDeps.archives; one per context by default. */
  archives?: ArchiveTimers;
}

export const botDefaults = {
  /**
   * Above this many characters of corpus text, /ask acknowledges first ("thinking…") and edits the
   * answer in. Measured on repeated news text: answers took under 0.2 s at 9 million characters, and
   * the first answer (model warm-up) about 0.4 s, so below this deferring would only add a round trip.
   */
  deferAboveChars: 2_000_000,
  /** How long shutdown waits for in-flight replies before closing anyway. */
  drainTimeoutMs: 10_000,
} as const;

/** Total characters of text in the corpus: the measure the defer decision uses. */
export function corpusChars(engine: QaEngine): number {
  let n = 0;
  for (const doc of engine.documents) n += doc.text.length;
  return n;
}

// Computed once per engine, not per question: a reload brings a new engine and a new size.
const sizes = new WeakMap<QaEngine, number>();
// One store per bot: every interaction and message of a context shares its conversations.
const stores = new WeakMap<BotContext, ConversationStore>();
const archiveTimers = new WeakMap<BotContext, ArchiveTimers>();

/**
 * The dependencies for one interaction: reads `engines.engine` exactly once, so every step of an answer
 * (ranking, quoting, citing) uses the same complete index even if a reload swaps it meanwhile.
 */
export function depsFor(context: BotContext, commands: readonly CommandSummary[] = []): BotDeps {
  const { engines, deferAnswers, conversations, messageContent, openThreads, archives: _, ...rest } = context;
  const engine = engines.engine;
  let chars = sizes.get(engine);
  if (chars === undefined) {
    chars = corpusChars(engine);
    sizes.set(engine, chars);
  }
  let store = conversations ?? stores.get(context);
  if (store === undefined) {
    store = new ConversationStore();
    stores.set(context, store);
  }
  return {
    ...rest,
    archives: archivesOf(context),
    engine,
    commands,
    deferAnswers: deferAnswers ?? chars >= botDefaults.deferAboveChars,
    conversations: store,
    messageContent: messageContent ?? false,
    // The server's own choice (/settings threads) unless the context fixes it; never without a store.
    openThreads: openThreads ?? (async (guildId) => (await rest.store?.settings.get(guildId))?.threads ?? false),
  };
}

/** The context's archive timers (its own, or one set per context), without reading its engine. */
export function archivesOf(context: BotContext): ArchiveTimers {
  let timers = context.archives ?? archiveTimers.get(context);
  if (timers === undefined) {
    timers = new ArchiveTimers((thread, error) => context.logger.warn('could not archive a solved help post', { thread, error }));
    archiveTimers.set(context, timers);
  }
  return timers;
}
