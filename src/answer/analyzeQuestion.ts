import { normalizeTerm, tokenize } from '../text/terms.ts';
import { readTokens } from '../text/tokens.ts';

export type QuestionType = 'who' | 'what' | 'when' | 'where' | 'which' | 'how-many' | 'how' | 'why' | 'yes-no' | 'other';

/** The kind of phrase that would answer a question. */
export type AnswerType = 'person' | 'organization' | 'place' | 'date' | 'number' | 'reason' | 'definition' | 'thing';

/** What the engine reads from a question before looking for its answer. */
export interface QuestionAnalysis {
  text: string;
  type: QuestionType;
  expected: AnswerType;
  /** Index terms of the question (stop words and question words dropped), in order, duplicates removed. */
  terms: string[];
  /** For "which/what <noun>" questions: the noun the answer is an instance of ("company", "sector"). */
  headNoun: string | null;
  /** For "who/what is X?": X, the thing to describe. */
  subject: string | null;
  /** True when the main verb is a form of "be": the answer is described by the question's terms, not their partner. */
  copular: boolean;
  /** Words of the question as typed, content only, for emphasising matches in a quote. */
  keywords: string[];
}

const AUXILIARIES = new Set([
  'is',
  'are',
  'was',
  'were',
  'do',
  'does',
  'did',
  'can',
  'could',
  'will',
  'would',
  'has',
  'have',
  'had',
  'should',
  'shall',
  'may',
  'might',
  'must',
]);
const BE = new Set(['is', 'are', 'was', 'were', "'s", 'be', 'been']);
const QUESTION_WORDS = new Set(['who', 'whom', 'whose', 'what', 'when', 'where', 'which', 'why', 'how']);

const HEAD_NOUN_TYPES: [AnswerType, string[]][] = [
  [
    'organization',
    [
      'company',
      'companies',
      'firm',
      'organization',
      'organisation',
      'agency',
      'ministry',
      'team',
      'club',
      'party',
      'group',
      'operator',
      'provider',
      'bank',
      'band',
      'network',
      'university',
      'school',
      'newspaper',
      'channel',
      'airline',
      'institution',
      'body',
      'union',
      'association',
      'corporation',
      'brand',
      'label',
      'studio',
      'league',
    ],
  ],
  [
    'place',
    [
      'country',
      'countries',
      'city',
      'cities',
      'place',
      'region',
      'state',
      'capital',
      'town',
      'sea',
      'continent',
      'location',
      'area',
      'island',
      'river',
      'province',
      'county',
      'nation',
      'venue',
      'stadium',
    ],
  ],
  [
    'person',
    [
      'person',
      'people',
      'minister',
      'president',
      'leader',
      'man',
      'woman',
      'player',
      'ceo',
      'chairman',
      'director',
      'actor',
      'actress',
      'singer',
      'author',
      'writer',
      'king',
      'queen',
      'official',
      'manager',
      'coach',
      'founder',
      'chief',
      'member',
      'ambassador',
      'head',
      'politician',
      'scientist',
      'artist',
      'composer',
      'emperor',
      'pope',
    ],
  ],
  ['date', ['year', 'date', 'day', 'month', 'century', 'decade', 'time', 'period', 'era', 'season']],
  ['number', ['number', 'amount', 'percentage', 'percent', 'population', 'size', 'age']],
];

/**
 * Reads the question type, the expected answer type and the key terms.
 *
 * @example analyzeQuestion("who met Portugal's minister?").expected // → 'person'
 */
