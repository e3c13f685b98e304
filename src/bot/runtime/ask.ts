import type { Answer, Citation } from '../../answer/types.ts';
import { citationOf } from '../../corpus/citation.ts';
import { InvalidQuestionError } from '../../errors.ts';
import { type CitedText, formatAnswer, formatDefaults, formatMoreSources } from '../replies/formatAnswer.ts';
import type { ReplyPayload } from '../replies/payload.ts';
import type { QaEngine } from './deps.ts';

/** What to send for a question: an answer message, or a short notice meant for the asker only. */
export type AskResult = { kind: 'answer'; payload: ReplyPayload } | { kind: 'notice'; text: string };

export const emptyQuestionNotice = "Ask me a question about the corpus, for example: `/ask question: Who met Portugal's minister?`";

/** Citations with the verbatim text they point at, skipping any whose document is unknown. */
export function citedTexts(engine: QaEngine, citations: readonly Citation[]): CitedText[] {
  const out: CitedText[] = [];
  for (const citation of citations) {
    const doc = engine.document(citation.doc);
    if (doc) out.push({ citation, text: doc.text.slice(citation.start, citation.end) });
  }
  return out;
}

/**
 * Asks the engine and formats the result. Questions the engine refuses (empty, huge, unusable)
 * come back as a notice carrying the engine's own user-facing message; anything else throws.
 */
export function ask(engine: QaEngine, question: string): AskResult {
  const trimmed = question.trim();
  if (trimmed === '') return { kind: 'notice', text: emptyQuestionNotice };
  let answer: Answer;
  try {
    answer = engine.answer(trimmed);
  } catch (error) {
    if (error instanceof InvalidQuestionError) return { kind: 'notice', text: error.message };
    throw error;
  }
  return { kind: 'answer', payload: formatAnswer(answer, citedTexts(engine, answer.nearest)) };
}

const overlaps = (a: Citation, b: Citation) => a.doc === b.doc && a.start < b.end && b.start < a.end;

/**
 * The sources after the quoted one, best first: the engine's nearest citations, then the other
 * ranked sentences, without repeats or the answer's own quote.
 */
export function furtherSources(engine: QaEngine, answer: Answer): CitedText[] {
  const fromSentences: Citation[] = answer.sentences.flatMap((s) => {
    const doc = engine.document(s.doc);
    const sentence = doc?.passages.flatMap((passage) => passage.sentences).find((candidate) => candidate.start === s.start);
    return doc ? [citationOf(doc, sentence ?? s)] : [];
  });
  const seen: Citation[] = answer.source ? [answer.source] : [];
  const out: Citation[] = [];
  for (const citation of [...answer.nearest, ...fromSentences]) {
    if (seen.some((s) => overlaps(s, citation))) continue;
    seen.push(citation);
    out.push(citation);
  }
  return citedTexts(engine, out);
}

/** The page of further sources that starts at `offset`. */
export function moreSources(engine: QaEngine, question: string, offset: number): AskResult {
  const perPage = formatDefaults.sourcesPerPage;
  let answer: Answer;
  try {
    answer = engine.answer(question, { top: offset + perPage + 2 });
  } catch (error) {
    if (error instanceof InvalidQuestionError) return { kind: 'notice', text: error.message };
    throw error;
  }
  const sources = furtherSources(engine, answer);
  const page = sources.slice(offset, offset + perPage);
  return { kind: 'answer', payload: formatMoreSources(question, page, offset, sources.length > offset + perPage) };
}
