/** A URL or file a sync could not take, and why. */
export interface Problem {
  url: string;
  reason: string;
}

/** What one source's sync did. */
export interface SourceReport {
  name: string;
  kind: 'site' | 'git';
  /** Null when the sync ran; else why it could not (a start URL or repository out of reach, a lock held). */
  error: string | null;
  /** Files added, changed and removed, by path inside the source's folder. */
  added: string[];
  changed: string[];
  unchanged: number;
  removed: string[];
  /** Pages that failed (5xx, time-out): their old copy, if any, is kept. */
  failed: Problem[];
  /** Pages not fetched on principle (robots.txt, another origin, too large, not a document): not in the corpus. */
  refused: Problem[];
  /** Bytes of response bodies downloaded. */
  bytes: number;
  /** Requests made. */
  requests: number;
  ms: number;
  /** Anything else worth saying: a limit reached, robots.txt's Crawl-delay obeyed, an interrupted sync resumed. */
  notes: string[];
  /** Nothing was written (`--dry-run`): the counts say what a sync would change. */
  dryRun: boolean;
}

/** Where a source's sync is, for a progress bar. */
export interface SyncProgress {
  source: string;
  phase: 'discovering' | 'fetching' | 'saving';
  /** Pages (or files) done, and the total known so far (a crawl finds more as it goes). */
  done: number;
  total: number;
  bytes: number;
  elapsedMs: number;
}

/** A report for a source that could not run. */
export function notRun(name: string, kind: SourceReport['kind'], error: string, ms: number, dryRun: boolean): SourceReport {
  return {
    name,
    kind,
    error,
    added: [],
    changed: [],
    unchanged: 0,
    removed: [],
    failed: [],
    refused: [],
    bytes: 0,
    requests: 0,
    ms,
    notes: [],
    dryRun,
  };
}

/** `true` when a sync changed (or, dry, would change) what the corpus serves. */
export function changedCorpus(report: SourceReport): boolean {
  return report.added.length + report.changed.length + report.removed.length > 0;
}