export function analyzeQuestion(question: string): QuestionAnalysis {
  const tokens = readTokens(question, { pipeline: 'full' });
  const words = tokens.map((token) => token.value);
  const tags = tokens.map((token) => token.pos);
  const lower = tokens.map((token) => token.lower);
  const whIndex = lower.findIndex((word) => QUESTION_WORDS.has(word));
  const wh = whIndex === -1 ? null : lower[whIndex]!;
  const next = whIndex === -1 ? undefined : lower[whIndex + 1];

  const type = questionType(wh, next, lower[0]);
  const headNoun = type === 'which' || type === 'what' ? headNounAfter(lower, tags, whIndex) : null;
  const copular = whIndex !== -1 && BE.has(next ?? '');
  const subject = copular && (type === 'who' || type === 'what') ? definitionSubject(words, tags, whIndex + 2) : null;
  const expected = expectedType(type, headNoun, subject, next);

  const terms: string[] = [];
  const keywords: string[] = [];
  for (const token of tokenize(question)) {
    if (QUESTION_WORDS.has(token.toLowerCase())) continue;
    const term = normalizeTerm(token);
    if (term === null) continue;
    keywords.push(token.replace(/['’]s?$/u, ''));
    if (!terms.includes(term)) terms.push(term);
  }
  return { text: question, type, expected, terms, headNoun, subject, copular, keywords };
}

function questionType(wh: string | null, next: string | undefined, first: string | undefined): QuestionType {
  switch (wh) {
    case 'who':
    case 'whom':
    case 'whose':
      return 'who';
    case 'what':
      return 'what';
    case 'when':
      return 'when';
    case 'where':
      return 'where';
    case 'which':
      return 'which';
    case 'why':
      return 'why';
    case 'how':
      return next === 'many' || next === 'much' ? 'how-many' : 'how';
    default:
      return first !== undefined && AUXILIARIES.has(first) ? 'yes-no' : 'other';
  }
}

/** "Which company connects…" → "company"; "What sector…" → "sector"; "What did…" → null. */
function headNounAfter(lower: string[], tags: string[], whIndex: number): string | null {
  for (let i = whIndex + 1; i < lower.length; i += 1) {
    const tag = tags[i];
    if (tag === 'NOUN' || tag === 'PROPN') {
      const following = tags[i + 1];
      if (following === 'NOUN') continue;
      return lower[i]!;
    }
    if (tag !== 'ADJ' && tag !== 'DET' && tag !== 'NUM') return null;
  }
  return null;
}

/** "Who is Paulo Portas?" → "Paulo Portas": the rest of the question without the closing punctuation. */
function definitionSubject(words: string[], tags: string[], from: number): string | null {
  const rest = words.slice(from).filter((_, i) => tags[from + i] !== 'PUNCT');
  const trimmed =
    rest[0]?.toLowerCase() === 'the' || rest[0]?.toLowerCase() === 'a' || rest[0]?.toLowerCase() === 'an' ? rest.slice(1) : rest;
  return trimmed.length > 0 ? trimmed.join(' ') : null;
}

/** "Deputy Minister of Communications" names a role, so "who is …" asks for the person holding it. */
function namesARole(subject: string): boolean {
  const personNouns = HEAD_NOUN_TYPES.find(([type]) => type === 'person')?.[1] ?? [];
  return subject
    .toLowerCase()
    .split(/\s+/)
    .some((word) => personNouns.includes(word));
}

function expectedType(type: QuestionType, headNoun: string | null, subject: string | null, next: string | undefined): AnswerType {
  switch (type) {
    case 'who':
      return subject !== null && /^\p{Lu}/u.test(subject) && !namesARole(subject) ? 'definition' : 'person';
    case 'when':
      return 'date';
    case 'where':
      return 'place';
    case 'how-many':
      return 'number';
    case 'why':
      return 'reason';
    case 'which':
    case 'what': {
      const typed = headNoun === null ? undefined : HEAD_NOUN_TYPES.find(([, nouns]) => nouns.includes(headNoun));
      if (typed) return typed[0];
      if (subject !== null && BE.has(next ?? '')) return 'definition';
      return 'thing';
    }
    default:
      return 'thing';
  }
}

/** The kind of thing a noun names ("company" → organization, "minister" → person), if the table knows it. */
export function typeOfNoun(noun: string): AnswerType | undefined {
  return HEAD_NOUN_TYPES.find(([, nouns]) => nouns.includes(noun.toLowerCase()))?.[0];
}
