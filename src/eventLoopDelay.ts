import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** How often the monitor's timer asks for its turn, in ms. */
const RESOLUTION_MS = 10;

/** The event loop's delays over a stretch of work, in ms. */
export interface DelayFigures {
  /** The longest wait: how long a gateway heartbeat or an interaction could have waited. */
  maxMs: number;
  p99Ms: number;
  /** How long the measure ran. */
  ms: number;
}

/**
 * Measures how late a timer that should fire every 10 ms fires while work runs. `monitorEventLoopDelay`
 * records a delay only when its timer next fires, so a block that ends right before the measure is read
 * goes unseen (a 7.7 s block was reported as 251 ms); here the stretch since the last tick counts too.
 *
 * @example
 * const monitor = new EventLoopDelayMonitor();
 * monitor.start();
 * await buildIndex();
 * monitor.finish(); // → { maxMs: 18, p99Ms: 12, ms: 950 }
 */
export class EventLoopDelayMonitor {
  private histogram: RecordableHistogram | undefined;
  private timer: NodeJS.Timeout | undefined;
  private started = 0;
  private lastTick = 0;

  /** Starts measuring, unless a measure runs already. */
  start(): void {
    if (this.histogram) return;
    this.histogram = createHistogram();
    this.started = performance.now();
    this.lastTick = this.started;
    this.timer = setInterval(() => this.record(), RESOLUTION_MS);
    this.timer.unref();
  }

  /** Stops measuring and returns the figures, or undefined when no measure ran. */
  finish(): DelayFigures | undefined {
    const histogram = this.histogram;
    if (!histogram) return undefined;
    this.record();
    this.cancel();
    const ms = (ns: number) => Math.round(ns / 1e6);
    return { maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), ms: Math.round(performance.now() - this.started) };
  }

  /** Stops measuring without figures. */
  cancel(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.histogram = undefined;
  }

  /** Records how much later than due this moment comes (at least 1 ns: a histogram takes no zero). */
  private record(): void {
    const now = performance.now();
    const lateMs = Math.max(0, now - this.lastTick - RESOLUTION_MS);
    this.histogram?.record(Math.max(1, Math.round(lateMs * 1e6)));
    this.lastTick = now;
  }
}
