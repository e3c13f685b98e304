import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { botUser, guildCreate, ids, shardOf } from './fixtures.ts';

/** Gateway v10 opcodes this server speaks. */
const op = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, hello: 10, heartbeatAck: 11 } as const;

interface GatewayPayload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export interface GatewayOptions {
  /** How many shards the bot is expected to run; guilds are routed by `(guild_id >> 22) % shardCount`. */
  shardCount: number;
  /** The guilds the bot is in. */
  guilds: readonly string[];
}

/** One shard's connection: its socket, whether READY/RESUMED has been sent, and its sequence number. */
interface Session {
  socket: WebSocket | null;
  live: boolean;
  seq: number;
  readonly sessionId: string;
}

/**
 * The gateway half of the fake Discord: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats,
 * RESUME → RESUMED, and dispatches from tests. Sharded like Discord: each IDENTIFY names its shard
 * `[id, count]`, READY lists only the guilds routed to that shard, and every dispatch goes to the
 * shard of its guild. Events dispatched while that shard has no live session are queued and
 * delivered after its next READY/RESUMED, the way Discord replays missed events.
 */
export class FakeGateway {
  readonly identifies: string[] = [];
  /** The `shard` field of each IDENTIFY, in order ([0, 1] when the client sent none). */
  readonly identifyShards: [number, number][] = [];
  /** The guild ids each shard's READY listed, by shard id. */
  readonly readyGuilds = new Map<number, string[]>();
  readonly resumes: string[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<number, Session>();
  private readonly queues = new Map<number, { t: string; d: unknown }[]>();
  private readonly waiters: { event: 'ready' | 'resumed'; resolve(): void }[] = [];
  private readonly options: GatewayOptions;
  /** A close code to answer the next IDENTIFY with, instead of READY. */
  private identifyRefusal: number | undefined;
  /** The gateway intents of the last IDENTIFY: what Discord then sends (see `intents`). */
  private identifyIntents = 0;
  /** The active threads of a guild, which GUILD_CREATE lists (set by the REST half, which keeps them). */
  guildThreads: (guildId: string) => Record<string, unknown>[] = () => [];

  constructor(
    private readonly urlOf: () => string,
    options: Partial<GatewayOptions> = {},
  ) {
    this.options = { shardCount: 1, guilds: [ids.guild], ...options };
    this.wss.on('connection', (socket) => this.accept(socket));
  }

  get shardCount(): number {
    return this.options.shardCount;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  /** Sends a dispatch event to the shard of its guild (or queues it until that shard is live). */
  dispatch(t: string, d: unknown): void {
    const shard = this.shardFor(t, d);
    const session = this.sessions.get(shard);
    if (!session?.live || !session.socket) {
      const queue = this.queues.get(shard) ?? [];
      queue.push({ t, d });
      this.queues.set(shard, queue);
      return;
    }
    this.send(session.socket, { op: op.dispatch, t, s: ++session.seq, d });
  }

  /** Closes every live connection with a gateway close code, as Discord does on errors (4000 = unknown error, resumable). */
  close(code: number): void {
    for (const session of this.sessions.values()) {
      session.live = false;
      session.socket?.close(code, 'closed by test');
      session.socket = null;
    }
  }

  /** Whether the last IDENTIFY asked for an intent (a `GatewayIntentBits` value). */
  hasIntent(intent: number): boolean {
    return (this.identifyIntents & intent) !== 0;
  }

  /** Answers every IDENTIFY from now on by closing with `code`, as Discord does with 4004 for an invalid token. */
  refuseIdentify(code: number): void {
    this.identifyRefusal = code;
  }

  /** Resolves at the next READY or RESUMED this server sends, on any shard. */
  next(event: 'ready' | 'resumed', timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`FakeGateway: no ${event} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        event,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private shardFor(t: string, d: unknown): number {
    const data = (d ?? {}) as { guild_id?: string; id?: string };
    const guild = data.guild_id ?? (t === 'GUILD_CREATE' ? data.id : undefined);
    return guild === undefined ? 0 : shardOf(guild, this.options.shardCount);
  }

  private accept(socket: WebSocket): void {
    socket.on('message', (raw) => this.receive(socket, raw.toString()));
    socket.on('close', () => {
      for (const session of this.sessions.values()) {
        if (session.socket === socket) {
          session.socket = null;
          session.live = false;
        }
      }
    });
    this.send(socket, { op: op.hello, d: { heartbeat_interval: 41_250 } });
  }

  /** Binds a socket to a shard's session, dropping the shard's previous connection. */
  private bind(shard: number, socket: WebSocket): Session {
    const session = this.sessions.get(shard) ?? { socket: null, live: false, seq: 0, sessionId: `fake-session-${shard + 1}` };
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    session.live = false;
    this.sessions.set(shard, session);
    return session;
  }

  private receive(socket: WebSocket, raw: string): void {
    const payload = JSON.parse(raw) as GatewayPayload;
    const data = (payload.d ?? {}) as { token?: string; shard?: [number, number]; session_id?: string; intents?: number };
    switch (payload.op) {
      case op.heartbeat:
        this.send(socket, { op: op.heartbeatAck });
        break;
      case op.identify: {
        const [shard, count] = data.shard ?? [0, 1];
        this.identifies.push(data.token ?? '');
        this.identifyShards.push([shard, count]);
        this.identifyIntents = data.intents ?? 0;
        if (this.identifyRefusal !== undefined) {
          socket.close(this.identifyRefusal, 'refused by test');
          break;
        }
        const session = this.bind(shard, socket);
        session.seq = 0;
        const guilds = this.options.guilds.filter((g) => shardOf(g, this.options.shardCount) === shard);
        this.readyGuilds.set(shard, guilds);
        this.goLive(shard, session, 'READY', {
          v: 10,
          user: botUser,
          guilds: guilds.map((id) => ({ id, unavailable: true })),
          session_id: session.sessionId,
          resume_gateway_url: this.urlOf(),
          shard: [shard, count],
          application: { id: ids.application, flags: 0 },
        });
        for (const guild of guilds) this.dispatch('GUILD_CREATE', { ...guildCreate(guild), threads: this.guildThreads(guild) });
        break;
      }
      case op.resume: {
        this.resumes.push(data.token ?? '');
        const shard = [...this.sessions.entries()].find(([, s]) => s.sessionId === data.session_id)?.[0] ?? 0;
        this.goLive(shard, this.bind(shard, socket), 'RESUMED', {});
        break;
      }
      default:
        break;
    }
  }

  private goLive(shard: number, session: Session, t: 'READY' | 'RESUMED', d: unknown): void {
    session.live = true;
    this.send(session.socket, { op: op.dispatch, t, s: ++session.seq, d });
    for (const queued of (this.queues.get(shard) ?? []).splice(0)) this.dispatch(queued.t, queued.d);
    const event = t === 'READY' ? 'ready' : 'resumed';
    for (const waiter of this.waiters.filter((w) => w.event === event)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  private send(socket: WebSocket | null, payload: GatewayPayload): void {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }
}
