/** A question the engine will not try to answer; `message` is short and fit to show the user. */
export class InvalidQuestionError extends Error {
  override readonly name = 'InvalidQuestionError';
}

/** A corpus folder that cannot be read at all (missing, not a folder, no readable documents). */
export class CorpusError extends Error {
  override readonly name = 'CorpusError';
}

/** The first line of an error's message: what a one-line warning quotes of it. */
export function firstLineOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'error';
}
