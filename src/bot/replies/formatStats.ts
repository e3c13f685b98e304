import { DOWNVOTE_REASONS } from '../storage/downvoteReasons.ts';
import type { HelpChannelCounts, QuestionCounts, VoteCounts } from '../storage/stats.ts';
import { formatDefaults } from './formatAnswer.ts';
import { reasonCounts } from './formatFeedback.ts';
import { csvField } from './formatGaps.ts';
import { discordLimits } from './limits.ts';
import { clip } from './markdown.ts';
import { noMentions, type ReplyPayload } from './payload.ts';

/** A help channel's counts, with the name it goes by in the server (for the CSV). */
export interface NamedChannelCounts extends HelpChannelCounts {
  name: string;
}

/** What /stats shows for one period: every question in the server, and each help channel's posts. */
export interface StatsPeriod {
  days: number;
  all: QuestionCounts;
  channels: readonly NamedChannelCounts[];
}

/** "2.4 s", "3 min", "1.5 h": a time to first reply, as people say it. */
export function duration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function votes(counts: VoteCounts): string {
  const reasons = reasonCounts(counts.reasons);
  return `👍 ${counts.up} · 👎 ${counts.down}${reasons === '' ? '' : ` (${reasons})`}`;
}

function allLine(period: StatsPeriod): string {
  const { all } = period;
  return `**${period.days} days:** ${all.questions} asked · ${all.answered} answered · ${all.abstained} not answered · ${votes(all)}`;
}

function channelLine(days: number, counts: HelpChannelCounts): string {
  const parts = [
    `${counts.posts} post${counts.posts === 1 ? '' : 's'}`,
    `${counts.answered} answered`,
    `${counts.notCovered} not covered`,
    `${counts.solvedByBot} solved with the bot's answer (${counts.solved} solved)`,
    `${counts.escalated} to a human`,
    votes(counts),
  ];
  if (counts.rateLimited > 0) parts.push(`${counts.rateLimited} over the rate limit`);
  if (counts.medianFirstReplyMs !== null) parts.push(`first reply in ${duration(counts.medianFirstReplyMs)} (median)`);
  return `**${days} days:** ${parts.join(' · ')}`;
}

/**
 * /stats as CSV (RFC 4180, CRLF line ends): a row per period for the whole server (`channel` = `all`), then
 * one per help channel. Reasons are the 👎 reasons given; times are seconds.
 *
 * @example statsCsv(periods).split('\r\n')[0] // → 'days,channel,channel_id,questions,answered,not_answered,…'
 */
export function statsCsv(periods: readonly StatsPeriod[]): string {
  const header = [
    'days',
    'channel',
    'channel_id',
    'questions',
    'answered',
    'not_answered',
    'solved',
    'solved_by_bot',
    'escalated',
    'rate_limited',
    'upvotes',
    'downvotes',
    ...DOWNVOTE_REASONS.map((reason) => `reason_${reason.replaceAll('-', '_')}`),
    'median_seconds_to_first_reply',
  ];
  const reasons = (counts: VoteCounts) => DOWNVOTE_REASONS.map((reason) => counts.reasons[reason]);
  const rows: (string | number)[][] = [];
  for (const period of periods) {
    const { all } = period;
    rows.push([period.days, 'all', '', all.questions, all.answered, all.abstained, '', '', '', '', all.up, all.down, ...reasons(all), '']);
    for (const c of period.channels) {
      const median = c.medianFirstReplyMs === null ? '' : (c.medianFirstReplyMs / 1000).toFixed(1);
      rows.push([
        period.days,
        c.name,
        c.channel,
        c.posts,
        c.answered,
        c.notCovered,
        c.solved,
        c.solvedByBot,
        c.escalated,
        c.rateLimited,
        c.up,
        c.down,
        ...reasons(c),
        median,
      ]);
    }
  }
  return `${[header.join(','), ...rows.map((row) => row.map(csvField).join(','))].join('\r\n')}\r\n`;
}

/**
 * /stats: for each period (7 and 30 days), every question asked in the server, then each help channel's
 * posts and what became of them, with the CSV attached. Members are not named.
 */
export function formatStats(periods: readonly StatsPeriod[], retentionDays: number): ReplyPayload {
  const channels = new Map<string, string[]>();
  for (const period of periods) {
    for (const counts of period.channels)
      channels.set(counts.channel, [...(channels.get(counts.channel) ?? []), channelLine(period.days, counts)]);
  }
  const fields = [
    { name: 'Every question in this server', value: periods.map(allLine).join('\n') },
    ...[...channels].map(([channel, lines]) => ({
      name: 'Help channel',
      value: clip(`<#${channel}>\n${lines.join('\n')}`, discordLimits.fieldValue),
    })),
  ].slice(0, discordLimits.fields);
  const longest = Math.max(...periods.map((p) => p.days));
  const kept = longest > retentionDays ? ` Questions are kept ${retentionDays} days, so that is as far back as these go.` : '';
  return {
    embeds: [
      {
        color: formatDefaults.color,
        title: `Questions and help channels, the last ${periods.map((p) => p.days).join(' and ')} days`,
        fields,
        footer: { text: `"Not covered": the bot was not sure enough to answer and offered a human. Members are not named.${kept}` },
      },
    ],
    files: [{ name: 'stats.csv', attachment: Buffer.from(statsCsv(periods), 'utf8') }],
    allowedMentions: noMentions,
  };
}
