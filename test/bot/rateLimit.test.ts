import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/bot/runtime/rateLimit.ts';

describe('RateLimiter', () => {
  it('allows a few questions per window per user, then says how long to wait', () => {
    let now = 1_000;
    const limiter = new RateLimiter({ limit: 3, windowMs: 30_000, now: () => now });
    expect([limiter.take('ana'), limiter.take('ana'), limiter.take('ana')]).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ]);
    now += 10_000;
    expect(limiter.take('ana')).toEqual({ allowed: false, retryAfterMs: 20_000 });
    expect(limiter.take('ben')).toEqual({ allowed: true });
  });

  it('frees a slot as the oldest question leaves the window', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000, now: () => now });
    limiter.take('ana');
    now = 500;
    limiter.take('ana');
    now = 999;
    expect(limiter.take('ana').allowed).toBe(false);
    now = 1_000;
    expect(limiter.take('ana')).toEqual({ allowed: true });
    expect(limiter.take('ana')).toEqual({ allowed: false, retryAfterMs: 500 });
  });

  it("takes a server's own limit and window per call, and keeps a long window through the sweeps", () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 5, windowMs: 1_000, now: () => now });
    const strict = { limit: 1, windowMs: 60_000 };
    expect(limiter.take('guild-a:ana', strict)).toEqual({ allowed: true });
    now = 5_000;
    // Another user's question triggers a sweep with the default window; ana's minute still counts.
    expect(limiter.take('guild-b:ben')).toEqual({ allowed: true });
    expect(limiter.take('guild-a:ana', strict)).toEqual({ allowed: false, retryAfterMs: 55_000 });
    expect(limiter.take('guild-b:ana')).toEqual({ allowed: true });
  });

  it('says to tell a refused user once per window, then again once the window has passed', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 1, windowMs: 10_000, now: () => now });
    limiter.take('ana');
    const refused = limiter.take('ana');
    expect(refused).toEqual({ allowed: false, retryAfterMs: 10_000 });
    expect(limiter.firstRefusal('ana', 10_000)).toBe(true);
    now = 4_000;
    expect(limiter.take('ana').allowed).toBe(false);
    expect(limiter.firstRefusal('ana', 6_000)).toBe(false);
    expect(limiter.firstRefusal('ben', 6_000)).toBe(true);
    now = 10_000;
    expect(limiter.take('ana')).toEqual({ allowed: true });
    expect(limiter.take('ana').allowed).toBe(false);
    expect(limiter.firstRefusal('ana', 10_000)).toBe(true);
  });
});
