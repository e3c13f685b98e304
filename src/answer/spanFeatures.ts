import { termsOf } from '../text/terms.ts';
import type { AnalyzedSentence } from '../text/tokens.ts';
import { typeFit } from './answerTypes.ts';
import type { AnswerCandidate } from './candidate.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';

/** Words read on each side of a candidate to see what the sentence says of it. */
const CONTEXT_TOKENS = 8;
const WINDOW = 6;
/** "peptides called defensins", "a theory named after…": the word before a name that a text gives. */
const NAMING = new Set(['called', 'named', 'termed', 'dubbed', 'titled', 'entitled', 'nicknamed']);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);

/** Prepositions whose object a candidate may be: "in 1884", "by Thomas Newcomen", "as a pastor". */
const PREPOSITIONS = ['in', 'at', 'on', 'by', 'from', 'to', 'of', 'as', 'for', 'with', 'than', 'into'] as const;
/** The word classes that may stand right before or after a candidate; 'none' at the sentence's edge. */
const CONTEXT_TAGS = ['VERB', 'AUX', 'ADP', 'PUNCT', 'NOUN', 'CCONJ', 'none'] as const;

/** The evidence for one candidate answering the question, in the order of the span model's weights. */
export const SPAN_FEATURES = [
  'bias',
  'typeFit',
  'typeClash',
  'headMatch',
  'overlap',
  'near',
  'leftMatches',
  'rightMatches',
  'afterMatch',
  'beforeMatch',
  'subjectSlot',
  'objectSlot',
  'copulaSlot',
  'sharedCopular',
  'sharedOther',
  'kind:name',
  'kind:noun',
  'kind:list',
  'kind:number',
  'kind:date',
  'kind:measure',
  'kind:quote',
  'kind:clause',
  'kind:definition',
  'length',
  'long',
  'proper',
  'listPlural',
  'listSingular',
  'inParentheses',
  'named',
  'pronounReferent',
  'titleReferent',
  'sentenceStart',
  'nameTail',
  'headOfName',
  'proximity',
  'clauseMatches',
  'between',
  'subjectOfVerb',
  'objectOfVerb',
  'agent',
  'headBefore',
  'headAfter',
  'startsAdjective',
  'endsProper',
  'holdsVerb',
  'holdsComma',
  'nearest',
  'closest',
  'mostInClause',
  'nearestFitting',
  'subjectOfMatchedVerb',
  'objectOfMatchedVerb',
  'fittingNear',
  'fittingProximity',
  'fittingInClause',
  'askedPreposition',
  'ragged',
  'otherParty',
  ...PREPOSITIONS.map((word) => `after:${word}` as const),
  ...CONTEXT_TAGS.map((tag) => `tagBefore:${tag}` as const),
  ...CONTEXT_TAGS.map((tag) => `tagAfter:${tag}` as const),
] as const;

/** Features that say how a candidate compares with the sentence's other candidates, set by `compareCandidates`. */
const RELATIVE: readonly [(typeof SPAN_FEATURES)[number], (typeof SPAN_FEATURES)[number]][] = [
  ['near', 'nearest'],
  ['proximity', 'closest'],
  ['clauseMatches', 'mostInClause'],
];

/** Where the question's words stand in a sentence, computed once for all its candidates. */
export interface SentenceMatches {
  sentence: AnalyzedSentence;
  analysis: QuestionAnalysis;
  questionTerms: ReadonlySet<string>;
  /** Token indices whose term is a question term. */
  matched: number[];
  /** The preposition the question asks with ("On what did…", "What is it an example of?"), if any. */
  preposition: string | null;
}

export function sentenceMatches(sentence: AnalyzedSentence, analysis: QuestionAnalysis): SentenceMatches {
  const questionTerms = new Set(analysis.terms);
  const matched: number[] = [];
  sentence.tokens.forEach((token, i) => {
    if (token.term !== null && questionTerms.has(token.term)) matched.push(i);
  });
  return { sentence, analysis, questionTerms, matched, preposition: askedPreposition(analysis.text) };
}

/** "On what did his friend blame…?" or "What is gesturing an example of?": the answer follows that preposition. */
function askedPreposition(question: string): string | null {
  const words = question.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const fronted = words[0] !== undefined && /^(what|which|whom|when|where|who|how)$/.test(words[1] ?? '') ? words[0] : null;
  for (const word of [fronted, words[words.length - 1]]) {
    if (word !== null && word !== undefined && (PREPOSITIONS as readonly string[]).includes(word)) return word;
  }
  return null;
}

