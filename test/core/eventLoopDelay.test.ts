import { describe, expect, it } from 'vitest';
import { EventLoopDelayMonitor } from '../../src/eventLoopDelay.ts';

/** Holds the event loop for `ms`, as a long synchronous step of indexing would. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose
  }
}

describe('the event-loop delay measure', () => {
  it('reports a block that ends right before the measure is read', async () => {
    const monitor = new EventLoopDelayMonitor();
    monitor.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    block(300);
    const figures = monitor.finish();
    expect(figures?.maxMs).toBeGreaterThanOrEqual(290);
    expect(figures?.ms).toBeGreaterThanOrEqual(figures?.maxMs ?? 0);
  });

  it('reports a block that the event loop got past before the measure is read', async () => {
    const monitor = new EventLoopDelayMonitor();
    monitor.start();
    block(300);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(monitor.finish()?.maxMs).toBeGreaterThanOrEqual(290);
  });

  it('gives no figures when it was never started, or cancelled', () => {
    const monitor = new EventLoopDelayMonitor();
    expect(monitor.finish()).toBeUndefined();
    monitor.start();
    monitor.cancel();
    expect(monitor.finish()).toBeUndefined();
  });
});
