import type { CorpusDocument } from '../corpus/corpusDocument.ts';
import { codeAnswer } from './codeAnswer.ts';
import type { Confidences, SentenceEvidence } from './evidence.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';
import { questionIntent } from './questionIntent.ts';

/**
 * The short answer and its confidence. On a documentation page (a document with layout) a how-to, why or
 * "what does X do" question gets none: the passage answers it; a question for a name in code or a setting's
 * value gets that name or value (`codeAnswer`), as likely right as its quote. Elsewhere, the span model's
 * choice with the answer confidence.
 */
export function shortAnswerOf(
  document: CorpusDocument | undefined,
  best: SentenceEvidence,
  analysis: QuestionAnalysis,
  judged: Confidences,
): { text: string | null; confidence: number | null; from?: 'document date' } {
  if (document && document.blocks.length > 0) {
    if (questionIntent(analysis) !== 'fact') return { text: null, confidence: null };
    const code = codeAnswer(document, best.sentence, analysis);
    if (code !== null) return { text: code, confidence: judged.quote };
  }
  const dated = document && documentDateAnswer(document, best, analysis, judged);
  if (dated) return dated;
  // The short answer is shown, not quoted: runs of white space (no-break spaces included) read as one space.
  return { text: best.span ? best.span.candidate.text.replace(/\s+/g, ' ') : null, confidence: judged.answer };
}

/**
 * A "when" question whose best sentence names no date ("Portas has met with Abbasov in the framework of an
 * official visit") is answered with the date of the document the sentence is in, when the document has one
 * (front matter, page metadata, a PDF's information, a dateline), said to come from there
 * (`Answer.answerFrom`), and held less likely than the quote: a report's date is often, not always, the day
 * of what it reports (`DOCUMENT_DATE_SHARE`).
 */
function documentDateAnswer(
  document: CorpusDocument,
  best: SentenceEvidence,
  analysis: QuestionAnalysis,
  judged: Confidences,
): { text: string; confidence: number; from: 'document date' } | undefined {
  if (analysis.type !== 'when' || document.date === null) return undefined;
  if (best.span?.kind === 'date' || NAMES_A_DATE.test(best.sentence.text)) return undefined;
  return { text: spokenDate(document.date), confidence: judged.quote * DOCUMENT_DATE_SHARE, from: 'document date' };
}

/** How likely the document's date is the answer, as a share of how likely its quote is: a guess, held low. */
const DOCUMENT_DATE_SHARE = 0.5;
/** A year, or a month's name: a sentence that names a date answers "when" itself. */
const NAMES_A_DATE =
  /\b(?:1[5-9]\d\d|20\d\d)\b|\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|yesterday|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** An ISO date as people write it: "2025-03-14" → "14 March 2025". */
function spokenDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}
