import { join } from 'node:path';
import type { SyncContext } from './context.ts';
import { syncGit } from './gitSync.ts';
import { notRun, type SourceReport } from './report.ts';
import { syncSite } from './siteSync.ts';
import { SourceFolder, STATE_FILE, type SyncCounts } from './sourceFolder.ts';
import { type SourceDefinition, SourcesError } from './sources.ts';

/**
 * Syncs each declared source (or only the one named `only`) into its folder of the corpus, one after the
 * other, and reports what each did. A source that cannot run (its site or repository out of reach, another
 * sync of it running) is reported and the others still run. Throws SourcesError for an unknown `only`, and
 * the signal's reason when it is aborted (what was fetched is kept aside: the next sync resumes it).
 *
 * @example
 * const reports = await syncSources(await readSources('sources.yaml'), { corpusDir: 'corpus', workDir: '.cache/corpus-qa/sources', fetch, dryRun: false, gitEnv: env });
 */
export async function syncSources(sources: readonly SourceDefinition[], context: SyncContext, only?: string): Promise<SourceReport[]> {
  const chosen = only === undefined ? sources : sources.filter((source) => source.name === only);
  if (chosen.length === 0 && only !== undefined) {
    throw new SourcesError(`no source is named "${only}" (declared: ${sources.map((source) => source.name).join(', ') || 'none'})`);
  }
  const reports: SourceReport[] = [];
  for (const source of chosen) reports.push(await syncOne(source, context));
  return reports;
}

async function syncOne(source: SourceDefinition, context: SyncContext): Promise<SourceReport> {
  const started = performance.now();
  const folder = new SourceFolder(context.corpusDir, context.workDir, source.name);
  const lock = await folder.lock();
  if ('heldBy' in lock) {
    return notRun(source.name, source.kind, `another sync of this source is running (process ${lock.heldBy})`, 0, context.dryRun);
  }
  try {
    return source.kind === 'site' ? await syncSite(source, context) : await syncGit(source, context);
  } catch (error) {
    if (context.signal?.aborted) throw error;
    // A fault of this machine (a full disk, a folder without write permission): the others still run.
    const reason = `sync failed: ${(error as Error).message.split('\n')[0]}`;
    return notRun(source.name, source.kind, reason, performance.now() - started, context.dryRun);
  } finally {
    await lock.release();
  }
}

/** What `/sources` shows of one source. */
export interface SourceStatus {
  name: string;
  kind: SourceDefinition['kind'];
  /** The site's start URL or the repository (with its path and ref). */
  location: string;
  /** When the last sync that ran ended, or null. */
  lastSync: Date | null;
  /** Files the source has in the corpus now. */
  pages: number;
  /** Why the last sync could not run, or null. */
  lastError: string | null;
  lastCounts: SyncCounts | null;
}

/** The state of each declared source's folder, as its last sync left it. */
export async function sourceStatuses(sources: readonly SourceDefinition[], corpusDir: string): Promise<SourceStatus[]> {
  return Promise.all(
    sources.map(async (source) => {
      const state = await new SourceFolder(corpusDir, '', source.name).readState();
      return {
        name: source.name,
        kind: source.kind,
        location: source.kind === 'site' ? source.url : `${source.repository}${source.path ? ` ${source.path}/` : ''} @ ${source.ref}`,
        lastSync: state?.lastSync ? new Date(state.lastSync) : null,
        pages: Object.keys(state?.files ?? {}).length,
        lastError: state?.lastError ?? null,
        lastCounts: state?.lastCounts ?? null,
      };
    }),
  );
}

/** The path of a source's state file, for messages. */
export function stateFileOf(corpusDir: string, name: string): string {
  return join(corpusDir, name, STATE_FILE);
}
