import type { RecognizedName } from '../entities/entityIndex.ts';
import { recognizeNames } from '../entities/recognizeNames.ts';
import type { AnalyzedSentence } from '../text/tokens.ts';
import { ANSWER_TYPES, typeFit, typeOfNoun } from './answerTypes.ts';
import { type AnswerCandidate, type AnswerType, type CandidateKind, candidateOf, NAME_TYPES, tokenSpan } from './candidate.ts';
import { nounPhrases, type Phrase } from './phrases.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';
import { sentenceMatches, standsInGap, termsIn } from './spanFeatures.ts';

const ENTITY_TYPES: Record<string, [AnswerType, CandidateKind]> = {
  DATE: ['date', 'date'],
  TIME: ['date', 'date'],
  CARDINAL: ['number', 'number'],
  MONEY: ['measure', 'measure'],
  PERCENT: ['measure', 'measure'],
  DURATION: ['measure', 'measure'],
};

/** How much more a kind says about a span than another kind found at the same place. */
const KIND_RANK: Record<CandidateKind, number> = {
  definition: 8,
  name: 7,
  measure: 6,
  date: 5,
  number: 4,
  quote: 3,
  list: 2,
  noun: 1,
  clause: 0,
};

/**
 * Every phrase of a sentence that could answer the question: recognised names, wink-nlp's dates and
 * numbers, noun phrases (whole lists, of-phrases and hyphenated words kept together), quoted titles, and
 * whatever the expected type's own extractor adds (measures, years, reasons, definitions). Phrases that
 * only repeat the question's words are left out: the question already holds them.
 */
export function answerCandidates(sentence: AnalyzedSentence, analysis: QuestionAnalysis): AnswerCandidate[] {
  const rule = ANSWER_TYPES[analysis.expected];
  const extracted = rule.extract?.(sentence, analysis) ?? [];
  const found = rule.extractedOnly ? extracted : [...extracted, ...genericCandidates(sentence)];
  return dedupe(
    found.filter(
      (candidate) =>
        !repeatsQuestion(sentence, candidate, analysis) && !isWordPart(sentence, candidate) && !isUnspecific(sentence, candidate),
    ),
  );
}

/**
 * Cheap evidence that a sentence holds a phrase of the expected type, from wink-nlp's tags and entities
 * alone (no name recognition): a fitting number, date or typed noun phrase, or for a name type a proper
 * noun phrase the question does not hold. For ranking many sentences before the best is read closely.
 */
export function hasAnswerType(sentence: AnalyzedSentence, analysis: QuestionAnalysis): boolean {
  const rule = ANSWER_TYPES[analysis.expected];
  const found = rule.extract?.(sentence, analysis) ?? [];
  if (!rule.extractedOnly) found.push(...genericCandidates(sentence, false));
  const wantsName = NAME_TYPES.has(analysis.expected);
  const matches = sentenceMatches(sentence, analysis);
  return found.some((candidate) => {
    if (repeatsQuestion(sentence, candidate, analysis)) return false;
    // Any sentence has some phrase; for "what did X promise?" it must stand where the question's gap is.
    if (analysis.expected === 'thing') return standsInGap(matches, candidate);
    if (typeFit(analysis.expected, candidate.type) > 0) return true;
    return wantsName && candidate.kind === 'noun' && sentence.tokens[candidate.last]!.pos === 'PROPN';
  });
}

/** Names (unless `withNames` is false), numbers, dates, noun phrases and quotes of a sentence, typed. */
export function genericCandidates(sentence: AnalyzedSentence, withNames = true): AnswerCandidate[] {
  const { tokens } = sentence;
  const found: AnswerCandidate[] = [];
  const names = withNames ? recognizeNames(sentence.text) : [];
  for (const name of names) {
    const span = tokenSpan(tokens, name);
    if (span) found.push(candidateOf(sentence, span, name.type, 'name'));
  }
  for (const entity of sentence.entities) {
    const typed = ENTITY_TYPES[entity.type];
    const span = typed && tokenSpan(tokens, entity);
    if (typed && span) found.push(candidateOf(sentence, span, typed[0], typed[1]));
  }
  // "the Minister of Communications … Ali Abbasov": a title written with its holder's name describes them.
  const titles = names.flatMap((name) => (name.role ? [name.role] : []));
  for (const phrase of nounPhrases(tokens)) {
    if (!phrase.items.every((item) => respectsNames(sentence, item, names))) continue;
    const start = tokens[phrase.first]!.start;
    if (titles.some((title) => title.start <= start && title.end >= tokens[phrase.last]!.end)) continue;
    found.push(phraseCandidate(sentence, phrase, names));
  }
  const quotes = quotedCandidates(sentence);
  // A quoted title is one phrase: "Connecting continents for enhanced … governance", not "Connecting continents".
  const inQuote = (c: AnswerCandidate) => quotes.some((q) => q.start <= c.start && q.end >= c.end && (q.start < c.start || q.end > c.end));
  return [...found.filter((candidate) => !inQuote(candidate)), ...quotes];
}

function phraseCandidate(sentence: AnalyzedSentence, phrase: Phrase, names: readonly RecognizedName[]): AnswerCandidate {
  const { tokens } = sentence;
  const span = { first: phrase.first, last: phrase.last };
  const start = tokens[phrase.first]!.start;
  const end = tokens[phrase.last]!.end;
  // "the Kazakh Embassy": a phrase ending in a name is of the name's type.
  const named = names.find((n) => n.start <= start && n.end >= end)?.type ?? names.find((n) => n.start >= start && n.end === end)?.type;
  const headType = phrase.head === null ? null : typeOfNoun(tokens[phrase.head]!.lemma);
  const type = phrase.items.length > 1 ? listType(sentence, phrase, names) : (named ?? headType ?? 'thing');
  return candidateOf(sentence, { ...span, head: phrase.head ?? phrase.last }, type, phrase.items.length > 1 ? 'list' : 'noun');
}

