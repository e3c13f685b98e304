import type { SourceReport } from '../../sync/report.ts';
import { countsLine } from '../../sync/summary.ts';
import type { ReloadReport } from '../../watch/liveEngine.ts';
import { discordLimits } from './limits.ts';
import { clip } from './markdown.ts';
import { type ReplyPayload, textPayload } from './payload.ts';

/** The result of a /reindex: what changed, and whether it joined a reindex that was already running. */
export interface ReindexOutcome {
  report: ReloadReport;
  joined: boolean;
  /** How many shard processes reindexed, when sharded (`report` is this shard's). */
  shards?: number;
  /** What syncing the declared sources did first, when there are any. */
  synced?: SourceReport[];
  /** The sync was still running when the reindex had to go on; its changes are served when it ends. */
  syncStillRunning?: boolean;
}

/** Ids listed per kind of change; the rest is counted, so a large change stays one short message. */
const listedPerKind = 10;

function idList(label: string, ids: readonly string[]): string | null {
  if (ids.length === 0) return null;
  const shown = ids.slice(0, listedPerKind).map((id) => `\`${id.replaceAll('`', "'")}\``);
  const more = ids.length > listedPerKind ? ` …and ${ids.length - listedPerKind} more` : '';
  return `${label}: ${shown.join(', ')}${more}`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * What a /reindex did, for the server manager who asked: counts, time taken, and the ids of the documents
 * added, changed and removed (ten of each at most).
 *
 * @example formatReindex({ report: { added: ['new'], changed: [], removed: [], documents: 5, ms: 1200, fromSnapshot: false }, joined: false })
 * // → 'Reindexed in 1.2 s: 1 added, 0 changed, 0 removed (5 documents).\nAdded: `new`'
 */
export function formatReindex({ report, joined, shards, synced, syncStillRunning }: ReindexOutcome): ReplyPayload {
  const { added, changed, removed, documents, ms } = report;
  const counts = `${added.length} added, ${changed.length} changed, ${removed.length} removed (${documents} documents)`;
  const where = shards === undefined ? '' : ` on all ${shards} shards`;
  const head = joined
    ? `A reindex was already running; it finished in ${seconds(ms)}${where}: ${counts}.`
    : `Reindexed in ${seconds(ms)}${where}: ${counts}.`;
  const lines = [head, idList('Added', added), idList('Changed', changed), idList('Removed', removed)].filter((line) => line !== null);
  if (added.length + changed.length + removed.length === 0) lines.push('Nothing changed since the last index.');
  // The sync came first: say what it fetched before what the index made of it.
  if (synced !== undefined && synced.length > 0) lines.unshift(...synced.map((source) => `Synced ${countsLine(source)}`));
  if (syncStillRunning) lines.unshift('The sources are still syncing; what they change is served when the sync ends (see /sources).');
  // Ids are paths: ten of 200 characters each still fit, but cut rather than let Discord refuse the reply.
  return textPayload(clip(lines.join('\n'), discordLimits.content));
}

/** The reply when a reindex fails: the old index keeps answering, which is what a manager needs to know. */
export function reindexFailureText(error: unknown): string {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
  return `Reindex failed; the bot keeps answering from the previous index. Reason: ${reason}`;
}
