import { analyzeQuestion } from '../answer/analyzeQuestion.ts';
import { nameWords } from '../entities/aliases.ts';
import { foldName } from '../entities/search.ts';
import { type NameInText, namesInText } from './namesInText.ts';
import { nounType } from './nounTypes.ts';
import type { ReferentType, Turn } from './turn.ts';

export type { ReferentType };

/** Something an earlier turn talked about, that a later question may point back to. */
export interface Referent {
  /** As the conversation wrote it: "Fuad Allahverdiyev", "the Trans-Caspian Fiber Optic Cable". */
  text: string;
  type: ReferentType;
  /**
   * Salience, lower first: the last answer (0), the last question (1), the rest of the last quote (2);
   * each earlier turn counts `TURN_DISTANCE` further away.
   */
  rank: number;
  /** What the conversation said it is: a title or a description, for "the minister" or "the company". */
  said: string | null;
  /** Several names answered together ("Elan and Biogen Idec"), for "they". */
  members?: string[];
  /** The recogniser guessed the type from a weak clue: a pronoun of another type may still point to it. */
  guessed?: boolean;
}

/** How much less salient each step back in the conversation makes a referent. */
export const TURN_DISTANCE = 3;

/** What was said in one turn, read once. */
export interface TurnText {
  /** The question as the engine read it (its interpretation when it was a follow-up). */
  question: string;
  answer: string | null;
  quote: string;
  doc: string | null;
  /** Names in the quote, offsets into it. */
  quoteNames: NameInText[];
  /** Names in the question (those of the quote found again in any case among them), offsets into it. */
  questionNames: NameInText[];
}

/** A longer answer is a clause, not a name for "it". */
const MAX_THING_WORDS = 8;

const turnTexts = new WeakMap<Turn, TurnText>();
/** What each turn talked about, ranked as if it were the latest (memoised, like its text). */
const ownReferents = new WeakMap<TurnText, Referent[]>();

/** The question, answer and quote of a turn with the names in them (memoised: a conversation is read again at every turn). */
export function turnText(turn: Turn): TurnText {
  let text = turnTexts.get(turn);
  if (!text) {
    const question = turn.answer.interpreted ?? turn.question;
    const quote = turn.answer.quote ?? '';
    const quoteNames = namesInText(quote);
    const questionNames = namesInText(question, quoteNames);
    text = { question, answer: turn.answer.answer, quote, doc: turn.answer.source?.doc ?? null, quoteNames, questionNames };
    turnTexts.set(turn, text);
  }
  return text;
}

/**
 * Everything the last turns talked about, most salient first: the names of each answer, then those of its
 * question, then the rest of its quote, the latest turn first. A person named again by surname alone
 * ("Allahverdiyev") is the same referent as the full name.
 */
export function referentsOf(turns: readonly Turn[]): Referent[] {
  const referents: Referent[] = [];
  turns.forEach((turn, i) => {
    const base = (turns.length - 1 - i) * TURN_DISTANCE;
    const text = turnText(turn);
    let own = ownReferents.get(text);
    if (!own) {
      own = turnReferents(text, 0);
      ownReferents.set(text, own);
    }
    // Copies: the merging below rewrites names and titles.
    for (const referent of own) referents.push({ ...referent, rank: referent.rank + base });
  });
  const kept: Referent[] = [];
  for (const referent of referents.sort((a, b) => a.rank - b.rank)) {
    const same = kept.find((other) => other.type === referent.type && sameReferent(other, referent));
    if (!same) kept.push(referent);
    else if (referent.text.length > same.text.length && referent.type === 'person') same.text = referent.text;
    if (same && same.said === null) same.said = referent.said;
  }
  return kept;
}

function turnReferents(turn: TurnText, base: number): Referent[] {
  const out = answerReferents(turn, base);
  const inAnswer = new Set(out.map((referent) => foldName(referent.text)));
  for (const name of turn.questionNames) if (!name.adjective) out.push(toReferent(name, base + 1));
  for (const name of turn.quoteNames) {
    if (!name.adjective && !inAnswer.has(foldName(name.text))) out.push(toReferent(name, base + 2));
  }
  return out;
}

function toReferent(name: NameInText, rank: number, type: ReferentType = name.type): Referent {
  return { text: name.text, type, rank, said: name.said, ...(name.guessed && type === name.type && { guessed: true }) };
}

