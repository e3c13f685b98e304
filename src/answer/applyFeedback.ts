import type { TextSpan } from '../corpus/corpusDocument.ts';
import type { RankingFeedback, SentenceRef } from './answer.ts';

/** Whether a sentence lies within a voted span: a vote on a passage quote is a vote on each of its sentences. */
const within = (sentence: TextSpan & { doc: string }, ref: SentenceRef) =>
  sentence.doc === ref.doc && ref.start <= sentence.start && sentence.end <= ref.end;

/**
 * Reorders a ranking (best first) by readers' feedback: demoted sentences (those within a demoted quote) move
 * below all others, keeping their order; among sentences of exactly equal score, preferred ones move first.
 * Scores are not changed, so the confidence of what is now first is its own.
 *
 * @example applyFeedback(ranked, { demote: [{ doc: 'a', start: 0, end: 42 }] })
 */
export function applyFeedback<T extends { sentence: TextSpan & { doc: string }; score: number }>(
  ranked: readonly T[],
  feedback: RankingFeedback | undefined,
): T[] {
  if (!feedback || ((feedback.demote?.length ?? 0) === 0 && (feedback.prefer?.length ?? 0) === 0)) return [...ranked];
  const demoted = feedback.demote ?? [];
  const preferred = feedback.prefer ?? [];
  const isDemoted = (item: T) => demoted.some((ref) => within(item.sentence, ref));
  const kept = ranked.filter((item) => !isDemoted(item));
  const out: T[] = [];
  for (let i = 0; i < kept.length; ) {
    let j = i + 1;
    while (j < kept.length && kept[j]!.score === kept[i]!.score) j += 1;
    const tie = kept.slice(i, j);
    const isPreferred = (item: T) => preferred.some((ref) => within(item.sentence, ref));
    out.push(...tie.filter(isPreferred), ...tie.filter((item) => !isPreferred(item)));
    i = j;
  }
  return [...out, ...ranked.filter(isDemoted)];
}

/** Whether a citation is one of the demoted sentences (an entity description's source, say). */
export function isDemoted(ref: SentenceRef, feedback: RankingFeedback | undefined): boolean {
  return (feedback?.demote ?? []).some((d) => d.doc === ref.doc && d.start === ref.start && d.end === ref.end);
}
