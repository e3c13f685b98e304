import type { SyncProgress } from './report.ts';

/** What a sync runs with: where it writes, how it reaches the network, and who hears of its progress. */
export interface SyncContext {
  /** The corpus folder: each source is synced into its own subfolder, named after it. */
  corpusDir: string;
  /** The sync's own folder, outside the corpus: staged files, Git clones, locks. */
  workDir: string;
  /** Node's fetch (undici); tests and embedders may pass their own. */
  fetch: typeof fetch;
  /** Report what would change and write nothing. */
  dryRun: boolean;
  /** Stops the sync (Ctrl-C, shutdown): what was done so far is kept aside and the next sync resumes it. */
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** The environment `git` runs in (PATH, HOME, its own settings); the sync adds only GIT_TERMINAL_PROMPT=0. */
  gitEnv: Readonly<Record<string, string | undefined>>;
}
