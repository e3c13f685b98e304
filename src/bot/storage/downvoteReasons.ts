/** Why a member rated an answer 👎, as the menu under the 👎 offers it (stored in `votes.reason`). */
export const DOWNVOTE_REASONS = ['wrong', 'outdated', 'not-in-docs', 'other'] as const;
export type DownvoteReason = (typeof DOWNVOTE_REASONS)[number];

export function isDownvoteReason(value: unknown): value is DownvoteReason {
  return DOWNVOTE_REASONS.includes(value as DownvoteReason);
}
