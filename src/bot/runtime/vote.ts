import type { ButtonInteraction, StringSelectMenuInteraction } from 'discord.js';
import { downvotePayload, reasonNotSavedText, reasonSavedText, voteNotSavedText, voteText } from '../replies/formatFeedback.ts';
import { noMentions } from '../replies/payload.ts';
import { isLockError } from '../storage/database.ts';
import { isDownvoteReason } from '../storage/downvoteReasons.ts';
import type { VoteChange, VoteValue } from '../storage/feedbackStore.ts';
import type { BotDeps } from './deps.ts';
import { memberHas } from './preconditions.ts';
import { notify, respond } from './respond.ts';

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
  const answer = await store.questions.answer(answerId);
  if (!answer?.source || answer.guild !== interaction.guildId) {
    return notify(
      interaction,
      `This answer is older than the ${store.retentionDays} days this server's questions are kept; ask again to rate the new answer.`,
    );
  }
  const value: VoteValue = direction === 'up' ? 1 : -1;
  let change: VoteChange;
  try {
    change = await store.feedback.vote(
      answer,
      store.hashUser(interaction.user.id),
      value,
      memberHas(interaction, ['ManageGuild']),
      store.now(),
    );
  } catch (error) {
    // A lock held too long (another bot on this DATA_DIR, a backup): the member can simply click again.
    if (!isLockError(error)) throw error;
    deps.logger.warn('vote not saved: the database is locked', { guild: answer.guild });
    return notify(interaction, voteNotSavedText);
  }
  const { doc, start, end } = answer.source;
  const tally = (await store.feedback.tally(answer.guild, answer.key)).find((t) => t.doc === doc && t.start === start && t.end === end);
  const text = voteText(change, value, tally);
  // A 👎 that stands asks why, in one optional click; the reason goes to /gaps and /stats.
  if (value === -1 && change !== 'withdrawn') return respond(interaction, downvotePayload(text, answer.id), { ephemeral: true });
  await notify(interaction, text);
}

/** The reason a member picked under their 👎 (customIds.downvoteReason): saved with the vote, when it still stands. */
export async function recordReason(
  interaction: StringSelectMenuInteraction,
  { answer: answerId }: { answer: number },
  deps: BotDeps,
): Promise<void> {
  const store = deps.store!;
  const [reason] = interaction.values;
  if (!isDownvoteReason(reason)) return notify(interaction, 'This menu no longer works.');
  let saved: boolean;
  try {
    saved = await store.feedback.giveReason(answerId, store.hashUser(interaction.user.id), reason);
  } catch (error) {
    if (!isLockError(error)) throw error;
    deps.logger.warn('reason not saved: the database is locked', { guild: interaction.guildId });
    return notify(interaction, reasonNotSavedText);
  }
  await interaction.update({
    content: saved ? reasonSavedText(reason) : 'Your 👎 on this answer was taken back, so there is nothing to give a reason for.',
    components: [],
    allowedMentions: noMentions,
  });
}
