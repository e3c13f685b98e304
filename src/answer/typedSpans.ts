import type { AnalyzedSentence, SentenceToken as Token } from '../text/tokens.ts';
import { type AnswerCandidate, candidateOf, tokenSpan } from './candidate.ts';
import { definitionSpan } from './definitionSpan.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';

const YEAR = /\b(1[0-9]{3}|20[0-9]{2})s?\b/g;
const MEASURE_ENTITIES = new Set(['CARDINAL', 'MONEY', 'PERCENT', 'DURATION']);
const CLAUSE_BREAK_WORDS = new Set(['which', 'who', 'whom', 'whose', 'while', 'but', 'although', 'whereas']);
const MAX_CLAUSE_TOKENS = 20;
/** Words that open a reason, and how many of them the span leaves out. */
const REASON_OPENERS: [string[], number][] = [
  [['because', 'of'], 2],
  [['because'], 1],
  [['due', 'to'], 2],
  [['owing', 'to'], 2],
  [['as', 'a', 'result', 'of'], 4],
  [['in', 'order', 'to'], 2],
  [['so', 'that'], 2],
  [['since'], 1],
];

/** "in 1899", "the 1990s", "May 5, 1937": the year alone, for "what year" questions. */
export function yearCandidates(sentence: AnalyzedSentence): AnswerCandidate[] {
  const found: AnswerCandidate[] = [];
  for (const match of sentence.text.matchAll(YEAR)) {
    const span = tokenSpan(sentence.tokens, { start: match.index, end: match.index + match[0].length });
    if (span) found.push(candidateOf(sentence, span, 'year', 'date'));
  }
  return found;
}

/** "15 miles", "25 years old", "$5 million", "about 20 percent", "3 hours": a number with its unit. */
export function measureCandidates(sentence: AnalyzedSentence): AnswerCandidate[] {
  const { tokens } = sentence;
  const found: AnswerCandidate[] = [];
  for (const entity of sentence.entities) {
    if (!MEASURE_ENTITIES.has(entity.type)) continue;
    const span = tokenSpan(tokens, entity);
    if (!span) continue;
    let last = span.last;
    while (tokens[last + 1]?.pos === 'NOUN' && last - span.last < 2) last += 1;
    if (last > span.last && ['old', 'long', 'away', 'high', 'tall', 'wide', 'deep'].includes(tokens[last + 1]?.value ?? '')) last += 1;
    found.push(candidateOf(sentence, { first: span.first, last }, 'measure', 'measure'));
  }
  return found;
}

/** "because of X", "due to X", "in order to X", "to X": the reason a sentence gives. */
export function reasonClauses(sentence: AnalyzedSentence): AnswerCandidate[] {
  const { tokens } = sentence;
  const found: AnswerCandidate[] = [];
  tokens.forEach((token, i) => {
    const lower = token.value.toLowerCase();
    for (const [words, skip] of REASON_OPENERS) {
      if (words[0] !== lower || !words.every((word, k) => tokens[i + k]?.value.toLowerCase() === word)) continue;
      const clause = clauseFrom(sentence, i + skip, 'reason');
      if (clause) found.push(clause);
      return;
    }
    if (lower === 'to' && tokens[i + 1]?.pos === 'VERB') {
      const clause = clauseFrom(sentence, i, 'reason');
      if (clause) found.push(clause);
    }
  });
  return found;
}

/** "by boosting cooperation", "through the Caspian Sea", "to boost its cooperation": how something is done. */
export function mannerClauses(sentence: AnalyzedSentence): AnswerCandidate[] {
  const { tokens } = sentence;
  const found: AnswerCandidate[] = [];
  tokens.forEach((token, i) => {
    const lower = token.value.toLowerCase();
    const opens = (lower === 'by' && tokens[i + 1]?.pos === 'VERB') || lower === 'through' || lower === 'via';
    if (opens || (lower === 'to' && tokens[i + 1]?.pos === 'VERB')) {
      const clause = clauseFrom(sentence, lower === 'to' ? i + 1 : i, 'manner');
      if (clause) found.push(clause);
    }
  });
  return found;
}

/** "AzerTelecom is a telecommunications operator in Azerbaijan" → what the sentence says the subject is. */
export function definitionCandidates(sentence: AnalyzedSentence, analysis: QuestionAnalysis): AnswerCandidate[] {
  if (analysis.subject === null) return [];
  const span = definitionSpan(sentence, analysis.subject);
  const tokens = span && tokenSpan(sentence.tokens, span);
  return tokens ? [candidateOf(sentence, tokens, 'definition', 'definition')] : [];
}

/**
 * For "what did X promise?" or "…meet the needs of?": the stretch right after the last word the sentence
 * shares with the question, when it is a "that" clause (to the clause's end).
 */
export function thatClauses(sentence: AnalyzedSentence, analysis: QuestionAnalysis): AnswerCandidate[] {
  const { tokens } = sentence;
  const questionTerms = new Set(analysis.terms);
  const last = tokens.findLastIndex((token) => token.term !== null && questionTerms.has(token.term));
  if (last === -1) return [];
  let from = last + 1;
  while (from < tokens.length && ['ADP', 'DET', 'PRON'].includes(tokens[from]!.pos) && tokens[from]!.value.toLowerCase() !== 'that')
    from += 1;
  if (tokens[from]?.value.toLowerCase() !== 'that') return [];
  const clause = clauseFrom(sentence, from + 1, 'thing');
  return clause ? [clause] : [];
}

/** A clause from token `from` to the next break (punctuation, a relative pronoun), at most 20 tokens. */
function clauseFrom(sentence: AnalyzedSentence, from: number, type: 'reason' | 'manner' | 'thing'): AnswerCandidate | null {
  const { tokens } = sentence;
  let to = from;
  while (to < tokens.length && to - from < MAX_CLAUSE_TOKENS && !breaksClause(tokens, to, from)) to += 1;
  while (to > from && (tokens[to - 1]!.pos === 'CCONJ' || tokens[to - 1]!.pos === 'ADP' || tokens[to - 1]!.pos === 'DET')) to -= 1;
  if (to <= from) return null;
  return candidateOf(sentence, { first: from, last: to - 1 }, type, 'clause');
}

function breaksClause(tokens: readonly Token[], i: number, from: number): boolean {
  const token = tokens[i]!;
  if (token.pos === 'PUNCT' && !/^[-‐–'’]$/.test(token.value)) return true;
  return i > from && CLAUSE_BREAK_WORDS.has(token.value.toLowerCase());
}