/**
 * A noun phrase that cuts a recognised name, or runs a title into a person's name ("Communications and
 * Information Technologies Ali Abbasov"), is no phrase of the sentence: the name is the candidate.
 */
function respectsNames(sentence: AnalyzedSentence, phrase: Phrase, names: readonly RecognizedName[]): boolean {
  const start = sentence.tokens[phrase.first]!.start;
  const end = sentence.tokens[phrase.last]!.end;
  return names.every((name) => {
    if (name.end <= start || name.start >= end) return true;
    if (name.start >= start && name.end <= end) return name.type !== 'person' || (name.start === start && name.end === end);
    return name.start <= start && name.end >= end;
  });
}

/** A list is of one type when its items are ("Iran, Turkey, Azerbaijan and Russia" → place). */
function listType(sentence: AnalyzedSentence, phrase: Phrase, names: readonly RecognizedName[]): AnswerType {
  const types = phrase.items.map((item) => {
    const start = sentence.tokens[item.first]!.start;
    const end = sentence.tokens[item.last]!.end;
    const name = names.find((n) => n.start <= start && n.end >= end);
    return name?.type ?? (item.head === null ? null : typeOfNoun(sentence.tokens[item.head]!.lemma)) ?? 'thing';
  });
  return types.every((type) => type === types[0]) ? types[0]! : 'thing';
}

/** Text between quotation marks, up to a dozen tokens: titles of works, slogans, themes. */
function quotedCandidates(sentence: AnalyzedSentence): AnswerCandidate[] {
  const { tokens } = sentence;
  const found: AnswerCandidate[] = [];
  tokens.forEach((token, i) => {
    if (!/^["“‘]$/.test(token.value) && !(token.value === "'" && i === 0)) return;
    const closing = token.value === '“' ? '”' : token.value === '‘' ? '’' : token.value;
    const close = tokens.findIndex((t, j) => j > i + 1 && (t.value === closing || (closing === '"' && t.value === '”')));
    if (close > i + 1 && close - i <= 13) found.push(candidateOf(sentence, { first: i + 1, last: close - 1 }, 'work', 'quote'));
  });
  return found;
}

/**
 * A candidate the question already holds: every content word of it is a question word, or it is a name
 * one of whose words the question names ("Jerome Wiesner" for "Who did Wiesner hire?").
 */
function repeatsQuestion(sentence: AnalyzedSentence, candidate: AnswerCandidate, analysis: QuestionAnalysis): boolean {
  const questionTerms = new Set(analysis.terms);
  const terms = termsIn(sentence, candidate.first, candidate.last);
  if (terms.length === 0) return candidate.kind !== 'number' && candidate.kind !== 'date' && candidate.kind !== 'measure';
  if (terms.every((term) => questionTerms.has(term))) return true;
  // "the needs of Central Asia" for "…meet the needs of?": the question already says "the needs of" (but
  // "University of Information Technologies" answers "which university?").
  const head = sentence.tokens[candidate.head]!;
  const of = sentence.tokens.findIndex((token, i) => i > candidate.first && i < candidate.last && token.lower === 'of');
  const asked = head.lemma === analysis.headLemma || /^\p{Lu}/u.test(head.value);
  if (of !== -1 && !asked && termsIn(sentence, candidate.first, of - 1).every((term) => questionTerms.has(term))) return true;
  // A name that shares a proper noun with the question is the question's own ("Jerome Wiesner" for
  // "Who did Wiesner hire?"), unless that word is what the question asks for ("which University…").
  if (candidate.kind !== 'name' && candidate.kind !== 'noun') return false;
  for (let i = candidate.first; i <= candidate.last; i += 1) {
    const token = sentence.tokens[i]!;
    if (token.pos === 'PROPN' && token.term !== null && questionTerms.has(token.term) && token.lemma !== analysis.headLemma) return true;
  }
  return false;
}

/** Words that make a phrase name no one thing: "in any year", "every day", "each member". */
const UNSPECIFIC = new Set(['any', 'every', 'each', 'no']);

/** A phrase quantified by "any", "every", "each" or "no" names no particular thing, so it answers nothing. */
function isUnspecific(sentence: AnalyzedSentence, candidate: AnswerCandidate): boolean {
  return UNSPECIFIC.has(sentence.tokens[candidate.first - 1]?.lower ?? '') || UNSPECIFIC.has(sentence.tokens[candidate.first]!.lower);
}

/** A candidate cut out of a word ("Gospi" of "Gospić"): a letter is glued to it on one side. */
function isWordPart(sentence: AnalyzedSentence, candidate: AnswerCandidate): boolean {
  const { tokens } = sentence;
  const first = tokens[candidate.first]!;
  const before = tokens[candidate.first - 1];
  const after = tokens[candidate.last + 1];
  return (first.glued && /\p{L}$/u.test(before?.value ?? '')) || (after?.glued === true && /^\p{L}/u.test(after.value));
}

/** One candidate per span: the kind that says most about it. */
function dedupe(candidates: AnswerCandidate[]): AnswerCandidate[] {
  const bySpan = new Map<string, AnswerCandidate>();
  for (const candidate of candidates) {
    const key = `${candidate.start}:${candidate.end}`;
    const known = bySpan.get(key);
    if (!known || KIND_RANK[candidate.kind] > KIND_RANK[known.kind]) bySpan.set(key, candidate);
  }
  return [...bySpan.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}
