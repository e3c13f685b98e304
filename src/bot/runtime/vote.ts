import type { ButtonInteraction } from 'discord.js';
import { voteNotSavedText, voteText } from '../replies/formatFeedback.ts';
import { isLockError } from '../storage/database.ts';
import type { VoteChange, VoteValue } from '../storage/feedbackStore.ts';
import type { BotDeps } from './deps.ts';
import { memberHas } from './preconditions.ts';
import { notify } from './respond.ts';

/**
 * A click on 👍 or 👎 under an answer (customIds.vote): records, changes or withdraws the member's vote on
 * the source that answer cited, and tells them privately what it did. A vote from a member with Manage
 * Server counts as a manager's.
 */
export async function recordVote(
  interaction: ButtonInteraction,
  { direction, answer: answerId }: { direction: 'up' | 'down'; answer: number },
  deps: BotDeps,
): Promise<void> {
  const { store } = deps;
  if (!store || !interaction.inGuild()) return notify(interaction, 'This button no longer works.');
  const answer = store.questions.answer(answerId);
  if (!answer?.source || answer.guild !== interaction.guildId) {
    return notify(
      interaction,
      `This answer is older than the ${store.retentionDays} days this server's questions are kept; ask again to rate the new answer.`,
    );
  }
  const value: VoteValue = direction === 'up' ? 1 : -1;
  let change: VoteChange;
  try {
    change = store.feedback.vote(answer, store.hashUser(interaction.user.id), value, memberHas(interaction, ['ManageGuild']), store.now());
  } catch (error) {
    // A lock held too long (another bot on this DATA_DIR, a backup): the member can simply click again.
    if (!isLockError(error)) throw error;
    deps.logger.warn('vote not saved: the database is locked', { guild: answer.guild });
    return notify(interaction, voteNotSavedText);
  }
  const { doc, start, end } = answer.source;
  const tally = store.feedback.tally(answer.guild, answer.key).find((t) => t.doc === doc && t.start === start && t.end === end);
  await notify(interaction, voteText(change, value, tally));
}
