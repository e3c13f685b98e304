import { ENGINE_VERSION } from '../snapshot/fingerprint.ts';

/** The robots.txt user agent the crawler answers to. */
export const USER_AGENT_TOKEN = 'corpus-qa';
/** What every request says it is. */
export const USER_AGENT = `${USER_AGENT_TOKEN}/${ENGINE_VERSION} (documentation sync; robots.txt user agent ${USER_AGENT_TOKEN})`;

/** Redirects followed for one request, each within the origin. */
export const MAX_REDIRECTS = 5;

/** How requests to one site are made. */
export interface HttpPolicy {
  /** The only origin requested: a redirect anywhere else is refused. */
  origin: string;
  timeoutMs: number;
  maxBytes: number;
  /** Whether robots.txt lets the crawler fetch a URL (each redirect target is asked too). */
  allowed(url: string): boolean;
  /** Node's fetch (undici), or a stand-in. */
  fetch: typeof fetch;
  /** Runs one request when the site's rate allows it. */
  schedule<T>(request: () => Promise<T>): Promise<T>;
  /** Stops everything (an interrupted sync). */
  signal?: AbortSignal;
}

/** What a copy already held says of itself, for a conditional request. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** The outcome of fetching one URL. */
export type FetchOutcome =
  | { kind: 'ok'; url: string; body: Buffer; contentType: string; validators: Validators }
  | { kind: 'not-modified'; url: string }
  /** 404 or 410: the page is gone. */
  | { kind: 'gone'; url: string; status: number }
  /** Worth trying again later (5xx, a time-out, a dropped connection): an old copy is kept. */
  | { kind: 'failed'; url: string; reason: string }
  /** Not fetched, on principle: another origin, robots.txt, too large. */
  | { kind: 'refused'; url: string; reason: string };

/** Statuses retried after a pause, and how often: a busy server, not a broken page. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const RETRIES = 2;
const RETRY_PAUSE_MS = 1_000;
const MAX_RETRY_AFTER_MS = 30_000;

/** Sent with every request: who is asking, and what it can read. No cookie and no credential is ever sent. */
const HEADERS = {
  'user-agent': USER_AGENT,
  accept: 'text/html,application/xhtml+xml,application/pdf,text/markdown,text/plain;q=0.8,*/*;q=0.1',
};

/**
 * Fetches `url` within the policy's origin: redirects followed by hand (at most 5, each to the same origin and
 * allowed by robots.txt), the body read only when its declared and actual size stay within `maxBytes`, the
 * whole request within `timeoutMs`. With `validators`, asks conditionally (If-None-Match, If-Modified-Since),
 * so an unchanged page costs a 304 and no body. A busy server (429, 502–504) or a dropped connection is
 * tried twice more after a pause; a time-out is not.
 */
export async function fetchWithinOrigin(url: string, policy: HttpPolicy, validators: Validators = {}): Promise<FetchOutcome> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const refusal = refusalOf(current, policy);
    if (refusal !== null) return { kind: 'refused', url: current, reason: hop === 0 ? refusal : `redirected to ${current}: ${refusal}` };
    const outcome = await requestWithRetries(current, policy, validators);
    if ('redirect' in outcome) {
      current = outcome.redirect;
      continue;
    }
    return outcome;
  }
  return { kind: 'refused', url: current, reason: `more than ${MAX_REDIRECTS} redirects` };
}

/** Why a URL is not requested at all, or null when it may be. */
function refusalOf(url: string, policy: HttpPolicy): string | null {
  if (!URL.canParse(url)) return 'not a URL';
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `not an http(s) URL (${parsed.protocol})`;
  if (parsed.origin !== policy.origin) return `another origin than ${policy.origin}, refused`;
  if (parsed.username !== '' || parsed.password !== '') return 'a URL with credentials, refused';
  if (!policy.allowed(url)) return 'disallowed by robots.txt';
  return null;
}

type RequestOutcome = FetchOutcome | { redirect: string };