/**
 * What the short answer named. The question says what kind of thing that is ("Which company…" → an
 * organization), which outweighs the recogniser's guess. The names inside the answer, else those right
 * next to it ("insurance broker Marsh & McLennan"), else a capitalised answer as a name of its own; with no
 * short answer, the names of the quote the question did not ask about; for "what…" questions, a short
 * answer is a thing "it" can point to. Dates, numbers, reasons and definitions name nothing.
 */
function answerReferents(turn: TurnText, rank: number): Referent[] {
  const expected = expectedReferent(turn.question);
  if (expected === null) return [];
  const retype = (name: NameInText) => toReferent(name, rank, name.guessed && expected !== 'thing' ? expected : name.type);
  const answer = turn.answer;
  if (answer !== null) {
    const named = namesAround(turn, answer).map(retype);
    if (named.length > 0) return withGroup(named, answer, rank);
    if (expected === 'thing')
      return answer.split(/\s+/).length <= MAX_THING_WORDS ? [{ text: answer, type: 'thing', rank, said: null }] : [];
    if (/^\p{Lu}/u.test(answer)) return [{ text: answer, type: expected, rank, said: null }];
  }
  if (expected === 'thing') return [];
  const asked = ` ${foldName(turn.question)} `;
  const unasked = turn.quoteNames.filter(
    (name) => !name.adjective && (name.type === expected || name.guessed) && !asked.includes(` ${foldName(name.text)} `),
  );
  const [first, second] = unasked;
  if (!first) return [];
  const together = second && /^\s*(?:and|&)\s*$/.test(turn.quote.slice(first.end, second.start));
  return together ? withGroup([retype(first), retype(second)], turn.quote.slice(first.start, second.end), rank) : [retype(first)];
}

/** Several names answered together are also one referent, for "they". */
function withGroup(named: Referent[], text: string, rank: number): Referent[] {
  const [first] = named;
  if (named.length < 2 || !first || !named.every((referent) => referent.type === first.type)) return named;
  return [...named, { text, type: first.type, rank, said: null, members: named.map((referent) => referent.text) }];
}

/** What kind of referent the question asked for; null when its answer names nothing (a date, a definition). */
function expectedReferent(question: string): ReferentType | null {
  const analysis = analyzeQuestion(question);
  switch (analysis.expected) {
    case 'person':
    case 'organization':
    case 'place':
      return analysis.expected;
    case 'thing':
      return analysis.headNoun === null ? 'thing' : nounType(analysis.headNoun);
    default:
      return null;
  }
}

/** The quote's names inside the short answer, or else right next to it. */
function namesAround(turn: TurnText, answer: string): NameInText[] {
  const at = turn.quote.indexOf(answer);
  if (at < 0) {
    // The short answer has its white space collapsed; compare words instead.
    return turn.quoteNames.filter((name) => ` ${foldName(answer)} `.includes(` ${foldName(name.text)} `));
  }
  const end = at + answer.length;
  const inside = turn.quoteNames.filter((name) => name.start >= at && name.end <= end);
  if (inside.length > 0) return inside;
  const next = (gap: string) => /^[\s,]{0,2}$/.test(gap);
  return turn.quoteNames.filter(
    (name) => (name.start >= end && next(turn.quote.slice(end, name.start))) || (name.end <= at && next(turn.quote.slice(name.end, at))),
  );
}

function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

/**
 * "Allahverdiyev", "A.Abbasov" and "Azari Jahromi" are the people "Fuad Allahverdiyev", "Ali Abbasov" and
 * "Mohammad Javad Azari Jahromi": the same surname, and the shorter name is the end of the longer one or
 * its initials.
 */
function sameReferent(a: Referent, b: Referent): boolean {
  if (sameName(a.text, b.text)) return true;
  if (a.type !== 'person') return false;
  const [short, long] = [nameWords(a.text), nameWords(b.text)].map((words) => words.map(foldName)).sort((x, y) => x.length - y.length) as [
    string[],
    string[],
  ];
  if (short.length === 0 || short[short.length - 1] !== long[long.length - 1]) return false;
  const isEnd = short.every((word, i) => long[long.length - short.length + i] === word);
  const initialsOf = (x: string[], y: string[]) =>
    x.length === y.length && x.slice(0, -1).every((word, i) => y[i] === word || (word.length === 1 && y[i]?.startsWith(word)));
  return isEnd || initialsOf(short, long) || initialsOf(long, short);
}
