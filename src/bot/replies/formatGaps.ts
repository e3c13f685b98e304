import type { Gap } from '../storage/questionLog.ts';
import { formatDefaults } from './formatAnswer.ts';
import { reasonCounts } from './formatFeedback.ts';
import { discordLimits } from './limits.ts';
import { codeSpan, fitText } from './markdown.ts';
import { noMentions, type ReplyPayload } from './payload.ts';

/** Questions listed in the message; the CSV attachment has all of them. */
const listed = 10;

/** One CSV field: quoted when it must be, and never read as a formula by a spreadsheet (questions are user text). */
export function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The gaps as CSV (RFC 4180, CRLF line ends), one row per question, for a spreadsheet.
 *
 * @example gapsCsv([gap]) // → 'question,asked,not_in_corpus,downvoted_by,last_asked,nearest_sources,downvote_reasons\r\n…'
 */
export function gapsCsv(gaps: readonly Gap[]): string {
  const header = ['question', 'asked', 'not_in_corpus', 'downvoted_by', 'last_asked', 'nearest_sources', 'downvote_reasons'];
  const rows = gaps.map((gap) =>
    [
      gap.question,
      gap.asked,
      gap.abstained,
      gap.downvotedBy,
      new Date(gap.lastAsked).toISOString(),
      gap.nearest.map((source) => `${source.title} (${source.path})`).join('; '),
      reasonCounts(gap.reasons),
    ]
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

function gapLine(gap: Gap, rank: number): string {
  const counts = [`asked ${gap.asked}×`];
  if (gap.abstained > 0) counts.push(`not in the corpus ${gap.abstained}×`);
  const reasons = reasonCounts(gap.reasons);
  if (gap.downvotedBy > 0) counts.push(`👎 by ${gap.downvotedBy}${reasons === '' ? '' : ` (${reasons})`}`);
  const nearest = gap.nearest[0];
  const near = nearest ? `\n   nearest: ${fitText(nearest.title, 120)} · ${codeSpan(nearest.path)}` : '';
  return `${rank}. "${fitText(gap.question, 200)}" — ${counts.join(', ')}${near}`;
}

/**
 * /gaps: the questions members asked in the last `days` days that the bot could not answer (or whose answer
 * they rated 👎), most often first, with the nearest sources it had, and the full list as a CSV file.
 */
export function formatGaps(gaps: readonly Gap[], days: number, retentionDays: number): ReplyPayload {
  const window = `the last ${days} day${days === 1 ? '' : 's'}`;
  const kept = days > retentionDays ? ` Questions are kept ${retentionDays} days, so that is as far back as this goes.` : '';
  if (gaps.length === 0) {
    return { content: `No unanswered or 👎-rated questions in ${window}.${kept}`, allowedMentions: noMentions };
  }
  const lines: string[] = [];
  let length = 0;
  for (const [i, gap] of gaps.slice(0, listed).entries()) {
    const line = gapLine(gap, i + 1);
    if (length + line.length + 1 > discordLimits.embedDescription - 100) break;
    lines.push(line);
    length += line.length + 1;
  }
  const more = gaps.length > lines.length ? `\n…and ${gaps.length - lines.length} more in the attached file.` : '';
  return {
    embeds: [
      {
        color: formatDefaults.color,
        title: `Questions the bot could not answer well, ${window}`,
        description: `${lines.join('\n')}${more}`,
        footer: { text: `Asked in this server; members are not named.${kept}` },
      },
    ],
    files: [{ name: `gaps-${days}d.csv`, attachment: Buffer.from(gapsCsv(gaps), 'utf8') }],
    allowedMentions: noMentions,
  };
}
