import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import { DOWNVOTE_REASONS, type DownvoteReason } from '../storage/downvoteReasons.ts';
import { feedbackRules, type SourceTally, type VoteChange, type VoteValue } from '../storage/feedbackStore.ts';
import { customIds } from './customIds.ts';
import { type CitedText, citationLine, formatDefaults } from './formatAnswer.ts';
import { discordLimits } from './limits.ts';
import { clip, codeSpan, fitText } from './markdown.ts';
import { noMentions, type ReplyPayload, textPayload } from './payload.ts';

const thumb = (value: VoteValue) => (value === 1 ? '👍' : '👎');

/**
 * What a member is told, privately, after clicking 👍 or 👎: what their click did, and what the votes on
 * this source now do for the question in this server, so the effect of feedback is never hidden.
 *
 * @example voteText('recorded', -1, tally) // → 'Your 👎 is recorded; click it again to take it back. …'
 */
export function voteText(change: VoteChange, value: VoteValue, tally: SourceTally | undefined): string {
  const did =
    change === 'withdrawn'
      ? `Your ${thumb(value)} is taken back.`
      : change === 'changed'
        ? `Your vote is now ${thumb(value)}; click it again to take it back.`
        : `Your ${thumb(value)} is recorded; click it again to take it back.`;
  const effect =
    tally?.effect === 'demoted'
      ? ' This source is no longer the first answer to this question in this server.'
      : tally?.effect === 'preferred'
        ? ' This source now wins ties for this question in this server.'
        : '';
  return `${did}${effect}`;
}

/** The reasons for a 👎 as members read them. */
export const reasonLabels: Record<DownvoteReason, string> = {
  wrong: 'wrong answer',
  outdated: 'outdated',
  'not-in-docs': 'not in the docs',
  other: 'other',
};

/** "wrong answer 2, outdated 1": reasons counted, most given first; empty for none. */
export function reasonCounts(reasons: Partial<Record<DownvoteReason, number>> | undefined): string {
  return DOWNVOTE_REASONS.filter((r) => (reasons?.[r] ?? 0) > 0)
    .sort((a, b) => (reasons![b] ?? 0) - (reasons![a] ?? 0))
    .map((r) => `${reasonLabels[r]} ${reasons![r]}`)
    .join(', ');
}

/** The menu under a 👎's private confirmation: why, in a click (optional). */
export function reasonMenu(answerId: number): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: 1,
    components: [
      {
        type: 3,
        custom_id: customIds.downvoteReason.id({ answer: answerId }),
        placeholder: 'Why? (optional)',
        min_values: 1,
        max_values: 1,
        options: DOWNVOTE_REASONS.map((reason) => ({ label: reasonLabels[reason], value: reason })),
      },
    ],
  };
}

/** A 👎 recorded (or changed to): what it did, and the menu asking why. */
export function downvotePayload(text: string, answerId: number): ReplyPayload {
  return { content: text, components: [reasonMenu(answerId)], allowedMentions: noMentions };
}

/** What a member is told once their reason is saved with their 👎. */
export function reasonSavedText(reason: DownvoteReason): string {
  return `Thanks: your 👎 says "${reasonLabels[reason]}". Managers see it in /gaps and /stats.`;
}

/** What a member is told when their vote could not be written because another process held the database. */
export const voteNotSavedText = "Your vote was not saved: the bot's database is busy. Please click again in a moment.";

/** The same, for the reason given with a 👎. */
export const reasonNotSavedText = "Your reason was not saved: the bot's database is busy. Please pick it again in a moment.";

/** A voted source with what a manager needs to recognize it: its citation and its text. */
export interface TalliedSource {
  tally: SourceTally;
  /** Null when the document is no longer in the corpus. */
  cited: CitedText | null;
}

const effectLabels: Record<SourceTally['effect'], string> = {
  demoted: 'Demoted: no longer the first answer',
  preferred: 'Preferred: wins ties',
  none: 'No effect yet',
};

/**
 * /feedback show: every source members voted on for a question in this server, with the counts and what
 * they do to the ranking, so a manager can see why an answer changed (and undo it with /feedback clear).
 */
export function formatFeedbackTally(question: string, sources: readonly TalliedSource[]): ReplyPayload {
  if (sources.length === 0) return textPayload(`No one in this server has voted on answers to "${fitText(question, 200)}".`);
  const fields = sources.slice(0, discordLimits.fields).map(({ tally, cited }) => {
    const managers = tally.managerDown > 0 ? ` (${tally.managerDown} with Manage Server)` : '';
    const where = cited ? citationLine(cited.citation, 300) : `${codeSpan(tally.doc)} (no longer in the corpus)`;
    const excerpt = cited ? `\n> ${fitText(cited.text.replace(/\s+/g, ' '), 300)}` : '';
    return {
      name: clip(`${effectLabels[tally.effect]} · 👍 ${tally.up} · 👎 ${tally.down}${managers}`, discordLimits.fieldName),
      value: `${where}${excerpt}`,
    };
  });
  return {
    embeds: [
      {
        color: formatDefaults.color,
        title: fitText(`Feedback: ${question}`, discordLimits.embedTitle),
        fields,
        footer: {
          text: `A source is demoted for a question after 👎 from ${feedbackRules.demoteAfterDownvotes} members or from one with Manage Server. /feedback clear forgets these votes.`,
        },
      },
    ],
    allowedMentions: noMentions,
  };
}

/** /feedback clear: how many votes were forgotten. */
export function clearedText(question: string, votes: number): string {
  const quoted = `"${fitText(question, 200)}"`;
  if (votes === 0) return `There were no votes on answers to ${quoted} in this server.`;
  return `Forgot ${votes} vote${votes === 1 ? '' : 's'} on answers to ${quoted}; it is answered as if no one had voted.`;
}
