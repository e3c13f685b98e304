import { setMostRecent } from '../recentlyUsed.ts';
import type { AnswerOptions } from './answer.ts';
import type { SentenceEvidence } from './evidence.ts';

/** Rankings kept: a question's "More sources" pages come soon after it, among few others. */
const KEPT_RANKINGS = 32;

/**
 * The rankings of the last few questions, for the corpus they were worked out on: the same question asked
 * again with other `top` ("More sources" pages) reuses its ranking instead of retrieving and ranking again.
 * Whoever keeps it says which corpus is current (`corpus`: values of which one changes whenever the
 * documents, the index or the vocabulary do); a ranking of another corpus is never returned.
 */
export class RecentRankings {
  private corpus: readonly unknown[] = [];
  private readonly rankings = new Map<string, readonly SentenceEvidence[]>();

  /** The ranking for `question` with these options over `corpus`: the one kept, or `rank()` kept. */
  recall(
    corpus: readonly unknown[],
    question: string,
    options: AnswerOptions,
    rank: () => readonly SentenceEvidence[],
  ): readonly SentenceEvidence[] {
    if (corpus.length !== this.corpus.length || corpus.some((part, i) => part !== this.corpus[i])) {
      this.rankings.clear();
      this.corpus = corpus;
    }
    const key = rankingKey(question, options);
    const kept = this.rankings.get(key);
    if (kept) return kept;
    const ranked = rank();
    setMostRecent(this.rankings, key, ranked, KEPT_RANKINGS);
    return ranked;
  }
}

/** What a ranking depends on besides the corpus: the question as read and the options that steer ranking (not `top`). */
function rankingKey(question: string, { doc, prefer, feedback }: AnswerOptions): string {
  return JSON.stringify([question, doc ?? null, prefer ?? null, feedback ?? null]);
}
