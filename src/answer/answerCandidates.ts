import type { TextSpan } from '../corpus/types.ts';
import { recognizeNames } from '../entities/recognize.ts';
import type { AnalyzedSentence, Token } from '../text/tokens.ts';
import type { AnswerType, QuestionAnalysis } from './analyzeQuestion.ts';

/** A phrase in a sentence that could answer the question; offsets into the sentence text. */
export interface AnswerCandidate extends TextSpan {
  text: string;
  type: AnswerType;
}

const NUMBER_ENTITIES = new Set(['CARDINAL', 'MONEY', 'PERCENT', 'ORDINAL', 'DURATION']);
const DATE_ENTITIES = new Set(['DATE', 'TIME']);
const YEAR = /\b(1[0-9]{3}|20[0-9]{2})s?\b/g;
const NOUN_PHRASE_TAGS = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM']);
const PHRASE_TAGS = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM', 'DET', 'CCONJ', 'PART']);

/**
 * Phrases of the expected answer type in a sentence: recognised names for who/which-organization/where
 * questions, dates, numbers, the modifiers of a "which <noun>" head, or the clause after the matched words.
 */
export function answerCandidates(sentence: AnalyzedSentence, analysis: QuestionAnalysis): AnswerCandidate[] {
  switch (analysis.expected) {
    case 'person': {
      const names = recognizeNames(sentence.text);
      const people = names.filter((name) => name.type === 'person');
      const fallback = people.length > 0 ? people : names.filter((name) => name.type === 'organization');
      return fallback.map((name) => ({ start: name.start, end: name.end, text: name.text, type: 'person' }));
    }
    case 'organization':
    case 'place':
      return recognizeNames(sentence.text)
        .filter((name) => name.type === analysis.expected)
        .map((name) => ({ start: name.start, end: name.end, text: name.text, type: analysis.expected }));
    case 'date':
      return dates(sentence);
    case 'number':
      return sentence.entities
        .filter((entity) => NUMBER_ENTITIES.has(entity.type))
        .map((entity) => candidate(sentence.text, entity, 'number'));
    case 'definition':
      return [];
    default:
      return analysis.headNoun !== null ? headNounPhrases(sentence, analysis.headNoun) : clauseAfterMatch(sentence, analysis);
  }
}

function candidate(text: string, span: TextSpan, type: AnswerType): AnswerCandidate {
  return { start: span.start, end: span.end, text: text.slice(span.start, span.end), type };
}

function dates(sentence: AnalyzedSentence): AnswerCandidate[] {
  const found = sentence.entities
    .filter((entity) => DATE_ENTITIES.has(entity.type))
    .map((entity) => candidate(sentence.text, entity, 'date'));
  for (const match of sentence.text.matchAll(YEAR)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!found.some((span) => span.start <= start && span.end >= end)) found.push(candidate(sentence.text, { start, end }, 'date'));
  }
  return found;
}

/** "the ICT sector, which…" with head noun "sector" → "ICT sector". */
function headNounPhrases(sentence: AnalyzedSentence, headNoun: string): AnswerCandidate[] {
  const { tokens } = sentence;
  const headTerm = tokens.find((token) => token.value.toLowerCase() === headNoun)?.term ?? null;
  const found: AnswerCandidate[] = [];
  tokens.forEach((token, i) => {
    if (token.term === null || token.term !== headTerm) return;
    let first = i;
    while (first > 0 && NOUN_PHRASE_TAGS.has(tokens[first - 1]!.pos)) first -= 1;
    if (first < i) found.push(candidate(sentence.text, { start: tokens[first]!.start, end: token.end }, 'thing'));
  });
  return found;
}

/**
 * For "what did X promise?" or "…meet the needs of?": the stretch of the sentence right after the last
 * word it shares with the question — a "that" clause to its end, or else the noun phrase that follows.
 */
function clauseAfterMatch(sentence: AnalyzedSentence, analysis: QuestionAnalysis): AnswerCandidate[] {
  const { tokens } = sentence;
  const questionTerms = new Set(analysis.terms);
  let last = -1;
  tokens.forEach((token, i) => {
    if (token.term !== null && questionTerms.has(token.term)) last = i;
  });
  if (last === -1) return [];
  let from = last + 1;
  while (from < tokens.length && ['ADP', 'DET', 'PRON'].includes(tokens[from]!.pos) && tokens[from]!.value.toLowerCase() !== 'that')
    from += 1;
  if (tokens[from]?.value.toLowerCase() === 'that') return clauseToEnd(sentence, from + 1);
  return phraseFrom(sentence, from);
}

function clauseToEnd(sentence: AnalyzedSentence, from: number): AnswerCandidate[] {
  const { tokens } = sentence;
  let to = tokens.length - 1;
  while (to >= from && (tokens[to]!.pos === 'PUNCT' || tokens[to]!.pos === 'SYM')) to -= 1;
  if (to < from) return [];
  return [candidate(sentence.text, { start: tokens[from]!.start, end: tokens[to]!.end }, 'thing')];
}

function phraseFrom(sentence: AnalyzedSentence, from: number): AnswerCandidate[] {
  const { tokens } = sentence;
  let to = from;
  while (to < tokens.length && (PHRASE_TAGS.has(tokens[to]!.pos) || isModifyingVerb(tokens, to))) to += 1;
  while (to > from && ['CCONJ', 'DET', 'PART'].includes(tokens[to - 1]!.pos)) to -= 1;
  if (to <= from) return [];
  return [candidate(sentence.text, { start: tokens[from]!.start, end: tokens[to - 1]!.end }, 'thing')];
}

/** "surrounding countries": a participle directly before a noun modifies it. */
function isModifyingVerb(tokens: Token[], i: number): boolean {
  return tokens[i]!.pos === 'VERB' && /(ing|ed)$/.test(tokens[i]!.value) && tokens[i + 1]?.pos === 'NOUN';
}
