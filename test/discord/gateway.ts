import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { botUser, guildCreate, ids } from './fixtures.ts';

/** Gateway v10 opcodes this server speaks. */
const op = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, hello: 10, heartbeatAck: 11 } as const;

interface GatewayPayload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

/**
 * The gateway half of the fake Discord: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats,
 * RESUME → RESUMED, and dispatches from tests. Events dispatched while no session is live are
 * queued and delivered after the next READY/RESUMED, the way Discord replays missed events.
 */
export class FakeGateway {
  readonly identifies: string[] = [];
  readonly resumes: string[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | null = null;
  private live = false;
  private seq = 0;
  private readonly queue: { t: string; d: unknown }[] = [];
  private readonly sessionId = 'fake-session-1';
  private readonly waiters: { event: 'ready' | 'resumed'; resolve(): void }[] = [];

  constructor(private readonly urlOf: () => string) {
    this.wss.on('connection', (socket) => this.accept(socket));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  /** Sends a dispatch event to the bot (or queues it until the session is live). */
  dispatch(t: string, d: unknown): void {
    if (!this.live || !this.socket) {
      this.queue.push({ t, d });
      return;
    }
    this.send({ op: op.dispatch, t, s: ++this.seq, d });
  }

  /** Closes the live connection with a gateway close code, as Discord does on errors (4000 = unknown error, resumable). */
  close(code: number): void {
    this.live = false;
    this.socket?.close(code, 'closed by test');
    this.socket = null;
  }

  /** Resolves at the next READY or RESUMED this server sends. */
  next(event: 'ready' | 'resumed', timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`FakeGateway: no ${event} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ event, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.socket?.terminate();
    this.socket = socket;
    this.live = false;
    socket.on('message', (raw) => this.receive(socket, raw.toString()));
    socket.on('close', () => {
      if (this.socket === socket) {
        this.socket = null;
        this.live = false;
      }
    });
    this.send({ op: op.hello, d: { heartbeat_interval: 41_250 } });
  }

  private receive(socket: WebSocket, raw: string): void {
    if (socket !== this.socket) return;
    const payload = JSON.parse(raw) as GatewayPayload;
    const data = (payload.d ?? {}) as { token?: string };
    switch (payload.op) {
      case op.heartbeat:
        this.send({ op: op.heartbeatAck });
        break;
      case op.identify:
        this.identifies.push(data.token ?? '');
        this.seq = 0;
        this.goLive('READY', {
          v: 10,
          user: botUser,
          guilds: [{ id: ids.guild, unavailable: true }],
          session_id: this.sessionId,
          resume_gateway_url: this.urlOf(),
          shard: [0, 1],
          application: { id: ids.application, flags: 0 },
        });
        this.dispatch('GUILD_CREATE', guildCreate());
        break;
      case op.resume:
        this.resumes.push(data.token ?? '');
        this.goLive('RESUMED', {});
        break;
      default:
        break;
    }
  }

  private goLive(t: 'READY' | 'RESUMED', d: unknown): void {
    this.live = true;
    this.send({ op: op.dispatch, t, s: ++this.seq, d });
    for (const queued of this.queue.splice(0)) this.dispatch(queued.t, queued.d);
    const event = t === 'READY' ? 'ready' : 'resumed';
    for (const waiter of this.waiters.filter((w) => w.event === event)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  private send(payload: GatewayPayload): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(payload));
  }
}
