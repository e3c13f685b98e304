import type { TextSpan } from '../corpus/corpusDocument.ts';
import { ARTICLES } from '../text/functionWords.ts';
import type { AnalyzedSentence, Token } from '../text/tokens.ts';

const COPULA = new Set(['is', 'was', 'are', 'were']);
const CLAUSE_END = new Set(['which', 'who', 'that', 'whose', 'where', 'while']);
const TITLE_JOINERS = new Set(['of', 'and', 'for', 'at', 'the', '&']);

/**
 * What a sentence says `subject` is: "AzerTelecom is a telecommunications operator in Azerbaijan" →
 * "telecommunications operator in Azerbaijan"; "Fuad Allahverdiyev, Chairman of the Board…" → the title after
 * the comma; "the Minister of State … Paulo Portas" → the title before the name. Null when it says none.
 */
export function definitionSpan(sentence: AnalyzedSentence, subject: string): TextSpan | null {
  const { tokens } = sentence;
  const at = findSubject(tokens, subject);
  if (at === null) return null;
  const [first, last] = at;
  const after = tokens[last + 1];
  if (after && COPULA.has(after.value.toLowerCase())) {
    return phraseUntilClauseEnd(tokens, last + 2);
  }
  if (after?.value === ',') {
    const next = tokens[last + 2];
    if (next && ARTICLES.has(next.value.toLowerCase())) return phraseUntilClauseEnd(tokens, last + 2);
    const title = titleRun(tokens, last + 2, 1);
    if (title) return title;
  }
  return titleRun(tokens, first - 1, -1);
}

/** Token range [first, last] where the subject's words occur in a row (case-insensitive); the last word alone as a fallback. */
function findSubject(tokens: Token[], subject: string): [number, number] | null {
  const words = subject
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return null;
  for (let i = 0; i + words.length <= tokens.length; i += 1) {
    if (words.every((word, j) => tokens[i + j]!.value.toLowerCase() === word)) return [i, i + words.length - 1];
  }
  const surname = words[words.length - 1]!;
  const index = tokens.findIndex((token) => token.value.toLowerCase() === surname || token.value.toLowerCase().endsWith(`.${surname}`));
  return index === -1 ? null : [index, index];
}

function phraseUntilClauseEnd(tokens: Token[], from: number): TextSpan | null {
  let start = from;
  while (start < tokens.length && ARTICLES.has(tokens[start]!.value.toLowerCase())) start += 1;
  let end = start;
  while (end < tokens.length) {
    const token = tokens[end]!;
    if (token.pos === 'PUNCT' && token.value !== '-') break;
    if (end > start && CLAUSE_END.has(token.value.toLowerCase())) break;
    end += 1;
  }
  if (end <= start) return null;
  return { start: tokens[start]!.start, end: tokens[end - 1]!.end };
}

/** A run of capitalised words joined by "of/and/at/the", read forwards (step 1) or backwards (step -1). */
function titleRun(tokens: Token[], from: number, step: 1 | -1): TextSpan | null {
  let at = from;
  let lastCapital = -1;
  while (at >= 0 && at < tokens.length) {
    const token = tokens[at]!;
    if (/^\p{Lu}/u.test(token.value) && token.pos !== 'PUNCT') lastCapital = at;
    else if (!TITLE_JOINERS.has(token.value.toLowerCase())) break;
    at += step;
  }
  if (lastCapital === -1) return null;
  const [a, b] = step === 1 ? [from, lastCapital] : [lastCapital, from];
  let first = a;
  while (first < b && ARTICLES.has(tokens[first]!.value.toLowerCase())) first += 1;
  if (b - first < 1) return null;
  return { start: tokens[first]!.start, end: tokens[b]!.end };
}
