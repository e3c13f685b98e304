import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { botUser, channelObject, guildCreate, humanUser, ids, type UserObject } from './fixtures.ts';
import { FakeGateway, type GatewayOptions } from './gateway.ts';
import { FakeThreads } from './threads.ts';

/** One REST call the bot made, as the tests inspect it. `path` is decoded and has no `/api/v10` prefix. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Authorization header, so a test can check which token was sent. */
  authorization: string | undefined;
  /** The JSON body, or a multipart body's `payload_json`. */
  body: Record<string, unknown>;
  /** The files of a multipart body (attachments), as text. */
  files: { name: string; text: string }[];
}

/** A message as Discord returns it (the fields discord.js reads). */
export type MessageObject = Record<string, unknown> & { id: string; channel_id: string; content: string };

interface Failure {
  match(req: RecordedRequest): boolean;
  status: number;
  times: number;
  headers: Record<string, string>;
  /** Discord's JSON error code in the body (50013 Missing Permissions…); 0 when unset. */
  code?: number;
}

/** Discord's epoch, the start of 2015, in ms: snowflakes count from it. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** The Message Content intent (privileged): without it, Discord blanks the text of messages that do not mention the bot. */
const MESSAGE_CONTENT_INTENT = 1 << 15;

interface Waiter {
  match(req: RecordedRequest): boolean;
  resolve(req: RecordedRequest): void;
}

