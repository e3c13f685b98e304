import { formatSeconds } from '../progress.ts';
import { formatBytes } from './http.ts';
import type { SourceReport, SyncProgress } from './report.ts';

/** Problems listed one per line; the rest only counted, so a summary of a large site stays readable. */
const LISTED = 10;

/**
 * One line of counts for a source: `docs: 3 added, 1 changed, 290 unchanged, 2 removed, 1 failed, 1 refused (2.3 MB, 296 requests, 151.2 s)`.
 */
export function countsLine(report: SourceReport): string {
  if (report.error !== null) return `${report.name}: not synced: ${report.error}`;
  const counts = [
    `${report.added.length} added`,
    `${report.changed.length} changed`,
    `${report.unchanged} unchanged`,
    `${report.removed.length} removed`,
    `${report.failed.length} failed`,
    ...(report.refused.length > 0 ? [`${report.refused.length} refused`] : []),
  ].join(', ');
  const cost = [
    formatBytes(report.bytes),
    ...(report.kind === 'site' ? [`${report.requests} requests`] : []),
    `${(report.ms / 1000).toFixed(1)} s`,
  ];
  return `${report.name}: ${report.dryRun ? 'would sync: ' : ''}${counts} (${cost.join(', ')})`;
}

/**
 * The summary `npm run sync` prints: per source its counts, then the files added, changed and removed and
 * the pages that failed or were refused with the reason (ten of each, the rest counted), then its notes.
 */
export function formatSyncSummary(reports: readonly SourceReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(countsLine(report));
    if (report.error !== null) continue;
    const list = (label: string, items: readonly string[]) => {
      for (const item of items.slice(0, LISTED)) lines.push(`  ${label} ${item}`);
      if (items.length > LISTED) lines.push(`  ${label} …and ${items.length - LISTED} more`);
    };
    list('added', report.added);
    list('changed', report.changed);
    list('removed', report.removed);
    list(
      'failed',
      report.failed.map((problem) => `${problem.url}: ${problem.reason} (old copy kept)`),
    );
    list(
      'refused',
      report.refused.map((problem) => `${problem.url}: ${problem.reason}`),
    );
    for (const note of report.notes) lines.push(`  note: ${note}`);
  }
  return lines.join('\n');
}

/**
 * A progress line: `docs fetching [########------------] 120/300 pages, 2.1 MB, ETA 1m30s`. A crawl learns
 * the total as it goes, so its ETA is for the pages found so far.
 */
export function formatSyncProgress(progress: SyncProgress): string {
  const { source, phase, done, total, bytes, elapsedMs } = progress;
  if (phase !== 'fetching') return `${source} ${phase}…`;
  const fraction = total === 0 ? 0 : Math.min(1, done / total);
  const filled = Math.round(fraction * 20);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(20 - filled)}]`;
  const remaining = done > 0 ? ((total - done) * elapsedMs) / done / 1000 : Number.NaN;
  const eta = done >= total ? 'done' : Number.isFinite(remaining) ? `ETA ${formatSeconds(remaining)}` : 'ETA ?';
  return `${source} ${phase} ${bar} ${done}/${total} pages, ${formatBytes(bytes)}, ${eta}`;
}
