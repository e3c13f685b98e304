import { Client, type ClientOptions, Events, GatewayIntentBits } from 'discord.js';
import type { Command } from './command.ts';
import { archivesOf, type BotContext, botDefaults } from './deps.ts';
import { createInteractionHandler } from './dispatcher.ts';
import { helpPostRoutes } from './helpButtons.ts';
import { HelpDesk } from './helpDesk.ts';
import { createMessageHandler } from './messageHandler.ts';

/** The gateway shards one process runs: their ids, of how many in all. */
export interface ShardSet {
  ids: readonly number[];
  count: number;
}

export interface BotOptions {
  token: string;
  /** REST base (see BotConfig.apiUrl); Discord's when null. */
  apiUrl: string | null;
  /**
   * Shards to run in this process, one gateway connection each (discord.js's internal sharding). Unset: the
   * shard the ShardingManager's environment names, or one unsharded connection.
   */
  shards?: ShardSet;
  commands: ReadonlyMap<string, Command>;
  /** The engine's source (read once per interaction), logger, limiter and reindex. */
  context: BotContext;
  /** How long stop() waits for in-flight replies. */
  drainTimeoutMs?: number;
}

/** Why Discord closed the gateway for good: its close code and what to do about it. */
export interface GatewayClosed {
  code: number;
  reason: string;
}

/**
 * Gateway close codes after which reconnecting cannot help (discord.js stops trying), with what to do next.
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes
 */
export const unrecoverableCloses: Readonly<Record<number, string>> = {
  4004: 'the token is invalid: reset it in the Developer Portal (Bot → Reset Token) and set DISCORD_TOKEN',
  4010: 'Discord refused the shard number: check DISCORD_SHARDS',
  4011: 'Discord requires sharding for this many servers: start with npm run start:sharded',
  4012: 'Discord refused the gateway API version: update discord.js',
  4013: 'Discord refused the gateway intents',
  4014: 'Discord refused the gateway intents: turn on the ones the bot asks for in the Developer Portal (Bot → Privileged Gateway Intents)',
};

/** Thrown by `Bot.start()` when Discord closes the gateway for good before the bot is ready. */
export class GatewayClosedError extends Error {
  override readonly name = 'GatewayClosedError';
  constructor(readonly closed: GatewayClosed) {
    super(`Discord closed the gateway with code ${closed.code}: ${closed.reason}`);
  }
}

export interface Bot {
  readonly client: Client;
  /** The help channels' posts: taken, queued and answered (see HelpDesk). */
  readonly helpDesk: HelpDesk;
  /** Logs in and resolves once the client is ready; rejects with GatewayClosedError on an unrecoverable close. */
  start(): Promise<void>;
  /**
   * Settles when Discord closes the gateway with a code after which the client will not reconnect (a token
   * reset while running, say): the process should then exit non-zero, so a process manager notices.
   */
  readonly closed: Promise<GatewayClosed>;
  /** Stops taking new work, lets in-flight replies finish (bounded), then closes the connection. */
  stop(): Promise<void>;
}

/**
 * The bot: a discord.js client wired to the command dispatcher and the mention handler. Under discord.js's
 * ShardingManager (`npm run start:sharded`) the client reads which shard it is from the environment the
 * manager sets (SHARDS, SHARD_COUNT).
 * Intents are Guilds and Guild Messages: Discord delivers the text of messages that mention the bot without
 * the privileged Message Content intent, which is asked for only when configured (`messageContent`), to read
 * every message in the bot's threads.
 */
export function createBot(options: BotOptions): Bot {
  const clientOptions: ClientOptions = {
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      ...(options.context.messageContent ? [GatewayIntentBits.MessageContent] : []),
    ],
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
    ...(options.shards ? { shards: [...options.shards.ids], shardCount: options.shards.count } : {}),
  };
  const client = new Client(clientOptions);
  const { logger } = options.context;
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  // Tracks each handler so shutdown can wait for it; nothing new starts once stopping.
  const track =
    <T>(handler: (arg: T) => Promise<void>) =>
    (arg: T) => {
      if (stopping) return;
      const run = handler(arg).catch((error: unknown) => logger.error('handler crashed', { error }));
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
    };

  const helpDesk = new HelpDesk(options.context);
  client.on(Events.InteractionCreate, track(createInteractionHandler(options.commands, options.context, helpPostRoutes)));
  client.on(Events.MessageCreate, track(createMessageHandler(options.context, helpDesk)));
  client.on(Events.Error, (error) => logger.error('client error', { error }));
  client.on(Events.Warn, (message) => logger.warn('client warning', { detail: message }));
  client.on(Events.ShardResume, (shard, replayed) => logger.info('gateway resumed', { shard, replayed }));
  let onClosed: (closed: GatewayClosed) => void = () => {};
  const closed = new Promise<GatewayClosed>((resolve) => (onClosed = resolve));
  client.on(Events.ShardDisconnect, (event, shard) => {
    const reason = unrecoverableCloses[event.code];
    if (reason === undefined) return logger.warn('gateway disconnected', { shard, code: event.code });
    logger.error('Discord closed the connection for good', { shard, code: event.code, reason });
    onClosed({ code: event.code, reason });
  });

  return {
    client,
    helpDesk,
    closed,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      const refused = closed.then((close) => Promise.reject(new GatewayClosedError(close)));
      await Promise.race([client.login(options.token).then(() => ready), refused]);
      const shards = client.options.shards;
      logger.info('ready', {
        user: client.user?.tag,
        guilds: client.guilds.cache.size,
        commands: [...options.commands.keys()],
        // Only worth a field when sharded: which shards this process runs, of how many.
        ...(client.options.shardCount && client.options.shardCount > 1 ? { shards, shardCount: client.options.shardCount } : {}),
      });
      // Posts made or left queued while the bot was away; it answers the rest as they come.
      void helpDesk.catchUp(client as Client<true>).catch((error: unknown) => logger.error('help channels: catch-up failed', { error }));
    },
    async stop() {
      stopping = true;
      const drainMs = options.drainTimeoutMs ?? botDefaults.drainTimeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), drainMs)));
      const work = Promise.allSettled([...inFlight, helpDesk.stop()]);
      const drained = await Promise.race([work.then(() => 'drained' as const), timeout]);
      archivesOf(options.context).clear();
      clearTimeout(timer);
      if (drained === 'timeout') logger.warn('shutdown: replies still in flight after the drain timeout', { pending: inFlight.size });
      await client.destroy();
      logger.info('stopped');
    },
  };
}