/**
 * A small Discord for tests: REST v10 over HTTP and gateway v10 over WebSocket on 127.0.0.1.
 * It keeps the messages the bot sends so component interactions can carry them, records every
 * request, and can be told to fail the next matching calls.
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly messages = new Map<string, MessageObject>();
  readonly gateway: FakeGateway;
  readonly threads: FakeThreads;
  private readonly http: Server;
  private readonly failures: Failure[] = [];
  private readonly holds: { match(req: RecordedRequest): boolean; released: Promise<void> }[] = [];
  private readonly waiters: Waiter[] = [];
  /** Original response message id by interaction token. */
  private readonly originals = new Map<string, string>();
  /** Who sent each interaction, by token: Discord names them in the response's interaction metadata. */
  readonly interactionUsers = new Map<string, UserObject>();
  /** The message a component interaction came from, by interaction token. */
  private readonly componentSources = new Map<string, string>();
  private lastId = 0n;

  /** How long each REST response is held back, as Discord over a network would (0 by default; benchmarks set it). */
  private readonly latencyMs: number;

  /**
   * `shardCount` is what `GET /gateway/bot` recommends and how guilds are routed; one shard and one guild by
   * default. `latencyMs` delays every REST response.
   */
  constructor(options: Partial<GatewayOptions> & { latencyMs?: number } = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.gateway = new FakeGateway(() => `ws://127.0.0.1:${this.port}/gateway`, options);
    this.threads = new FakeThreads(this.gateway);
    this.http = createServer((req, res) => void this.route(req, res));
    this.http.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/gateway')) this.gateway.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** The REST base to give discord.js as `rest.api`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await this.gateway.stop();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** A new id, as Discord makes them: the time since Discord's epoch (2015) in its top bits, so a message's time reads from its id. */
  snowflake(): string {
    const now = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    this.lastId = now > this.lastId ? now : this.lastId + 1n;
    return String(this.lastId);
  }

  /** Makes the next `times` requests that match answer with `status` (and Discord's error `code`) instead of being served. */
  fail(match: (req: RecordedRequest) => boolean, status: number, times = 1, headers: Record<string, string> = {}, code = 0): void {
    this.failures.push({ match, status, times, headers, code });
  }

  /**
   * A user's message arriving: stored, its author joined to the thread it is posted in, and sent on the
   * gateway as MESSAGE_CREATE, as the bot is allowed to see it.
   */
  deliver(message: MessageObject): void {
    this.messages.set(message.id, message);
    const author = (message.author as UserObject | undefined)?.id;
    if (author !== undefined) this.threads.join(message.channel_id, author);
    this.threads.posted(message.channel_id, message.id);
    this.gateway.dispatch('MESSAGE_CREATE', this.asSeenByBot(message));
  }

  /**
   * A message as the bot receives it: without the Message Content intent, Discord blanks the text, embeds,
   * attachments and components of messages that neither are the bot's nor mention it.
   */
  asSeenByBot(message: MessageObject): MessageObject {
    const mentionsBot = ((message.mentions as UserObject[] | undefined) ?? []).some((user) => user.id === botUser.id);
    const ownMessage = (message.author as UserObject | undefined)?.id === botUser.id;
    if (this.gateway.hasIntent(MESSAGE_CONTENT_INTENT) || mentionsBot || ownMessage) return message;
    return { ...message, content: '', embeds: [], attachments: [], components: [] };
  }

  /** Holds the responses to matching requests, like a slow Discord, until the test calls `release`. */
  hold(match: (req: RecordedRequest) => boolean): { release(): void } {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.push({ match, released });
    return { release };
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitForRequest(match: (req: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(
          new Error(
            `FakeDiscord: no matching request within ${timeoutMs} ms; saw ${this.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        match,
        resolve: (req) => {
          clearTimeout(timer);
          resolve(req);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Records which message a component interaction was clicked on, so UPDATE_MESSAGE edits it. */
  linkComponent(token: string, messageId: string): void {
    this.componentSources.set(token, messageId);
  }

  /** The original response of an interaction, as Discord would show it now. */
  original(token: string): MessageObject | undefined {
    const id = this.originals.get(token);
    return id === undefined ? undefined : this.messages.get(id);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    const contentType = req.headers['content-type'] ?? '';
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname.replace(/^\/api(\/v\d+)?/, '')),
      query: url.searchParams,
      authorization: req.headers.authorization,
      body: text && contentType.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : {},
      files: [],
    };
    // Messages with attachments come as multipart/form-data: the message in payload_json, then the files.
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      for (const [field, value] of form.entries()) {
        if (field === 'payload_json') recorded.body = JSON.parse(String(value)) as Record<string, unknown>;
        else if (typeof value !== 'string') recorded.files.push({ name: value.name, text: await value.text() });
      }
    }
    this.requests.push(recorded);
    for (const waiter of this.waiters.filter((w) => w.match(recorded))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(recorded);
    }
    const hold = this.holds.find((h) => h.match(recorded));
    if (hold) await hold.released;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

    const failure = this.failures.find((f) => f.times > 0 && f.match(recorded));
    if (failure) {
      failure.times--;
      this.reply(
        res,
        failure.status,
        { message: 'Injected failure', code: failure.code ?? 0, retry_after: 0.05, global: false },
        failure.headers,
      );
    } else {
      const [status, body] = this.serve(recorded);
      this.reply(res, status, body);
    }
  }

  private serve(req: RecordedRequest): [number, unknown] {
    const { method, path, body } = req;
    let m: RegExpMatchArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return [
        200,
        {
          url: `ws://127.0.0.1:${this.port}/gateway`,
          shards: this.gateway.shardCount,
          // As for large bots: every shard may identify at once.
          session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: this.gateway.shardCount },
        },
      ];
    }
    if (method === 'GET' && path === '/users/@me') return [200, botUser];
    m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/);
    if (m && method === 'POST') {
      return this.callback(m[2]!, body, req.query.get('with_response') === 'true');
    }
    m = path.match(/^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/);
    if (m) {
      const id = this.originals.get(m[1]!);
      const message = id === undefined ? undefined : this.messages.get(id);
      if (!message) return [404, { message: 'Unknown Message', code: 10008 }];
      if (method === 'PATCH') Object.assign(message, this.messageFields(body), { edited_timestamp: new Date().toISOString() });
      if (method === 'DELETE') {
        this.messages.delete(message.id);
        return [204, null];
      }
      return [200, message];
    }
    m = path.match(/^\/webhooks\/\d+\/([^/]+)$/);
    if (m && method === 'POST') {
      return [200, this.store(body, {})];
    }
    m = path.match(/^\/channels\/(\d+)\/messages$/);
    if (m && method === 'POST') {
      const reference = body.message_reference as { message_id?: string } | undefined;
      const message = this.store(body, {
        channel_id: m[1],
        ...(reference ? { message_reference: { ...reference, channel_id: m[1], guild_id: ids.guild }, type: 19 } : {}),
      });
      this.threads.posted(m[1]!, message.id);
      return [200, message];
    }
    m = path.match(/^\/channels\/(\d+)\/messages$/);
    if (m && method === 'GET') return [200, this.history(m[1]!, req.query)];
    m = path.match(/^\/channels\/\d+\/messages\/(\d+)$/);
    if (m && method === 'GET') {
      const message = this.messages.get(m[1]!);
      return message ? [200, this.withReference(message)] : [404, { message: 'Unknown Message', code: 10008 }];
    }
    m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/);
    if (m && method === 'POST') return this.threads.startFromMessage(m[1]!, this.messages.get(m[2]!), body);
    m = path.match(/^\/channels\/(\d+)$/);
    if (m && method === 'GET') {
      const guildChannel = (guildCreate().channels as { id: string }[]).some((c) => c.id === m![1])
        ? channelObject(ids.guild, m[1])
        : undefined;
      const channel = this.threads.channels.get(m[1]!) ?? guildChannel;
      return channel ? [200, channel] : [404, { message: 'Unknown Channel', code: 10003 }];
    }
    if (m && method === 'PATCH') {
      const parent = this.threads.channels.get(m[1]!)?.parent_id;
      const tags = parent ? ((channelObject(ids.guild, parent).available_tags as { id: string }[] | undefined) ?? []) : [];
      return this.threads.update(
        m[1]!,
        body,
        tags.map((tag) => tag.id),
      );
    }
    m = path.match(/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/);
    if (m && method === 'PUT') {
      const commands = req.body as unknown as Record<string, unknown>[];
      return [200, commands.map((c) => ({ ...c, id: this.snowflake(), application_id: ids.application, version: '1' }))];
    }
    return [404, { message: '404: Not Found', code: 0 }];
  }

  private callback(token: string, body: Record<string, unknown>, withResponse: boolean): [number, unknown] {
    const type = body.type as number;
    const data = (body.data ?? {}) as Record<string, unknown>;
    let message: MessageObject | undefined;
    if (type === 4 || type === 5) {
      // 5 = deferred: Discord shows "thinking…" as a loading message (flag 128) until the edit.
      const fields = type === 5 ? { ...data, flags: ((data.flags as number | undefined) ?? 0) | 128 } : data;
      const user = this.interactionUsers.get(token) ?? humanUser();
      message = this.store(fields, { type: 20, interaction_metadata: { id: token, type: 2, user, authorizing_integration_owners: {} } });
      this.originals.set(token, message.id);
    } else if (type === 7 || type === 6) {
      const source = this.messages.get(this.componentSources.get(token) ?? '');
      if (source && type === 7) Object.assign(source, this.messageFields(data), { edited_timestamp: new Date().toISOString() });
      message = source;
    }
    if (!withResponse) return [204, null];
    return [200, { interaction: { id: token, type: 2 }, resource: { type, message } }];
  }

  /** GET /channels/{id}/messages: newest first, `limit` of them (50 by default), before or after a message id. */
  private history(channelId: string, query: URLSearchParams): MessageObject[] {
    const before = query.get('before');
    const after = query.get('after');
    const limit = Number(query.get('limit') ?? 50);
    return [...this.messages.values()]
      .filter((message) => message.channel_id === channelId)
      .filter(
        (message) => (before === null || BigInt(message.id) < BigInt(before)) && (after === null || BigInt(message.id) > BigInt(after)),
      )
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
      .slice(0, limit)
      .map((message) => this.withReference(message));
  }

  /** A message as REST returns it: as the bot may see it, and a reply with the message it replies to. */
  private withReference(message: MessageObject): MessageObject {
    const seen = this.asSeenByBot(message);
    const id = (message.message_reference as { message_id?: string } | undefined)?.message_id;
    const referenced = message.type === 19 && id !== undefined ? this.messages.get(id) : undefined;
    if (!referenced) return seen;
    const { referenced_message: _, ...inner } = this.asSeenByBot(referenced);
    return { ...seen, referenced_message: inner };
  }

  private messageFields(body: Record<string, unknown>): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const key of ['content', 'embeds', 'components', 'flags', 'allowed_mentions'] as const) {
      if (key in body) fields[key] = body[key];
    }
    return fields;
  }

  private store(body: Record<string, unknown>, extra: Record<string, unknown>): MessageObject {
    const message: MessageObject = {
      id: this.snowflake(),
      channel_id: ids.channel,
      guild_id: ids.guild,
      author: botUser,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      type: 0,
      flags: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      ...this.messageFields(body),
      ...extra,
    };
    this.messages.set(message.id, message);
    return message;
  }

  private reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (status === 204 || body === null) {
      res.writeHead(status === 200 ? 204 : status, headers).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }
}
