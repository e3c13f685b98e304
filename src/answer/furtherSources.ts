import { citationOf } from '../corpus/citation.ts';
import type { Citation, CorpusDocument } from '../corpus/corpusDocument.ts';
import type { Answer } from './answer.ts';

/** Where the documents an answer cites are looked up: the engine, or anything that holds them by id. */
export interface DocumentsById {
  document(id: string): CorpusDocument | undefined;
}

const overlaps = (a: Citation, b: Citation) => a.doc === b.doc && a.start < b.end && b.start < a.end;

/** The citations of the answer's ranked sentences, best first. */
export function rankedCitations(documents: DocumentsById, answer: Answer): Citation[] {
  return answer.sentences.flatMap((s) => {
    const doc = documents.document(s.doc);
    const sentence = doc?.passages.flatMap((passage) => passage.sentences).find((candidate) => candidate.start === s.start);
    return doc ? [citationOf(doc, sentence ?? s)] : [];
  });
}

/**
 * The sources after the quoted one, best first: the answer's nearest citations, then its other ranked
 * sentences, without repeats or the answer's own quote. What "More sources" lists, in every door.
 *
 * @example furtherCitations(engine, engine.answer(question, { top: 8 })).slice(0, 3)
 */
export function furtherCitations(documents: DocumentsById, answer: Answer): Citation[] {
  const seen: Citation[] = answer.source ? [answer.source] : [];
  const out: Citation[] = [];
  for (const citation of [...answer.nearest, ...rankedCitations(documents, answer)]) {
    if (seen.some((s) => overlaps(s, citation))) continue;
    seen.push(citation);
    out.push(citation);
  }
  return out;
}

/**
 * The documents nearest a question not answered (or not answered surely enough), one citation each, best first:
 * the answer's own source, its nearest citations, then its other ranked sentences.
 *
 * @example nearestDocuments(engine, engine.answer('how do I rotate the logs?')).slice(0, 3)
 */
export function nearestDocuments(documents: DocumentsById, answer: Answer): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const citation of [...(answer.source ? [answer.source] : []), ...answer.nearest, ...rankedCitations(documents, answer)]) {
    if (seen.has(citation.doc)) continue;
    seen.add(citation.doc);
    out.push(citation);
  }
  return out;
}
