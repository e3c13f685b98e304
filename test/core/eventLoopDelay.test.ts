import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventLoopDelayMonitor } from '../../src/eventLoopDelay.ts';

/**
 * The monitor's clock, moved by hand: a long synchronous step of indexing is the clock jumping while no
 * timer could run. The figures then follow from the jump alone, however busy the machine is.
 */
let clock = 0;
beforeEach(() => {
  clock = 1_000;
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Holds the event loop for `ms`, as the monitor's clock sees it. */
function block(ms: number): void {
  clock += ms;
}

/** Lets the monitor's timer run (it ticks every 10 ms of real time) with the clock standing still. */
const letTimersRun = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('the event-loop delay measure', () => {
  it('reports a block that ends right before the measure is read', async () => {
    const monitor = new EventLoopDelayMonitor();
    monitor.start();
    await letTimersRun();
    block(300);
    // 300 ms since the last tick, which was due 10 ms after it.
    expect(monitor.finish()).toEqual({ maxMs: 290, p99Ms: 290, ms: 300 });
  });

  it('reports a block that the event loop got past before the measure is read', async () => {
    const monitor = new EventLoopDelayMonitor();
    monitor.start();
    block(300);
    await letTimersRun();
    expect(monitor.finish()?.maxMs).toBe(290);
  });

  it('gives no figures when it was never started, or cancelled', () => {
    const monitor = new EventLoopDelayMonitor();
    expect(monitor.finish()).toBeUndefined();
    monitor.start();
    monitor.cancel();
    expect(monitor.finish()).toBeUndefined();
  });
});
