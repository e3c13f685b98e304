import { isLockError } from './database.ts';
import type { QuestionEntry } from './questionLog.ts';

export const questionQueueDefaults = {
  /** How often questions waiting on another process's lock are tried again. */
  retryMs: 500,
  /** A question still unwritten after this long is dropped, with a counted warning: the lock is not going away soon. */
  giveUpAfterMs: 30_000,
  /** Questions waiting at most; past it the oldest is dropped (counted), so a long lock cannot grow memory. */
  maxQueued: 1_000,
  /** Questions written per retry, in one transaction; the rest wait for the next turn of the event loop. */
  batch: 200,
} as const;

export type QuestionQueueOptions = { [K in keyof typeof questionQueueDefaults]: number };

/** Where the queue reports a lock and what it cost: the bot's logger. */
export interface QueueReports {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/** What the queue writes with: the question log's insert of one question, and of several in one transaction. */
export interface QuestionWriter {
  record(entry: QuestionEntry, askedAt: number): number;
  recordAll(entries: readonly { entry: QuestionEntry; askedAt: number }[]): void;
}

interface Waiting {
  entry: QuestionEntry;
  askedAt: number;
  queuedAt: number;
}

/**
 * The question log kept off the answer's path. A question is written at once when the database is free and
 * nothing waits (one insert, well under a millisecond, whose id the answer's vote buttons carry). When
 * another process holds the write lock past the connection's short wait, the question is queued instead and
 * the answer goes out without vote buttons; the queue is retried on a timer, in the background, and a
 * question still unwritten after `giveUpAfterMs` is dropped with one warning that counts them. So a locked
 * database costs at most one short wait per retry, never one per question.
 */
export class QuestionQueue {
  private readonly waiting: Waiting[] = [];
  private readonly options: QuestionQueueOptions;
  private timer: NodeJS.Timeout | undefined;
  private droppedSinceStart = 0;
  /** Dropped since the last warning, by reason: reported once per retry, not once per question. */
  private readonly unreported = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly writer: QuestionWriter,
    private readonly reports: QueueReports,
    private readonly now: () => number,
    options: Partial<QuestionQueueOptions> = {},
  ) {
    this.options = { ...questionQueueDefaults, ...options };
  }

  /** Questions waiting to be written. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Questions dropped since start because the database stayed locked (or the queue was full). */
  get dropped(): number {
    return this.droppedSinceStart;
  }

  /**
   * Logs a question now when nothing waits, and returns its id; when the database is locked (or earlier
   * questions still wait for it) queues it and returns undefined. Other write errors (a full disk) throw.
   */
  record(entry: QuestionEntry, askedAt: number): number | undefined {
    if (this.waiting.length === 0 && !this.closed) {
      try {
        return this.writer.record(entry, askedAt);
      } catch (error) {
        if (!isLockError(error)) throw error;
        this.reports.warn('database locked: questions are queued until it is free', {
          retryMs: this.options.retryMs,
          giveUpAfterMs: this.options.giveUpAfterMs,
        });
      }
    }
    if (this.closed) {
      this.drop(1, 'the bot is stopping');
      this.reportDrops();
      return undefined;
    }
    if (this.waiting.length >= this.options.maxQueued) {
      this.waiting.shift();
      this.drop(1, 'too many questions waiting');
    }
    this.waiting.push({ entry, askedAt, queuedAt: this.now() });
    this.schedule(this.options.retryMs);
    return undefined;
  }

  /** Writes what it can once more and drops the rest (counted): at shutdown, before the database closes. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flush();
    if (this.waiting.length > 0) this.drop(this.waiting.splice(0).length, 'the bot is stopping');
    this.reportDrops();
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.retry();
    }, delayMs);
    // A queue waiting on a lock must not keep a stopping process alive.
    this.timer.unref();
  }

  private retry(): void {
    const now = this.now();
    let expired = 0;
    while (expired < this.waiting.length && now - this.waiting[expired]!.queuedAt >= this.options.giveUpAfterMs) expired++;
    if (expired > 0) this.drop(this.waiting.splice(0, expired).length, 'the database stayed locked');
    const written = this.flush();
    this.reportDrops();
    if (this.waiting.length === 0) {
      if (written > 0) this.reports.info('database free again: queued questions written', { questions: written });
      return;
    }
    // More than a batch written: go on at the next turn of the event loop, not after a full retry period.
    this.schedule(written >= this.options.batch ? 0 : this.options.retryMs);
  }

  /** Writes the oldest waiting questions, a batch in one transaction, until the lock stops it; returns how many. */
  private flush(): number {
    const batch = this.waiting.slice(0, this.options.batch);
    if (batch.length === 0) return 0;
    try {
      this.writer.recordAll(batch);
    } catch (error) {
      if (isLockError(error)) return 0;
      // Not a lock (a full disk, a closed file): these questions cannot be written; say so and go on.
      this.waiting.splice(0, batch.length);
      this.droppedSinceStart += batch.length;
      this.reports.warn('questions not logged', { questions: batch.length, droppedSinceStart: this.droppedSinceStart, error });
      return 0;
    }
    this.waiting.splice(0, batch.length);
    return batch.length;
  }

  private drop(count: number, reason: string): void {
    this.droppedSinceStart += count;
    this.unreported.set(reason, (this.unreported.get(reason) ?? 0) + count);
  }

  private reportDrops(): void {
    for (const [reason, questions] of this.unreported) {
      this.reports.warn('questions not logged', { questions, reason, droppedSinceStart: this.droppedSinceStart });
    }
    this.unreported.clear();
  }
}
