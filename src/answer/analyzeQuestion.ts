import { COPULAS_AFTER_QUESTION_WORD, QUESTION_WORDS } from '../text/functionWords.ts';
import { normalizeTerm, tokenizeNames } from '../text/terms.ts';
import { analyzeSentence, type SentenceToken } from '../text/tokens.ts';
import { questionWords } from '../vocabulary/wordNetRelated.ts';
import { typeOfNoun } from './answerTypes.ts';
import type { AnswerType } from './candidate.ts';
import type { QuestionAnalysis, QuestionForm, QuestionType } from './questionAnalysis.ts';

const AUXILIARIES = new Set('is are was were do does did can could will would has have had should shall may might must'.split(' '));
/** "how long/far/old…": a measure, not a manner. */
const MEASURE_ADVERBS = new Set('long far old much big large tall high deep wide heavy fast often late early'.split(' '));
/** Nouns that stand for what follows them: "the name of the river" asks for a river, "what type of cell" for a cell. */
const TRANSPARENT_NOUNS = new Set('name names term type types kind kinds form forms sort example examples part one word title'.split(' '));
const NOUN_TAGS = new Set(['NOUN', 'PROPN']);
/** "Who is the Deputy Minister…?" asks for the person holding a role, even written in capitals. */
const ROLE_WORDS = new Set('minister president chairman director ambassador ceo head chief secretary governor mayor king queen'.split(' '));

type QuestionToken = Pick<SentenceToken, 'value' | 'lower' | 'lemma' | 'pos'>;

/**
 * Reads the question type, the expected answer type, the question word's role and the key terms.
 *
 * @example analyzeQuestion("who met Portugal's minister?").expected // → 'person'
 */
