import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { requestLimiter } from '../../src/sync/siteSync.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** When each of `count` requests starts, in ms after the first, on the fake clock. */
async function starts(rate: number, crawlDelay: number | null, count: number): Promise<number[]> {
  const queue = requestLimiter(rate, crawlDelay);
  const origin = Date.now();
  const started: number[] = [];
  const done = Promise.all(Array.from({ length: count }, () => queue.add(async () => started.push(Date.now() - origin))));
  await vi.runAllTimersAsync();
  await done;
  return started;
}

describe('the request limiter', () => {
  it('starts requests one Crawl-delay apart when robots.txt asks for more than the rate allows', async () => {
    expect(await starts(20, 0.25, 5)).toEqual([0, 250, 500, 750, 1000]);
  });

  it('starts requests at the rate when there is no Crawl-delay, or a shorter one', async () => {
    expect(await starts(20, null, 4)).toEqual([0, 50, 100, 150]);
    expect(await starts(20, 0.01, 4)).toEqual([0, 50, 100, 150]);
  });
});
