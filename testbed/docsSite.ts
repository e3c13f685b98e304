import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the site answers for one path. */
export type Route =
  | { body: string | Buffer; type?: string; lastModified?: string; noValidators?: boolean }
  | { status: number; body?: string; location?: string }
  | { delayMs: number; body: string };

/** One request the site received, and what it answered. */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  /** Bytes of body sent. */
  bytes: number;
  headers: IncomingMessage['headers'];
}

/**
 * A documentation site on 127.0.0.1, for the sync's tests: answers from a route table the test edits, with
 * an ETag (and Last-Modified when given) on every page, 304 to a matching conditional request, and a log of
 * every request it received.
 */
export class DocsSite {
  readonly routes = new Map<string, Route>();
  readonly log: LoggedRequest[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  origin = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => this.answer(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Sets the page at `path`, HTML by default. */
  page(path: string, body: string | Buffer, type = 'text/html; charset=utf-8'): void {
    this.routes.set(path, { body, type });
  }

  /** The paths requested, in order. */
  paths(): string[] {
    return this.log.map((entry) => entry.path);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const path = request.url ?? '/';
    // Logged as it arrives: a request the client gives up on is still one it made.
    const entry: LoggedRequest = { method: request.method ?? 'GET', path, status: 0, bytes: 0, headers: request.headers };
    this.log.push(entry);
    const route = this.routes.get(path);
    const send = (status: number, headers: Record<string, string>, body: string | Buffer = '') => {
      entry.status = status;
      entry.bytes = Buffer.byteLength(body);
      response.writeHead(status, { ...headers, 'content-length': String(entry.bytes) });
      response.end(body);
    };
    if (route === undefined) {
      send(404, { 'content-type': 'text/plain' }, 'not found');
    } else if ('status' in route) {
      send(route.status, route.location ? { location: route.location } : {}, route.body ?? '');
    } else if ('delayMs' in route) {
      const timer = setTimeout(() => send(200, { 'content-type': 'text/html' }, route.body), route.delayMs);
      response.on('close', () => clearTimeout(timer));
    } else {
      const etag = `"${createHash('sha1').update(route.body).digest('hex').slice(0, 16)}"`;
      const headers: Record<string, string> = { 'content-type': route.type ?? 'text/html; charset=utf-8' };
      if (!route.noValidators) headers.etag = etag;
      if (route.lastModified) headers['last-modified'] = route.lastModified;
      if (!route.noValidators && request.headers['if-none-match'] === etag) send(304, headers);
      else send(200, headers, route.body);
    }
  }
}

/** A small HTML page with a title, a heading, a paragraph and links. */
export function htmlPage(title: string, text: string, links: readonly string[] = [], head = ''): string {
  const anchors = links.map((href) => `<li><a href="${href}">${href}</a></li>`).join('');
  return `<!doctype html><html><head><title>${title}</title>${head}</head><body><nav><ul>${anchors}</ul></nav><main><h1>${title}</h1><p>${text}</p></main></body></html>`;
}
