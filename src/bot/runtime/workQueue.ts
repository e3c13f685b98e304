/** One piece of queued work: what it is (for the log) and the work itself. */
export interface Job {
  name: string;
  run(): Promise<void>;
}

export const workQueueDefaults = {
  /** Jobs running at once: one answers while another waits on Discord. */
  concurrency: 2,
  /** Jobs waiting at most; past it a new job is refused (the caller says what is lost). */
  maxWaiting: 1_000,
} as const;

/**
 * A first-in, first-out queue of asynchronous jobs, `concurrency` at a time, each started on a later turn of
 * the event loop: a burst of help posts is worked through in order while interactions and mentions that
 * arrive meanwhile are handled between its jobs, never behind the whole burst. A job that throws is reported
 * through `onError` and the queue goes on.
 */
export class WorkQueue {
  private readonly waiting: Job[] = [];
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly onError: (job: Job, error: unknown) => void,
    private readonly options: { concurrency: number; maxWaiting: number } = workQueueDefaults,
  ) {}

  /** Jobs waiting to start. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Queues a job; false when the queue is full or stopped, and the job will not run. */
  push(job: Job): boolean {
    if (this.stopped || this.waiting.length >= this.options.maxWaiting) return false;
    this.waiting.push(job);
    setImmediate(() => this.next());
    return true;
  }

  /** Starts no more jobs; resolves once the running ones have finished. Waiting jobs are dropped (and returned). */
  async stop(): Promise<Job[]> {
    this.stopped = true;
    const dropped = this.waiting.splice(0);
    await Promise.allSettled([...this.running]);
    return dropped;
  }

  /** Resolves once nothing waits or runs (for tests and benchmarks). */
  async idle(): Promise<void> {
    while (this.waiting.length > 0 || this.running.size > 0) {
      await Promise.allSettled([...this.running]);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private next(): void {
    if (this.stopped || this.running.size >= this.options.concurrency) return;
    const job = this.waiting.shift();
    if (!job) return;
    const run = job
      .run()
      .catch((error: unknown) => this.onError(job, error))
      .finally(() => {
        this.running.delete(run);
        // The next job starts on a later turn, after whatever arrived meanwhile.
        setImmediate(() => this.next());
      });
    this.running.add(run);
  }
}