/**
 * The span model's features of a candidate: whether its type fits the expected one, how the question's
 * words sit around it (before it for a subject question, after it for an object one), what the words next
 * to it say of it (for "who met Portugal's minister?" the person introduced as Portugal's minister is the
 * one asked about, not the answer), its kind and length.
 */
export function spanFeatures(matches: SentenceMatches, candidate: AnswerCandidate): number[] {
  const { sentence, analysis, questionTerms, matched } = matches;
  const { tokens } = sentence;
  const outside = matched.filter((i) => i < candidate.first || i > candidate.last);
  const distance = outside.reduce(
    (best, i) => Math.min(best, i < candidate.first ? candidate.first - i : i - candidate.last),
    tokens.length,
  );
  // A referent's words are the name it stands for, not the pronoun or title in the sentence.
  const terms = candidate.referent ? termsOf(candidate.text) : termsIn(sentence, candidate.first, candidate.last);
  const inside = matched.filter((i) => i >= candidate.first && i <= candidate.last);
  const termCount = Math.max(1, analysis.terms.length);
  const left = distinctTerms(
    sentence,
    outside.filter((i) => i < candidate.first && i >= candidate.first - WINDOW),
  );
  const right = distinctTerms(
    sentence,
    outside.filter((i) => i > candidate.last && i <= candidate.last + WINDOW),
  );
  const afterMatch = outside.some((i) => i < candidate.first && onlyFunctionWords(sentence, i + 1, candidate.first));
  const beforeMatch = outside.some((i) => i > candidate.last && onlyFunctionWords(sentence, candidate.last + 1, i));
  const nextToBe =
    BE.has(tokens[candidate.last + 1]?.value.toLowerCase() ?? '') || BE.has(tokens[candidate.first - 1]?.value.toLowerCase() ?? '');
  const shared = Math.min(3, sharedContext(matches, candidate)) / 3;
  const fit = typeFit(analysis.expected, candidate.type);
  const length = candidate.last - candidate.first + 1;
  const verbs = outside.filter((i) => tokens[i]!.pos === 'VERB');
  const features: Partial<Record<(typeof SPAN_FEATURES)[number], number>> = {
    bias: 1,
    typeFit: fit,
    typeClash: fit === 0 && candidate.type !== 'thing' && analysis.expected !== 'thing' ? 1 : 0,
    headMatch: analysis.headLemma !== null && tokens[candidate.head]?.lemma === analysis.headLemma ? 1 : 0,
    overlap: terms.length === 0 ? 0 : terms.filter((term) => questionTerms.has(term)).length / terms.length,
    near: outside.length === 0 ? 0 : 1 / (1 + distance),
    leftMatches: left / termCount,
    rightMatches: right / termCount,
    afterMatch: afterMatch ? 1 : 0,
    beforeMatch: beforeMatch ? 1 : 0,
    subjectSlot: analysis.form === 'subject' && beforeMatch ? 1 : 0,
    objectSlot: analysis.form === 'object' && afterMatch ? 1 : 0,
    copulaSlot: analysis.form === 'copula' && nextToBe ? 1 : 0,
    sharedCopular: analysis.copular ? shared : 0,
    sharedOther: analysis.copular ? 0 : shared,
    'kind:name': 0,
    'kind:noun': 0,
    'kind:list': 0,
    'kind:number': 0,
    'kind:date': 0,
    'kind:measure': 0,
    'kind:quote': 0,
    'kind:clause': 0,
    'kind:definition': 0,
    length: Math.log1p(length) / 3,
    long: length > 6 ? 1 : 0,
    proper: hasCapitalisedWord(sentence, candidate) ? 1 : 0,
    listPlural: candidate.kind === 'list' && analysis.pluralHead ? 1 : 0,
    listSingular: candidate.kind === 'list' && !analysis.pluralHead ? 1 : 0,
    inParentheses: tokens[candidate.first - 1]?.value === '(' ? 1 : 0,
    pronounReferent: candidate.referent === 'pronoun' ? 1 : 0,
    titleReferent: candidate.referent === 'title' ? distinctTerms(sentence, inside) / termCount : 0,
    named:
      NAMING.has(tokens[candidate.first - 1]?.value.toLowerCase() ?? '') ||
      /^(known|referred) as$/i.test(`${tokens[candidate.first - 2]?.value} ${tokens[candidate.first - 1]?.value}`)
        ? 1
        : 0,
    sentenceStart: candidate.first === 0 || /^["“‘']$/.test(tokens[candidate.first - 1]?.value ?? '') ? 1 : 0,
    nameTail: isNameTail(sentence, candidate) ? 1 : 0,
    headOfName: headsNameByOf(sentence, candidate, analysis) ? 1 : 0,
    proximity: proximityTo(matches, outside, candidate),
    clauseMatches: clauseMatches(matches, outside, candidate),
    between:
      outside.some((i) => i < candidate.first && i >= candidate.first - WINDOW) &&
      outside.some((i) => i > candidate.last && i <= candidate.last + WINDOW)
        ? 1
        : 0,
    subjectOfVerb: analysis.form === 'subject' && verbs.some((v) => v > candidate.last && v - candidate.last <= WINDOW) ? 1 : 0,
    objectOfVerb: analysis.form !== 'subject' && verbs.some((v) => v < candidate.first && candidate.first - v <= WINDOW) ? 1 : 0,
    agent:
      analysis.form === 'subject' &&
      tokens[candidate.first - 1]?.lower === 'by' &&
      verbs.some((v) => v < candidate.first && candidate.first - v <= 3)
        ? 1
        : 0,
    headBefore: headNear(matches, candidate, -1) ? 1 : 0,
    headAfter: headNear(matches, candidate, 1) ? 1 : 0,
    startsAdjective: tokens[candidate.first]?.pos === 'ADJ' ? 1 : 0,
    endsProper: tokens[candidate.last]?.pos === 'PROPN' ? 1 : 0,
    holdsVerb: tokens.slice(candidate.first, candidate.last + 1).some((t) => t.pos === 'VERB') ? 1 : 0,
    holdsComma: tokens.slice(candidate.first, candidate.last + 1).some((t) => t.value === ',') ? 1 : 0,
    subjectOfMatchedVerb: analysis.form === 'subject' && nextVerbMatched(matches, candidate.last + 1, 1) ? 1 : 0,
    objectOfMatchedVerb: analysis.form !== 'subject' && nextVerbMatched(matches, candidate.first - 1, -1) ? 1 : 0,
    askedPreposition: matches.preposition !== null && tokens[candidate.first - 1]?.lower === matches.preposition ? 1 : 0,
    ragged: isRagged(sentence, candidate) ? 1 : 0,
    nearest: 0,
    closest: 0,
    mostInClause: 0,
    nearestFitting: 0,
  };
  features[`kind:${candidate.kind}`] = 1;
  features.fittingNear = fit * features.near!;
  features.fittingProximity = fit * features.proximity!;
  features.fittingInClause = fit * features.clauseMatches!;
  const before = tokens[candidate.first - 1];
  if (before && (PREPOSITIONS as readonly string[]).includes(before.lower))
    features[`after:${before.lower as (typeof PREPOSITIONS)[number]}`] = 1;
  const tagBefore = contextTag(before);
  const tagAfter = contextTag(tokens[candidate.last + 1]);
  if (tagBefore !== 'other') features[`tagBefore:${tagBefore}`] = 1;
  if (tagAfter !== 'other') features[`tagAfter:${tagAfter}`] = 1;
  return SPAN_FEATURES.map((name) => features[name] ?? 0);
}

/** The class of a word next to a candidate, as CONTEXT_TAGS names it (a proper noun counts as a noun). */
function contextTag(token: AnalyzedSentence['tokens'][number] | undefined): (typeof CONTEXT_TAGS)[number] | 'other' {
  if (!token) return 'none';
  if (token.pos === 'PROPN') return 'NOUN';
  return (CONTEXT_TAGS as readonly string[]).includes(token.pos) ? (token.pos as (typeof CONTEXT_TAGS)[number]) : 'other';
}

const FIT = SPAN_FEATURES.indexOf('typeFit');
const NEAR = SPAN_FEATURES.indexOf('near');
const NEAREST_FITTING = SPAN_FEATURES.indexOf('nearestFitting');

/**
 * Sets the features that compare a sentence's candidates with each other: which is nearest the question's
 * words, closest to all of them, shares a clause with most of them, and nearest among those of the expected
 * type. A listwise ranker chooses among the candidates, so "the nearest one" says more than a distance.
 */
export function compareCandidates(rows: number[][]): void {
  const best = (feature: number, among: readonly number[][]) => Math.max(0, ...among.map((row) => row[feature]!));
  for (const [raw, relative] of RELATIVE) {
    const from = SPAN_FEATURES.indexOf(raw);
    const to = SPAN_FEATURES.indexOf(relative);
    const top = best(from, rows);
    for (const row of rows) row[to] = top > 0 && row[from] === top ? 1 : 0;
  }
  const fitting = rows.filter((row) => row[FIT]! > 0);
  const nearestFitting = best(NEAR, fitting);
  for (const row of fitting) row[NEAREST_FITTING] = nearestFitting > 0 && row[NEAR] === nearestFitting ? 1 : 0;
}

/** Where a clause ends: a candidate shares a clause with the question's words between these. */
const CLAUSE_BREAKS = new Set([';', ':', '(', ')', '—', '–']);

/** The IDF-free closeness of a candidate to each question word the sentence holds: the mean of 1 / (1 + distance). */
function proximityTo(matches: SentenceMatches, outside: readonly number[], candidate: AnswerCandidate): number {
  const nearestByTerm = new Map<string, number>();
  for (const i of outside) {
    const term = matches.sentence.tokens[i]!.term!;
    const distance = i < candidate.first ? candidate.first - i : i - candidate.last;
    nearestByTerm.set(term, Math.min(distance, nearestByTerm.get(term) ?? Number.POSITIVE_INFINITY));
  }
  let sum = 0;
  for (const distance of nearestByTerm.values()) sum += 1 / (1 + distance);
  return sum / Math.max(1, matches.analysis.terms.length);
}

/** Distinct question terms in the candidate's clause (bounded by semicolons, colons, brackets and dashes). */
function clauseMatches(matches: SentenceMatches, outside: readonly number[], candidate: AnswerCandidate): number {
  const { tokens } = matches.sentence;
  let from = candidate.first;
  while (from > 0 && !CLAUSE_BREAKS.has(tokens[from - 1]!.value)) from -= 1;
  let to = candidate.last;
  while (to < tokens.length - 1 && !CLAUSE_BREAKS.has(tokens[to + 1]!.value)) to += 1;
  const inClause = outside.filter((i) => i >= from && i <= to);
  return distinctTerms(matches.sentence, inClause) / Math.max(1, matches.analysis.terms.length);
}

/** Whether the question's head noun stands within three tokens before (-1) or after (+1) the candidate. */
function headNear(matches: SentenceMatches, candidate: AnswerCandidate, side: -1 | 1): boolean {
  const { headLemma } = matches.analysis;
  if (headLemma === null) return false;
  const { tokens } = matches.sentence;
  for (let step = 1; step <= 3; step += 1) {
    const token = tokens[side < 0 ? candidate.first - step : candidate.last + step];
    if (!token) return false;
    if (token.lemma === headLemma) return true;
  }
  return false;
}

/**
 * The first verb from `from` on (towards `step`), within the clause, is one of the question's words: the
 * candidate is that verb's subject (looking right) or its object (looking left), as near as word order tells.
 */
function nextVerbMatched(matches: SentenceMatches, from: number, step: 1 | -1): boolean {
  const { tokens } = matches.sentence;
  for (let i = from; i >= 0 && i < tokens.length; i += step) {
    const token = tokens[i]!;
    if (CLAUSE_BREAKS.has(token.value)) return false;
    if (token.pos === 'VERB') return token.term !== null && matches.questionTerms.has(token.term);
  }
  return false;
}

/** Begins or ends on a word that cannot bound a phrase: ", so they deserved", "Arts and". */
function isRagged(sentence: AnalyzedSentence, candidate: AnswerCandidate): boolean {
  const first = sentence.tokens[candidate.first]!;
  const last = sentence.tokens[candidate.last]!;
  const badStart = first.pos === 'CCONJ' || (first.pos === 'PUNCT' && !/^["“‘'(]$/.test(first.value));
  const badEnd = ['DET', 'ADP', 'CCONJ', 'SCONJ'].includes(last.pos) || (last.pos === 'PUNCT' && !/^["”’')]$/.test(last.value));
  return badStart || badEnd;
}

/**
 * The candidate stands where the question word's gap is: right after matched words for an object or "is"
 * question ("promised its counterpart that …"), right before them for a subject question.
 */
export function standsInGap(matches: SentenceMatches, candidate: AnswerCandidate): boolean {
  const { matched, sentence } = matches;
  const joined = (from: number, to: number) => {
    for (let i = from; i < to; i += 1) if (!GAP_WORDS.has(sentence.tokens[i]!.pos) && sentence.tokens[i]!.lower !== 'that') return false;
    return to - from <= 3;
  };
  if (matches.analysis.form === 'subject') return matched.some((i) => i > candidate.last && joined(candidate.last + 1, i));
  return matched.some((i) => i < candidate.first && joined(i + 1, candidate.first));
}

/** What may stand between a question's words and the phrase in its gap: "promised its counterpart that". */
const GAP_WORDS = new Set(['ADP', 'DET', 'PART', 'SCONJ', 'AUX', 'PRON']);

/** Index terms of tokens `first..last` of a sentence, stop words left out. */
export function termsIn(sentence: AnalyzedSentence, first: number, last: number): string[] {
  const terms: string[] = [];
  for (let i = first; i <= last; i += 1) {
    const term = sentence.tokens[i]!.term;
    if (term !== null) terms.push(term);
  }
  return terms;
}

function distinctTerms(sentence: AnalyzedSentence, indices: number[]): number {
  return new Set(indices.map((i) => sentence.tokens[i]!.term)).size;
}

/** Only prepositions, articles, auxiliaries or punctuation between `from` and `to` (exclusive), at most three. */
function onlyFunctionWords(sentence: AnalyzedSentence, from: number, to: number): boolean {
  if (to - from > 3) return false;
  for (let i = from; i < to; i += 1) {
    const pos = sentence.tokens[i]!.pos;
    if (pos !== 'ADP' && pos !== 'DET' && pos !== 'AUX' && pos !== 'PUNCT' && pos !== 'PART') return false;
  }
  return true;
}

const capitalised = (value: string | undefined) => value !== undefined && /^\p{Lu}/u.test(value);

/**
 * The capitalised tail of a longer name, cut after its "of" or "for": "Information Technologies" of
 * "University of Information Technologies". The whole name is a candidate of its own.
 */
function isNameTail(sentence: AnalyzedSentence, candidate: AnswerCandidate): boolean {
  const { tokens } = sentence;
  const joiner = tokens[candidate.first - 1]?.lower;
  return (
    (joiner === 'of' || joiner === 'for') && capitalised(tokens[candidate.first - 2]?.value) && capitalised(tokens[candidate.first]?.value)
  );
}

/**
 * The question's own head noun, in lower case, followed by "of" and a name: "the countries of Iran, Turkey…"
 * for "which countries…?", "the city of Baku" for "which city…?". The name after "of" is the answer.
 */
function headsNameByOf(sentence: AnalyzedSentence, candidate: AnswerCandidate, analysis: QuestionAnalysis): boolean {
  const { tokens } = sentence;
  const first = tokens[candidate.first];
  return (
    analysis.headLemma !== null &&
    first !== undefined &&
    !capitalised(first.value) &&
    first.lemma === analysis.headLemma &&
    tokens[candidate.first + 1]?.lower === 'of' &&
    capitalised(tokens[candidate.first + 2]?.value)
  );
}

function hasCapitalisedWord(sentence: AnalyzedSentence, candidate: AnswerCandidate): boolean {
  for (let i = candidate.first; i <= candidate.last; i += 1) {
    const token = sentence.tokens[i]!;
    if (i > 0 && /^\p{Lu}/u.test(token.value)) return true;
    if (token.pos === 'PROPN') return true;
  }
  return false;
}

/** Question terms among the words right before a candidate (up to a verb) and in an apposition after it. */
export function sharedContext(matches: SentenceMatches, candidate: AnswerCandidate): number {
  const { tokens } = matches.sentence;
  const context = new Set<string>();
  for (let i = candidate.first - 1; i >= 0 && i >= candidate.first - CONTEXT_TOKENS; i -= 1) {
    const token = tokens[i]!;
    if (token.pos === 'VERB' || token.pos === 'AUX' || (token.pos === 'PUNCT' && token.value !== '-')) break;
    if (token.term !== null) context.add(token.term);
  }
  if (tokens[candidate.last + 1]?.value === ',') {
    for (let i = candidate.last + 2; i < tokens.length && i <= candidate.last + 1 + CONTEXT_TOKENS; i += 1) {
      const token = tokens[i]!;
      if (token.pos === 'VERB' || token.pos === 'AUX' || token.pos === 'PUNCT') break;
      if (token.term !== null) context.add(token.term);
    }
  }
  let shared = 0;
  for (const term of context) if (matches.questionTerms.has(term)) shared += 1;
  return shared;
}
