import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import type { Citation } from '../../corpus/corpusDocument.ts';
import { customIds } from './customIds.ts';
import { citationLine } from './formatAnswer.ts';
import { buttonRow, noMentions, type ReplyPayload } from './payload.ts';

/** Documents listed under "not covered", at most. */
const nearestListed = 3;

/** The line a help post gets when the bot is not sure enough to answer it. */
export const notCoveredText = "The docs don't seem to cover this, so I won't guess.";

/** ✅ Solved and 🙋 Ask a human, under the bot's reply in a help channel's thread. */
export function helpButtons(): APIActionRowComponent<APIComponentInMessageActionRow> {
  return buttonRow([
    { customId: customIds.solved.id({}), label: '✅ Solved' },
    { customId: customIds.askHuman.id({}), label: '🙋 Ask a human' },
  ]);
}

/**
 * A help post the bot is not sure of (the engine abstained, or its quote is below the server's help
 * confidence): one line saying so, the nearest documents as links, and the buttons to mark it solved or
 * hand it to a human. No quote, nothing in bold: nothing that reads as an answer.
 *
 * @example formatNotCovered([citation]).content // → "The docs don't seem to cover this, so I won't guess.\nNearest sources:\n• [Setup](<https://…>) · `setup.md`"
 */
export function formatNotCovered(nearest: readonly Citation[]): ReplyPayload {
  const lines = [notCoveredText];
  const shown = nearest.slice(0, nearestListed);
  if (shown.length > 0) {
    lines.push('Nearest sources:');
    for (const citation of shown) lines.push(`• ${citationLine(citation, 300)}`);
  }
  return { content: lines.join('\n'), components: [helpButtons()], allowedMentions: noMentions };
}

/** What the thread is told when a post is marked solved, and when it will be archived. */
export function solvedText(userId: string, archiveMinutes: number): string {
  const archive =
    archiveMinutes === 0
      ? 'This thread is archived now.'
      : `This thread will be archived in ${archiveMinutes >= 120 && archiveMinutes % 60 === 0 ? `${archiveMinutes / 60} hours` : `${archiveMinutes} min`}.`;
  return `✅ Marked solved by <@${userId}>. ${archive}`;
}

/** What the thread is told when "Ask a human" is clicked: the support role, when the server set one. */
export function askedForHumanText(supportRole: string | null): string {
  return supportRole === null
    ? '🙋 A human has been asked to look at this; I will stay out of this thread from now on. (No support role is set, so no one was pinged: a server manager can set one with `/settings support-role`.)'
    : `🙋 <@&${supportRole}>, a member asked for a human to look at this; I will stay out of this thread from now on.`;
}
