import { BE_FORMS } from '../text/functionWords.ts';
import { termsOf } from '../text/terms.ts';
import type { AnalyzedSentence } from '../text/tokens.ts';
import { ANSWER_TYPES, typeFit } from './answerTypes.ts';
import type { AnswerCandidate, CandidateKind } from './candidate.ts';
import { above, asMeasured, featureTable, logOver, ONE, upTo, yesNo } from './featureTable.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';

/**
 * Words read on each side of a candidate to see what the sentence says of it (`sharedContext`). Changing it
 * changes the learned `sharedCopular`, `sharedOther` and `otherParty` features: run `npm run train`.
 */
const CONTEXT_TOKENS = 8;
/** Question terms shared with a candidate's introduction count up to this many. Changing it needs `npm run train`. */
const SHARED_CONTEXT_CAP = 3;
/**
 * How many tokens on each side of a candidate count as its neighbourhood for the question's words and verbs
 * (`leftMatches`, `rightMatches`, `between`, `subjectOfVerb`, `objectOfVerb`). Changing it needs `npm run train`.
 */
const WINDOW = 6;
/** The question's head noun counts as next to a candidate within this many tokens. Changing it needs `npm run train`. */
const HEAD_NEAR_TOKENS = 3;
/** "… was invented by Thomas Newcomen": the verb stands at most this many tokens before "by". Changing it needs `npm run train`. */
const AGENT_VERB_TOKENS = 3;
/** At most this many function words join a question word to a candidate right after it or before it. Changing it needs `npm run train`. */
const FUNCTION_WORDS_BETWEEN = 3;
/** A candidate's length in tokens counts as log1p(length) / this. Changing it needs `npm run train`. */
const LENGTH_LOG_DIVISOR = 3;
/** A candidate longer than this many tokens is `long`. Changing it needs `npm run train`. */
const LONG_SPAN = 6;
/** "peptides called defensins", "a theory named after…": the word before a name that a text gives. */
const NAMING = new Set(['called', 'named', 'termed', 'dubbed', 'titled', 'entitled', 'nicknamed']);

/** Prepositions whose object a candidate may be: "in 1884", "by Thomas Newcomen", "as a pastor". */
const PREPOSITIONS = ['in', 'at', 'on', 'by', 'from', 'to', 'of', 'as', 'for', 'with', 'than', 'into'] as const;
/** The word classes that may stand right before or after a candidate; 'none' at the sentence's edge. */
const CONTEXT_TAGS = ['VERB', 'AUX', 'ADP', 'PUNCT', 'NOUN', 'CCONJ', 'none'] as const;
/** The kinds of candidate, each a feature of its own. */
const KINDS = [
  'name',
  'noun',
  'list',
  'number',
  'date',
  'measure',
  'quote',
  'clause',
  'definition',
] as const satisfies readonly CandidateKind[];

type Token = AnalyzedSentence['tokens'][number];

/** How well a candidate's type fits the expected one (`typeFit`), as the span and answer models read it. */
export const TYPE_FIT_SCALE = asMeasured('1, 0.5 or 0');

/** Measures of one candidate that several features read, each computed once. */
interface CandidateMeasures {
  matches: SentenceMatches;
  candidate: AnswerCandidate;
  tokens: readonly Token[];
  /** The candidate's own tokens. */
  own: readonly Token[];
  analysis: QuestionAnalysis;
  /** Token indices of the question's words outside the candidate. */
  outside: number[];
  /** Of those, the verbs. */
  verbs: number[];
  /** Of those, the ones within WINDOW tokens before it, and after it. */
  windowBefore: number[];
  windowAfter: number[];
  /** The question's terms, at least 1: shares of the question are divided by it. */
  termCount: number;
  fit: number;
  /** Its length in tokens. */
  length: number;
  /** 1 / (1 + tokens to the nearest question word outside it), 0 when there is none. */
  near: number;
  proximity: number;
  clauseMatches: number;
  /** Question terms among the words that introduce it (`sharedContext`). */
  shared: number;
  /** A question word stands right before it (function words between), or right after it. */
  afterMatch: boolean;
  beforeMatch: boolean;
  tagBefore: (typeof CONTEXT_TAGS)[number] | 'other';
  tagAfter: (typeof CONTEXT_TAGS)[number] | 'other';
}

