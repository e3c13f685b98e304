import type { Answer, AnswerOptions } from '../answer/types.ts';
import type { CorpusDocument } from '../corpus/types.ts';
import type { EntityIndex } from '../entities/types.ts';
import type { Logger } from './logger.ts';
import type { RateLimiter } from './rate-limit.ts';

/** The part of the engine the bot uses; `Engine` satisfies it, and tests may pass a small stand-in. */
export interface QaEngine {
  readonly documents: readonly CorpusDocument[];
  readonly entities: EntityIndex;
  document(id: string): CorpusDocument | undefined;
  answer(question: string, options?: AnswerOptions): Answer;
}

/** What every command and handler receives. */
export interface BotDeps {
  engine: QaEngine;
  logger: Logger;
  limiter: RateLimiter;
  /** Acknowledge /ask first ("thinking…") and edit the answer in: set for corpora large enough to risk the 3-second deadline. */
  deferAnswers: boolean;
}

export const botDefaults = {
  /**
   * Above this many characters of corpus text, /ask acknowledges first ("thinking…") and edits the
   * answer in. Measured on repeated news text: answers took under 0.2 s at 9 million characters, and
   * the first answer (model warm-up) about 0.4 s, so below this deferring would only add a round trip.
   */
  deferAboveChars: 2_000_000,
  /** How long shutdown waits for in-flight replies before closing anyway. */
  drainTimeoutMs: 10_000,
} as const;

/** Total characters of text in the corpus: the measure the defer decision uses. */
export function corpusChars(engine: QaEngine): number {
  let n = 0;
  for (const doc of engine.documents) n += doc.text.length;
  return n;
}
