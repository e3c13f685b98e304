import type { SourceStatus } from '../../sync/syncSources.ts';
import { discordLimits } from './limits.ts';
import { clip, escapeMarkdown } from './markdown.ts';
import { type ReplyPayload, textPayload } from './payload.ts';

/**
 * What `/sources` shows a server manager: each declared source with where it syncs from, when it last
 * synced (a Discord timestamp, shown in the reader's time zone), its page count and what the last sync
 * changed, and the last error when the last sync could not run.
 *
 * @example formatSources([{ name: 'docs', kind: 'site', location: 'https://docs.example.org/', lastSync: null, pages: 0, lastError: null, lastCounts: null }]).content
 * // → '**docs** (site) <https://docs.example.org/>\nNever synced · 0 pages'
 */
export function formatSources(statuses: readonly SourceStatus[]): ReplyPayload {
  if (statuses.length === 0) return textPayload('No sources are declared: add websites or Git repositories to the sources file.');
  const blocks = statuses.map((status) => {
    // A site's URL in angle brackets: a link without a preview.
    const where = status.kind === 'site' ? `<${status.location}>` : escapeMarkdown(status.location);
    const head = `**${escapeMarkdown(status.name)}** (${status.kind}) ${where}`;
    const when = status.lastSync === null ? 'Never synced' : `Last synced <t:${Math.floor(status.lastSync.getTime() / 1000)}:R>`;
    const pages = `${status.pages} ${status.pages === 1 ? 'page' : 'pages'}`;
    const counts = status.lastCounts;
    const changes =
      counts === null
        ? []
        : [
            `${counts.added} added, ${counts.changed} changed, ${counts.removed} removed${counts.failed > 0 ? `, ${counts.failed} failed` : ''}`,
          ];
    const lines = [head, [when, pages, ...changes].join(' · ')];
    if (status.lastError !== null) lines.push(`Last error: ${escapeMarkdown(status.lastError)}`);
    return lines.join('\n');
  });
  return textPayload(clip(blocks.join('\n\n'), discordLimits.content));
}
