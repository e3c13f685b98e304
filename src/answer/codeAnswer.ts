import type { CorpusDocument, Sentence } from '../corpus/corpusDocument.ts';
import { blockAt } from '../corpus/sections.ts';
import { normalizeTerm, termsOf, wordSpans } from '../text/terms.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';

/** Head nouns that ask for a name in code: "which method…", "what option…". */
const CODE_NOUNS = new Set(
  'method function option flag setting property command variable event hook class api field key parameter argument param prop attribute module package plugin decorator header endpoint route call'.split(
    ' ',
  ),
);
/** Head nouns that ask for the value a setting takes: "what port…", "which version…". */
const VALUE_NOUNS = new Set('port version timeout limit size length level value default status code'.split(' '));
/** "Default: 'forks'", "Defaults to 302": a reference entry's value. */
const DEFAULT_VALUE = /^\s*(?:\*\*)?default(?:s to|\s*value)?(?:\*\*)?\s*:?\s*(.+?)\s*\.?\s*$/i;
/** A value in prose: a number (`5_000`, `53134`, `1048576`), a version (`v22.12.0`). */
const VALUE = /(?<![\p{L}\p{N}_.])(?:v?\d[\d_,]*(?:\.\d+)*)(?![\p{L}\p{N}_])/gu;

/**
 * The short answer to a question that asks for a name in code or a setting's value, read from the best
 * sentence of a documentation page: a reference entry's default ("Default: 'forks'" → `'forks'`), the one
 * inline code span the question does not already say ("which method…" → `editReply()`), or the one number
 * or version ("what port…" → `53134`). Null when the question asks for something else, or the sentence
 * names no single such thing: a guess is worse than the quote alone.
 *
 * @example codeAnswer(document, sentence, analyzeQuestion('what port does the dashboard use?')) // → '53134'
 */
export function codeAnswer(document: CorpusDocument, sentence: Sentence, analysis: QuestionAnalysis): string | null {
  const head = analysis.headLemma;
  const asksDefault = /\bdefault\b/i.test(analysis.text);
  const asksValue = asksDefault || (head !== null && VALUE_NOUNS.has(head));
  const asksCode = head !== null && CODE_NOUNS.has(head);
  if (!asksValue && !asksCode) return null;
  const asked = new Set(analysis.terms);
  const fresh = (text: string) => termsOf(text, { names: true }).some((term) => !asked.has(term));
  if (asksValue) {
    const entry = DEFAULT_VALUE.exec(sentence.text)?.[1];
    if (entry) return entry;
  }
  const code = (blockAt(document.blocks, sentence.start)?.code ?? [])
    .filter((span) => span.start >= sentence.start && span.end <= sentence.end)
    .map((span) => document.text.slice(span.start, span.end))
    .filter(fresh);
  if (asksCode && code.length === 1) return code[0]!;
  if (asksValue) {
    const values = [...sentence.text.matchAll(VALUE)].filter((match) => !asked.has(match[0].toLowerCase()));
    if (values.length === 1) return values[0]![0];
    if (values.length > 1) return nearestToQuestion(sentence.text, values, asked);
    if (code.length === 1) return code[0]!;
  }
  return null;
}

/**
 * Of several values, the one that follows the most of the question's words within a few words before it
 * ("discord.js v14.2.1 and Node.js 20" for "which version of discord.js…"), or null when none leads.
 */
function nearestToQuestion(text: string, values: readonly RegExpMatchArray[], asked: ReadonlySet<string>): string | null {
  const said = [...wordSpans(text)]
    .map((word) => ({ ...word, term: normalizeTerm(word.value) }))
    .filter((word) => asked.has(word.term ?? ''));
  const before = (value: RegExpMatchArray) => {
    const start = value.index ?? 0;
    return new Set(said.filter((word) => word.end <= start && start - word.end <= LEAD_IN_CHARS).map((word) => word.term)).size;
  };
  const ranked = values.map((value) => ({ value: value[0], said: before(value) })).sort((a, b) => b.said - a.said);
  const [first, second] = ranked;
  return first && second && first.said > second.said ? first.value : null;
}

/** How far before a value (in characters) the question's words introduce it. */
const LEAD_IN_CHARS = 20;