export function analyzeQuestion(question: string): QuestionAnalysis {
  const tokens: QuestionToken[] = analyzeSentence(question).tokens;
  const whIndex = tokens.findIndex((token) => QUESTION_WORDS.has(token.lower));
  const wh = whIndex === -1 ? null : tokens[whIndex]!.lower;
  const next = whIndex === -1 ? undefined : tokens[whIndex + 1]?.lower;
  const type = questionType(wh, next, tokens[0]?.lower);

  let head = type === 'which' || type === 'what' ? headNounAt(tokens, whIndex + 1) : null;
  const afterHead = head === null ? whIndex + 1 : head.end;
  const copular = whIndex !== -1 && COPULAS_AFTER_QUESTION_WORD.has(tokens[afterHead]?.lower ?? '');
  const complement = copular ? nounPhraseEnd(tokens, afterHead + 1) : afterHead + 1;
  const endsAfterComplement = copular && complement > afterHead + 1 && isQuestionEnd(tokens, complement);
  const form = questionForm(tokens, afterHead, copular, endsAfterComplement);
  let subject: string | null = null;
  if (copular && head === null && (type === 'who' || type === 'what')) {
    const described = endsAfterComplement ? describedSubject(tokens, afterHead + 1, complement) : null;
    if (described?.definition) subject = described.text;
    // "What is the capital of Australia?", "What is the name of the river that…?" — not "What are cells known as?".
    else if (tokens[complement]?.pos !== 'VERB') head = headNounAt(tokens, afterHead + 1);
  }
  const expected = expectedType(type, tokens, whIndex, head?.lemma ?? null, subject);

  const terms: string[] = [];
  const keywords: string[] = [];
  for (const token of tokenizeNames(question)) {
    if (QUESTION_WORDS.has(token.toLowerCase())) continue;
    const term = normalizeTerm(token);
    if (term === null) continue;
    keywords.push(token.replace(/['’]s?$/u, ''));
    if (!terms.includes(term)) terms.push(term);
  }
  const words = questionWords(tokens).filter((word) => terms.includes(word.term));
  return {
    text: question,
    type,
    expected,
    form,
    terms,
    headNoun: head?.word ?? null,
    headLemma: head?.lemma ?? null,
    pluralHead: head !== null && head.word !== head.lemma && head.word.endsWith('s'),
    subject,
    copular,
    keywords,
    words,
    related: [],
  };
}

function questionType(wh: string | null, next: string | undefined, first: string | undefined): QuestionType {
  switch (wh) {
    case 'who':
    case 'whom':
    case 'whose':
      return 'who';
    case 'what':
    case 'when':
    case 'where':
    case 'which':
    case 'why':
      return wh;
    case 'how':
      return next === 'many' ? 'how-many' : 'how';
    default:
      return first !== undefined && AUXILIARIES.has(first) ? 'yes-no' : 'other';
  }
}

interface HeadNoun {
  word: string;
  lemma: string;
  /** Index after the noun phrase the head ends. */
  end: number;
}

/**
 * The head of the noun phrase starting at `from`: "which NFL team" → team; "the name of the river" →
 * river (a name, a type or a kind stands for what it names); null when no noun phrase starts there.
 */
function headNounAt(tokens: QuestionToken[], from: number): HeadNoun | null {
  let i = from;
  while (i < tokens.length && (tokens[i]!.pos === 'DET' || tokens[i]!.pos === 'ADJ' || tokens[i]!.pos === 'NUM')) i += 1;
  if (!NOUN_TAGS.has(tokens[i]?.pos ?? '')) return null;
  while (NOUN_TAGS.has(tokens[i + 1]?.pos ?? '')) i += 1;
  // "What was Tesla's brother's name?", "Newcastle's basketball team": the possessor is not the head.
  if (tokens[i + 1]?.pos === 'PART' && /^['’]s?$/u.test(tokens[i + 1]!.value)) {
    const owned = headNounAt(tokens, i + 2);
    if (owned) return owned;
  }
  const noun = tokens[i]!;
  const head: HeadNoun = { word: noun.lower, lemma: noun.lemma, end: i + 1 };
  if (TRANSPARENT_NOUNS.has(noun.lower) && tokens[i + 1]?.lower === 'of') return headNounAt(tokens, i + 2) ?? head;
  return head;
}

/** Index after a noun phrase (determiners, adjectives, nouns, possessives, "of" complements) starting at `from`. */
function nounPhraseEnd(tokens: QuestionToken[], from: number): number {
  let i = from;
  const inPhrase = (token: QuestionToken | undefined) =>
    token !== undefined && (['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN', 'PART'].includes(token.pos) || token.value === '-');
  const joins = (token: QuestionToken | undefined) => token?.lower === 'of' || token?.lower === 'and' || token?.lower === '&';
  while (inPhrase(tokens[i]) || (joins(tokens[i]) && inPhrase(tokens[i + 1]))) i += 1;
  return i;
}

function isQuestionEnd(tokens: QuestionToken[], at: number): boolean {
  return tokens.slice(at).every((token) => token.pos === 'PUNCT');
}

function questionForm(tokens: QuestionToken[], after: number, copular: boolean, endsAfterComplement: boolean): QuestionForm {
  let i = after;
  while (tokens[i] && (AUXILIARIES.has(tokens[i]!.lower) || tokens[i]!.pos === 'ADV' || tokens[i]!.pos === 'PART')) i += 1;
  // "What applies…", "What has replaced…", "What is more often seen in…": a verb right after the question word.
  if (tokens[i]?.pos === 'VERB') return 'subject';
  return copular && endsAfterComplement ? 'copula' : 'object';
}

/**
 * "What is AzerTelecom?", "Who is Paulo Portas?", "What is a prime number?" ask what X is; "What is the
 * capital of Australia?" or "Who is the chairman of…?" ask which thing X describes.
 */
function describedSubject(tokens: QuestionToken[], from: number, to: number): { text: string; definition: boolean } {
  const phrase = tokens.slice(from, to);
  const article = phrase[0]?.lower;
  const words = article === 'the' || article === 'a' || article === 'an' ? phrase.slice(1) : phrase;
  const text = words.map((token) => token.value).join(' ');
  if (words.length === 0 || words.some((token) => token.pos === 'PART')) return { text, definition: false };
  if (article === 'a' || article === 'an') return { text, definition: true };
  const named = words.every((token) => token.pos === 'PROPN' || /^\p{Lu}/u.test(token.value) || token.value === '-');
  if (named) return { text, definition: !words.some((token) => ROLE_WORDS.has(token.lemma)) };
  const head = words.findLast((token) => NOUN_TAGS.has(token.pos));
  return { text, definition: article === undefined && head !== undefined && typeOfNoun(head.lemma) === null };
}

function expectedType(
  type: QuestionType,
  tokens: QuestionToken[],
  whIndex: number,
  headLemma: string | null,
  subject: string | null,
): AnswerType {
  if (subject !== null) return 'definition';
  const next = tokens[whIndex + 1]?.lower;
  switch (type) {
    case 'who':
      return 'person';
    case 'when':
      return 'date';
    case 'where':
      return 'place';
    case 'how-many':
      return 'number';
    case 'why':
      return 'reason';
    case 'how':
      return next !== undefined && MEASURE_ADVERBS.has(next) ? 'measure' : 'manner';
    case 'which':
    case 'what':
      return (headLemma !== null ? typeOfNoun(headLemma) : null) ?? 'thing';
    default:
      return 'thing';
  }
}