/** The best of each compared measure among a sentence's candidates (0 when none has any). */
interface SentenceComparison {
  near: number;
  proximity: number;
  clauseMatches: number;
  /** The best `near` among the candidates whose type fits the expected one. */
  fittingNear: number;
}

/** What the span model's features read of one candidate. */
interface SpanInput extends CandidateMeasures {
  among: SentenceComparison;
  /** The question names it as the other party (`otherParties`). */
  otherParty: boolean;
}

/** A candidate has the best of a measure among its sentence's candidates, and the best is not 0. */
const isBest = (value: number, best: number) => best > 0 && value === best;

/**
 * The span model's features: whether a candidate's type fits the expected one, how the question's words sit
 * around it (before it for a subject question, after it for an object one), what the words next to it say of
 * it (for "who met Portugal's minister?" the person introduced as Portugal's minister is the one asked about,
 * not the answer), its kind and length, and how it compares with the sentence's other candidates (a listwise
 * ranker chooses among them, so "the nearest one" says more than a distance). A new feature is one row here,
 * then `npm run train`.
 */
export const SPAN_FEATURES = featureTable<SpanInput>()('span', [
  { name: 'bias', measure: () => 1, scale: ONE },
  { name: 'typeFit', measure: (c) => c.fit, scale: TYPE_FIT_SCALE },
  {
    name: 'typeClash',
    measure: (c) => c.fit === 0 && c.candidate.type !== 'thing' && c.analysis.expected !== 'thing',
    scale: yesNo(),
  },
  {
    name: 'headMatch',
    measure: (c) => c.analysis.headLemma !== null && c.tokens[c.candidate.head]?.lemma === c.analysis.headLemma,
    scale: yesNo(),
  },
  { name: 'overlap', measure: questionShareOfCandidate, scale: asMeasured("share of the candidate's terms in the question, 0 to 1") },
  { name: 'near', measure: (c) => c.near, scale: asMeasured('1 / (1 + tokens to the nearest question word), 0 when none') },
  {
    name: 'leftMatches',
    measure: (c) => distinctTerms(c.matches.sentence, c.windowBefore) / c.termCount,
    scale: asMeasured(`question terms in the ${WINDOW} tokens before / question terms`),
  },
  {
    name: 'rightMatches',
    measure: (c) => distinctTerms(c.matches.sentence, c.windowAfter) / c.termCount,
    scale: asMeasured(`question terms in the ${WINDOW} tokens after / question terms`),
  },
  { name: 'afterMatch', measure: (c) => c.afterMatch, scale: yesNo(`at most ${FUNCTION_WORDS_BETWEEN} function words between`) },
  { name: 'beforeMatch', measure: (c) => c.beforeMatch, scale: yesNo(`at most ${FUNCTION_WORDS_BETWEEN} function words between`) },
  { name: 'subjectSlot', measure: (c) => c.analysis.form === 'subject' && c.beforeMatch, scale: yesNo() },
  { name: 'objectSlot', measure: (c) => c.analysis.form === 'object' && c.afterMatch, scale: yesNo() },
  { name: 'copulaSlot', measure: (c) => c.analysis.form === 'copula' && nextToBe(c), scale: yesNo() },
  {
    name: 'sharedCopular',
    measure: (c) => (c.analysis.copular ? c.shared : 0),
    scale: upTo(SHARED_CONTEXT_CAP, `within ${CONTEXT_TOKENS} tokens`),
  },
  {
    name: 'sharedOther',
    measure: (c) => (c.analysis.copular ? 0 : c.shared),
    scale: upTo(SHARED_CONTEXT_CAP, `within ${CONTEXT_TOKENS} tokens`),
  },
  ...KINDS.map((kind) => ({ name: `kind:${kind}` as const, measure: (c: SpanInput) => c.candidate.kind === kind, scale: yesNo() })),
  { name: 'length', measure: (c) => c.length, scale: logOver(LENGTH_LOG_DIVISOR) },
  { name: 'long', measure: (c) => c.length, scale: above(LONG_SPAN) },
  { name: 'proper', measure: (c) => hasCapitalisedWord(c.matches.sentence, c.candidate), scale: yesNo() },
  { name: 'listPlural', measure: (c) => c.candidate.kind === 'list' && c.analysis.pluralHead, scale: yesNo() },
  { name: 'listSingular', measure: (c) => c.candidate.kind === 'list' && !c.analysis.pluralHead, scale: yesNo() },
  { name: 'inParentheses', measure: (c) => c.tokens[c.candidate.first - 1]?.value === '(', scale: yesNo() },
  { name: 'named', measure: isNamed, scale: yesNo() },
  { name: 'pronounReferent', measure: (c) => c.candidate.referent === 'pronoun', scale: yesNo() },
  {
    name: 'titleReferent',
    measure: titleShare,
    scale: asMeasured('question terms the title holds / question terms, 0 when not a title referent'),
  },
  {
    name: 'sentenceStart',
    measure: (c) => c.candidate.first === 0 || /^["“‘']$/.test(c.tokens[c.candidate.first - 1]?.value ?? ''),
    scale: yesNo(),
  },
  { name: 'nameTail', measure: (c) => isNameTail(c.matches.sentence, c.candidate), scale: yesNo() },
  { name: 'headOfName', measure: (c) => headsNameByOf(c.matches.sentence, c.candidate, c.analysis), scale: yesNo() },
  { name: 'proximity', measure: (c) => c.proximity, scale: asMeasured('mean over question terms of 1 / (1 + tokens away)') },
  { name: 'clauseMatches', measure: (c) => c.clauseMatches, scale: asMeasured('question terms in its clause / question terms') },
  { name: 'between', measure: (c) => c.windowBefore.length > 0 && c.windowAfter.length > 0, scale: yesNo(`within ${WINDOW} tokens`) },
  {
    name: 'subjectOfVerb',
    measure: (c) => c.analysis.form === 'subject' && c.verbs.some((v) => v > c.candidate.last && v - c.candidate.last <= WINDOW),
    scale: yesNo(`within ${WINDOW} tokens`),
  },
  {
    name: 'objectOfVerb',
    measure: (c) => c.analysis.form !== 'subject' && c.verbs.some((v) => v < c.candidate.first && c.candidate.first - v <= WINDOW),
    scale: yesNo(`within ${WINDOW} tokens`),
  },
  {
    name: 'agent',
    measure: (c) =>
      c.analysis.form === 'subject' &&
      c.tokens[c.candidate.first - 1]?.lower === 'by' &&
      c.verbs.some((v) => v < c.candidate.first && c.candidate.first - v <= AGENT_VERB_TOKENS),
    scale: yesNo(`within ${AGENT_VERB_TOKENS} tokens`),
  },
  { name: 'headBefore', measure: (c) => headNear(c.matches, c.candidate, -1), scale: yesNo(`within ${HEAD_NEAR_TOKENS} tokens`) },
  { name: 'headAfter', measure: (c) => headNear(c.matches, c.candidate, 1), scale: yesNo(`within ${HEAD_NEAR_TOKENS} tokens`) },
  { name: 'startsAdjective', measure: (c) => c.tokens[c.candidate.first]?.pos === 'ADJ', scale: yesNo() },
  { name: 'endsProper', measure: (c) => c.tokens[c.candidate.last]?.pos === 'PROPN', scale: yesNo() },
  { name: 'holdsVerb', measure: (c) => c.own.some((t) => t.pos === 'VERB'), scale: yesNo() },
  { name: 'holdsComma', measure: (c) => c.own.some((t) => t.value === ','), scale: yesNo() },
  { name: 'nearest', measure: (c) => isBest(c.near, c.among.near), scale: yesNo() },
  { name: 'closest', measure: (c) => isBest(c.proximity, c.among.proximity), scale: yesNo() },
  { name: 'mostInClause', measure: (c) => isBest(c.clauseMatches, c.among.clauseMatches), scale: yesNo() },
  { name: 'nearestFitting', measure: (c) => c.fit > 0 && isBest(c.near, c.among.fittingNear), scale: yesNo() },
  {
    name: 'subjectOfMatchedVerb',
    measure: (c) => c.analysis.form === 'subject' && nextVerbMatched(c.matches, c.candidate.last + 1, 1),
    scale: yesNo(),
  },
  {
    name: 'objectOfMatchedVerb',
    measure: (c) => c.analysis.form !== 'subject' && nextVerbMatched(c.matches, c.candidate.first - 1, -1),
    scale: yesNo(),
  },
  { name: 'fittingNear', measure: (c) => c.fit * c.near, scale: asMeasured('typeFit * near') },
  { name: 'fittingProximity', measure: (c) => c.fit * c.proximity, scale: asMeasured('typeFit * proximity') },
  { name: 'fittingInClause', measure: (c) => c.fit * c.clauseMatches, scale: asMeasured('typeFit * clauseMatches') },
  {
    name: 'askedPreposition',
    measure: (c) => c.matches.preposition !== null && c.tokens[c.candidate.first - 1]?.lower === c.matches.preposition,
    scale: yesNo(),
  },
  { name: 'ragged', measure: (c) => isRagged(c.matches.sentence, c.candidate), scale: yesNo() },
  { name: 'otherParty', measure: (c) => c.otherParty, scale: yesNo() },
  ...PREPOSITIONS.map((word) => ({
    name: `after:${word}` as const,
    measure: (c: SpanInput) => c.tokens[c.candidate.first - 1]?.lower === word,
    scale: yesNo(),
  })),
  ...CONTEXT_TAGS.map((tag) => ({ name: `tagBefore:${tag}` as const, measure: (c: SpanInput) => c.tagBefore === tag, scale: yesNo() })),
  ...CONTEXT_TAGS.map((tag) => ({ name: `tagAfter:${tag}` as const, measure: (c: SpanInput) => c.tagAfter === tag, scale: yesNo() })),
]);

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

/** The span model's features of each candidate of a sentence (`SPAN_FEATURES`), in the candidates' order. */
export function spanFeatures(matches: SentenceMatches, candidates: readonly AnswerCandidate[]): number[][] {
  const measured = candidates.map((candidate) => measure(matches, candidate));
  const best = (of: (m: CandidateMeasures) => number, among: readonly CandidateMeasures[] = measured) => Math.max(0, ...among.map(of));
  const among: SentenceComparison = {
    near: best((m) => m.near),
    proximity: best((m) => m.proximity),
    clauseMatches: best((m) => m.clauseMatches),
    fittingNear: best(
      (m) => m.near,
      measured.filter((m) => m.fit > 0),
    ),
  };
  const parties = otherParties(measured, matches.analysis);
  return measured.map((input, i) => {
    input.among = among;
    input.otherParty = parties[i]!;
    return SPAN_FEATURES.vector(input);
  });
}

/** Not yet compared with the sentence's other candidates. */
const UNCOMPARED: SentenceComparison = { near: 0, proximity: 0, clauseMatches: 0, fittingNear: 0 };

/** What several features read of a candidate, measured once; `spanFeatures` then compares it with the others. */
function measure(matches: SentenceMatches, candidate: AnswerCandidate): SpanInput {
  const { sentence, analysis, matched } = matches;
  const { tokens } = sentence;
  const outside = matched.filter((i) => i < candidate.first || i > candidate.last);
  const distance = outside.reduce(
    (best, i) => Math.min(best, i < candidate.first ? candidate.first - i : i - candidate.last),
    tokens.length,
  );
  return {
    matches,
    candidate,
    tokens,
    own: tokens.slice(candidate.first, candidate.last + 1),
    analysis,
    outside,
    windowBefore: outside.filter((i) => i < candidate.first && i >= candidate.first - WINDOW),
    windowAfter: outside.filter((i) => i > candidate.last && i <= candidate.last + WINDOW),
    verbs: outside.filter((i) => tokens[i]!.pos === 'VERB'),
    termCount: Math.max(1, analysis.terms.length),
    fit: typeFit(analysis.expected, candidate.type),
    length: candidate.last - candidate.first + 1,
    near: outside.length === 0 ? 0 : 1 / (1 + distance),
    proximity: proximityTo(matches, outside, candidate),
    clauseMatches: clauseMatches(matches, outside, candidate),
    shared: sharedContext(matches, candidate),
    afterMatch: outside.some((i) => i < candidate.first && onlyFunctionWords(sentence, i + 1, candidate.first)),
    beforeMatch: outside.some((i) => i > candidate.last && onlyFunctionWords(sentence, candidate.last + 1, i)),
    tagBefore: contextTag(tokens[candidate.first - 1]),
    tagAfter: contextTag(tokens[candidate.last + 1]),
    among: UNCOMPARED,
    otherParty: false,
  };
}

/** The share of the candidate's own terms that the question holds; a referent's terms are the name it stands for. */
function questionShareOfCandidate(c: CandidateMeasures): number {
  const terms = c.candidate.referent ? termsOf(c.candidate.text) : termsIn(c.matches.sentence, c.candidate.first, c.candidate.last);
  return terms.length === 0 ? 0 : terms.filter((term) => c.matches.questionTerms.has(term)).length / terms.length;
}

/** For a title standing for its holder, the share of the question's terms that the title holds. */
function titleShare({ matches, candidate, termCount }: CandidateMeasures): number {
  if (candidate.referent !== 'title') return 0;
  return (
    distinctTerms(
      matches.sentence,
      matches.matched.filter((i) => i >= candidate.first && i <= candidate.last),
    ) / termCount
  );
}

/** A form of "be" stands right after or right before the candidate. */
function nextToBe({ tokens, candidate }: CandidateMeasures): boolean {
  return (
    BE_FORMS.has(tokens[candidate.last + 1]?.value.toLowerCase() ?? '') ||
    BE_FORMS.has(tokens[candidate.first - 1]?.value.toLowerCase() ?? '')
  );
}

/** The text gives the candidate as a name: "peptides called defensins", "known as the Sun King". */
function isNamed({ tokens, candidate }: CandidateMeasures): boolean {
  return (
    NAMING.has(tokens[candidate.first - 1]?.value.toLowerCase() ?? '') ||
    /^(known|referred) as$/i.test(`${tokens[candidate.first - 2]?.value} ${tokens[candidate.first - 1]?.value}`)
  );
}

/** The class of a word next to a candidate, as CONTEXT_TAGS names it (a proper noun counts as a noun). */
function contextTag(token: Token | undefined): (typeof CONTEXT_TAGS)[number] | 'other' {
  if (!token) return 'none';
  if (token.pos === 'PROPN') return 'NOUN';
  return (CONTEXT_TAGS as readonly string[]).includes(token.pos) ? (token.pos as (typeof CONTEXT_TAGS)[number]) : 'other';
}

/**
 * For "who met Portugal's minister?" the person the sentence introduces in the question's own words
 * ("the Minister … of Portugal Paulo Portas") is the party the question names, more likely than its
 * answer: when the answer type says so and the question's verb is not "be", the names of the expected type
 * that share the most question words with their introduction are marked (the `otherParty` feature, whose
 * weight the span model learns; `chooseSpan` rules them out when the question names the other party).
 */
function otherParties(measured: readonly CandidateMeasures[], analysis: QuestionAnalysis): boolean[] {
  const none = measured.map(() => false);
  if (!ANSWER_TYPES[analysis.expected].describedIsOtherParty || analysis.copular) return none;
  const typed = measured.filter((m) => m.candidate.type === analysis.expected && m.candidate.kind === 'name');
  const most = Math.max(0, ...typed.map((m) => m.shared));
  if (most === 0 || typed.every((m) => m.shared === most)) return none;
  return measured.map((m) => typed.includes(m) && m.shared === most);
}

/** Where a clause ends: a candidate shares a clause with the question's words between these. */
const CLAUSE_BREAK_MARKS = new Set([';', ':', '(', ')', '—', '–']);

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
  while (from > 0 && !CLAUSE_BREAK_MARKS.has(tokens[from - 1]!.value)) from -= 1;
  let to = candidate.last;
  while (to < tokens.length - 1 && !CLAUSE_BREAK_MARKS.has(tokens[to + 1]!.value)) to += 1;
  const inClause = outside.filter((i) => i >= from && i <= to);
  return distinctTerms(matches.sentence, inClause) / Math.max(1, matches.analysis.terms.length);
}

/** Whether the question's head noun stands within HEAD_NEAR_TOKENS tokens before (-1) or after (+1) the candidate. */
function headNear(matches: SentenceMatches, candidate: AnswerCandidate, side: -1 | 1): boolean {
  const { headLemma } = matches.analysis;
  if (headLemma === null) return false;
  const { tokens } = matches.sentence;
  for (let step = 1; step <= HEAD_NEAR_TOKENS; step += 1) {
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
    if (CLAUSE_BREAK_MARKS.has(token.value)) return false;
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

/** Only prepositions, articles, auxiliaries or punctuation between `from` and `to` (exclusive), at most FUNCTION_WORDS_BETWEEN. */
function onlyFunctionWords(sentence: AnalyzedSentence, from: number, to: number): boolean {
  if (to - from > FUNCTION_WORDS_BETWEEN) return false;
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
function sharedContext(matches: SentenceMatches, candidate: AnswerCandidate): number {
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
