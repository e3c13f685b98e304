import { rateLimitDefaults } from '../storage/guildSettings.ts';

/** How many questions one user may ask in a window. */
export interface RateLimitOptions {
  /** Questions allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** Clock, injectable for tests. */
  now?(): number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * A sliding-window limit per user. Memory stays bounded because each user keeps at most
 * `limit` timestamps and users whose window has passed are dropped on the next sweep.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { times: number[]; windowMs: number }>();
  /** Until when each refused user has been told so. */
  private readonly told = new Map<string, number>();
  private readonly options: Required<RateLimitOptions>;
  private lastSweep = 0;

  constructor(options: Partial<RateLimitOptions> = {}) {
    this.options = { now: () => Date.now(), ...rateLimitDefaults, ...options };
  }

  /**
   * Counts one question for `user` when allowed; says how long to wait when not. `limits` overrides the
   * limit and window for this user (a server's own setting).
   */
  take(user: string, limits: Pick<RateLimitOptions, 'limit' | 'windowMs'> = this.options): RateDecision {
    const { limit, windowMs } = limits;
    const now = this.options.now();
    this.sweep(now);
    const recent = (this.hits.get(user)?.times ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= limit) {
      this.hits.set(user, { times: recent, windowMs });
      return { allowed: false, retryAfterMs: windowMs - (now - recent[recent.length - limit]!) };
    }
    recent.push(now);
    this.hits.set(user, { times: recent.slice(-limit), windowMs });
    return { allowed: true };
  }

  /**
   * Whether to tell `user` that `take` refused them (`retryAfterMs` as it said): true the first time in a
   * window, false for every refusal until it ends. Where the notice is public (a reply in the channel), a
   * member who keeps mentioning the bot gets one notice, not one message per mention.
   */
  firstRefusal(user: string, retryAfterMs: number): boolean {
    const now = this.options.now();
    if ((this.told.get(user) ?? Number.NEGATIVE_INFINITY) > now) return false;
    this.told.set(user, now + retryAfterMs);
    return true;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.options.windowMs) return;
    this.lastSweep = now;
    for (const [user, until] of this.told) if (until <= now) this.told.delete(user);
    for (const [user, { times, windowMs }] of this.hits) {
      if (times.every((t) => now - t >= windowMs)) this.hits.delete(user);
    }
  }
}
