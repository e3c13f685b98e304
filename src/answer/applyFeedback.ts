import type { TextSpan } from '../corpus/types.ts';
import type { RankingFeedback, SentenceRef } from './types.ts';

const refKey = (ref: SentenceRef) => `${ref.start}:${ref.end}:${ref.doc}`;

/**
 * Reorders a ranking (best first) by readers' feedback: demoted sentences move below all others, keeping
 * their order; among sentences of exactly equal score, preferred ones move first. Scores are not changed,
 * so the confidence of what is now first is its own.
 *
 * @example applyFeedback(ranked, { demote: [{ doc: 'a', start: 0, end: 42 }] })
 */
export function applyFeedback<T extends { sentence: TextSpan & { doc: string }; score: number }>(
  ranked: readonly T[],
  feedback: RankingFeedback | undefined,
): T[] {
  if (!feedback || ((feedback.demote?.length ?? 0) === 0 && (feedback.prefer?.length ?? 0) === 0)) return [...ranked];
  const demoted = new Set((feedback.demote ?? []).map(refKey));
  const preferred = new Set((feedback.prefer ?? []).map(refKey));
  const isDemoted = (item: T) => demoted.has(refKey(item.sentence));
  const kept = ranked.filter((item) => !isDemoted(item));
  const out: T[] = [];
  for (let i = 0; i < kept.length; ) {
    let j = i + 1;
    while (j < kept.length && kept[j]!.score === kept[i]!.score) j += 1;
    const tie = kept.slice(i, j);
    const isPreferred = (item: T) => preferred.has(refKey(item.sentence));
    out.push(...tie.filter(isPreferred), ...tie.filter((item) => !isPreferred(item)));
    i = j;
  }
  return [...out, ...ranked.filter(isDemoted)];
}

/** Whether a citation is one of the demoted sentences (an entity description's source, say). */
export function isDemoted(ref: SentenceRef, feedback: RankingFeedback | undefined): boolean {
  return (feedback?.demote ?? []).some((d) => d.doc === ref.doc && d.start === ref.start && d.end === ref.end);
}
