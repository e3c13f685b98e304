import type { QuestionAnalysis } from './questionAnalysis.ts';

/**
 * What kind of answer a question wants, for how much to quote: a `fact` (a name, a number, a default) is
 * one sentence; a `how-to`, a `why` (troubleshooting too) or an `explain` ("what does X do?") is a passage.
 */
export type QuestionIntent = 'fact' | 'how-to' | 'why' | 'explain';

const HOW_TO =
  /^(?:how (?:do|does|can|could|should|would|to|shall|will)\b|is (?:there|it possible)\b|what(?:'s| is) the (?:best |right |recommended )?way\b|any ?(?:one|body) (?:know|got|have)\b|can (?:i|we|you)\b)/i;
const TROUBLE =
  /\b(?:error|errors|exception|fails?|failing|failed|crash(?:es|ed|ing)?|broken|doesn'?t work|does not work|not working|won'?t|can'?t|cannot|stuck|hangs?|times out|timed out|timing out)\b/i;
/**
 * "When did the build fail?" asks a time and "Who broke it?" a person, whatever trouble they name; a "when"
 * inside the question ("tests crash when I use bcrypt") only says when the trouble happens.
 */
const ASKS_WHEN_OR_WHO = /^(?:when|who)\b/i;
const EXPLAIN = /^what (?:does|do|did)\b.*\b(?:do|mean|for|return)\b|^what (?:is|are) .* for\b/i;

/**
 * Reads the intent from the question's form: "how do I…", "is there a way to…", "can I…" ask how; "why…"
 * or a question about an error asks why; "what does X do/mean" asks to explain; the rest ask a fact.
 *
 * @example questionIntent(analyzeQuestion('how do i edit a reply?')) // → 'how-to'
 */
export function questionIntent(analysis: QuestionAnalysis): QuestionIntent {
  const text = analysis.text.trim();
  if (analysis.type === 'why') return 'why';
  if (EXPLAIN.test(text)) return 'explain';
  if (analysis.expected === 'manner' || HOW_TO.test(text)) return 'how-to';
  if (TROUBLE.test(text) && !ASKS_WHEN_OR_WHO.test(text)) return 'why';
  return 'fact';
}