async function requestWithRetries(url: string, policy: HttpPolicy, validators: Validators): Promise<RequestOutcome> {
  for (let attempt = 0; ; attempt += 1) {
    const outcome = await policy.schedule(() => requestOnce(url, policy, validators));
    if (!('retryAfterMs' in outcome) || attempt >= RETRIES) return 'retryAfterMs' in outcome ? outcome.final : outcome;
    await pause(outcome.retryAfterMs, policy.signal);
  }
}

async function requestOnce(
  url: string,
  policy: HttpPolicy,
  validators: Validators,
): Promise<RequestOutcome | { retryAfterMs: number; final: FetchOutcome }> {
  const timeout = AbortSignal.timeout(policy.timeoutMs);
  const signal = policy.signal ? AbortSignal.any([timeout, policy.signal]) : timeout;
  const headers: Record<string, string> = { ...HEADERS };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  let response: Response;
  try {
    response = await policy.fetch(url, { headers, redirect: 'manual', credentials: 'omit', signal });
  } catch (error) {
    if (policy.signal?.aborted) throw policy.signal.reason;
    if (timeout.aborted) return { kind: 'failed', url, reason: `no answer within ${policy.timeoutMs / 1000} s` };
    const failed: FetchOutcome = { kind: 'failed', url, reason: `cannot connect (${causeOf(error)})` };
    return { retryAfterMs: RETRY_PAUSE_MS, final: failed };
  }
  const { status } = response;
  if (status >= 300 && status < 400 && status !== 304) {
    await discard(response);
    const location = response.headers.get('location');
    if (location === null || !URL.canParse(location, url))
      return { kind: 'failed', url, reason: `redirect (${status}) without a valid Location` };
    const target = new URL(location, url);
    target.hash = '';
    return { redirect: target.href };
  }
  if (status === 304) {
    await discard(response);
    return { kind: 'not-modified', url };
  }
  if (status === 404 || status === 410) {
    await discard(response);
    return { kind: 'gone', url, status };
  }
  if (status !== 200) {
    await discard(response);
    if (status >= 500 || RETRY_STATUSES.has(status)) {
      const failed: FetchOutcome = { kind: 'failed', url, reason: `the server answered ${status}` };
      return RETRY_STATUSES.has(status) ? { retryAfterMs: retryAfter(response), final: failed } : failed;
    }
    // 401, 403 and the like may pass (a login wall, a firewall's mood): the old copy is kept, as for a 5xx.
    return { kind: 'failed', url, reason: `the server answered ${status}` };
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > policy.maxBytes) {
    await discard(response);
    return { kind: 'refused', url, reason: `larger than ${formatBytes(policy.maxBytes)} (${formatBytes(declared)})` };
  }
  let body: Buffer | null;
  try {
    body = await readAtMost(response, policy.maxBytes);
  } catch (error) {
    if (policy.signal?.aborted) throw policy.signal.reason;
    if (timeout.aborted) return { kind: 'failed', url, reason: `no complete answer within ${policy.timeoutMs / 1000} s` };
    return { kind: 'failed', url, reason: `connection lost while reading (${causeOf(error)})` };
  }
  if (body === null) return { kind: 'refused', url, reason: `larger than ${formatBytes(policy.maxBytes)}` };
  const validatorsOf: Validators = {};
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (etag) validatorsOf.etag = etag;
  if (lastModified) validatorsOf.lastModified = lastModified;
  return { kind: 'ok', url, body, contentType: response.headers.get('content-type') ?? '', validators: validatorsOf };
}

/** The body, or null as soon as it passes `maxBytes` (the rest is never downloaded). */
async function readAtMost(response: Response, maxBytes: number): Promise<Buffer | null> {
  if (response.body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, length);
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function retryAfter(response: Response): number {
  const raw = response.headers.get('retry-after');
  const seconds = raw === null ? Number.NaN : Number(raw);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : raw === null ? Number.NaN : Date.parse(raw) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, RETRY_PAUSE_MS), MAX_RETRY_AFTER_MS) : RETRY_PAUSE_MS;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it is aborted. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** `10485760` → `10 MB` */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${Number((bytes / 1024 ** 2).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} B`;
}
