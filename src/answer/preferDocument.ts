import type { PassageHit } from '../search/retriever.ts';
import { termsOf } from '../text/terms.ts';

/**
 * Retrieval that prefers one document without being locked to it: the preferred document's best passages
 * join the retrieved ones, each raised by the best retrieval score, so sentence ranking's passage evidence
 * favours them. Coverage of the question still counts most, so a sentence elsewhere that holds the
 * question's words where the preferred document does not still wins.
 */
export function preferDocument(hits: readonly PassageHit[], preferred: readonly PassageHit[]): PassageHit[] {
  const lift = hits[0]?.score ?? 0;
  const ids = new Set(preferred.map((hit) => hit.passage.id));
  return [
    ...preferred.map((hit) => ({ passage: hit.passage, score: hit.score + lift })),
    ...hits.filter((hit) => !ids.has(hit.passage.id)),
  ];
}

/** A document's title terms, with the preferred document's topic words among its own (see `AnswerOptions.prefer`). */
export function withTopic(
  titleTerms: (doc: string) => ReadonlySet<string>,
  prefer: { doc: string; topic?: string } | undefined,
): (doc: string) => ReadonlySet<string> {
  if (prefer?.topic === undefined) return titleTerms;
  const { doc, topic } = prefer;
  let terms: ReadonlySet<string> | undefined;
  return (id) => {
    if (id !== doc) return titleTerms(id);
    terms ??= new Set([...titleTerms(id), ...termsOf(topic)]);
    return terms;
  };
}
