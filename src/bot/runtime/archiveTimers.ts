/** Something that can be archived later: a thread. */
export interface Archivable {
  readonly id: string;
  setArchived(archived: boolean): Promise<unknown>;
}

/**
 * Threads to archive after a delay (a help post some minutes after "Solved"), one timer each, none of which
 * keeps a stopping process alive. A timer lost to a restart is made up at the next start (helpDesk catch-up).
 */
export class ArchiveTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly onError: (thread: string, error: unknown) => void) {}

  /** Archives `thread` in `delayMs` (at once for 0); a thread already scheduled keeps its first time. */
  schedule(thread: Archivable, delayMs: number): void {
    if (this.timers.has(thread.id)) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(thread.id);
        thread.setArchived(true).catch((error: unknown) => this.onError(thread.id, error));
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    this.timers.set(thread.id, timer);
  }

  /** Whether `thread` waits to be archived. */
  has(thread: string): boolean {
    return this.timers.has(thread);
  }

  /** Forgets every timer (at shutdown). */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
