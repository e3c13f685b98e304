import type { TextSpan } from '../corpus/corpusDocument.ts';
import { BE_TOKENS } from '../text/functionWords.ts';
import type { SentenceToken } from '../text/tokens.ts';
import { definiteNounAt, mentionedIn, resolveDefiniteNoun } from './definiteNouns.ts';
import type { NameInText } from './namesInText.ts';
import { nounType } from './nounTypes.ts';
import { choosePronounReferent, DEMONSTRATIVE, PRONOUNS, type PronounSense, THERE } from './pronouns.ts';
import { type Referent, TURN_DISTANCE, type TurnText } from './turnReferents.ts';

/** Words of the question to write differently, with what they were taken as. */
export interface Replacement extends TextSpan {
  /** The words as asked ("his"). */
  said: string;
  /** What they point to ("Fuad Allahverdiyev"). */
  as: string;
  /** What goes in their place ("Fuad Allahverdiyev's"). */
  text: string;
}

export interface ResolvedReferences {
  replacements: Replacement[];
  /**
   * The question points back into the conversation (a pronoun, or a noun the last turn used), even where
   * nothing could be spelled out: its answer is looked for in the last answer's document first.
   */
  continues: boolean;
}

const NOUN_AFTER_HER = new Set(['NOUN', 'ADJ', 'PROPN', 'NUM']);
const STANDALONE_AFTER = new Set(['PUNCT', 'VERB', 'AUX']);

/**
 * Finds the words of a follow-up that point back — pronouns ("he", "its", "they", "there", a lone "that")
 * and definite noun phrases ("the company", "the minister", "the cable") — and what each points to. A
 * pronoun whose referent is named earlier in the same question ("What did Iran promise its neighbours?")
 * is the question's own business and is left alone.
 *
 * @param names the names in the question itself, offsets into it
 * @param turns the latest turns, oldest first
 */
export function resolveReferences(
  question: string,
  tokens: readonly SentenceToken[],
  names: readonly NameInText[],
  referents: readonly Referent[],
  turns: readonly TurnText[],
): ResolvedReferences {
  const replacements: Replacement[] = [];
  let continues = false;
  const latest = turns[turns.length - 1];
  const ownAntecedent = (at: number, sense: PronounSense) =>
    names.some((name) => !name.adjective && name.end <= at && sense.tiers.some((tier) => tier.includes(name.type)));
  // Once a referent is spelled out, the question's later pronouns for it read naturally as they are:
  // "Where would Victor Conte be telling his side of the story?"
  const replace = (start: number, end: number, as: string, text = as) => {
    if (!replacements.some((earlier) => earlier.as === as)) replacements.push({ start, end, said: question.slice(start, end), as, text });
  };

  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const lower = token.value.toLowerCase();
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const pronoun = PRONOUNS.get(lower);
    if (pronoun) {
      const possessive = lower === 'her' ? NOUN_AFTER_HER.has(after?.pos ?? '') : pronoun.possessive;
      if (ownAntecedent(token.start, pronoun)) continue;
      continues = true;
      const referent = choosePronounReferent(referents, possessive ? possessorSense(pronoun, tokens, i) : pronoun);
      if (referent) replace(token.start, token.end, referent.text, possessive ? `${referent.text}'s` : referent.text);
      continue;
    }
    if (lower === 'there') {
      // "Is there…", "there was…": nothing is pointed at.
      if (
        BE_TOKENS.has(before?.value.toLowerCase() ?? '') ||
        BE_TOKENS.has(after?.value.toLowerCase() ?? '') ||
        ownAntecedent(token.start, THERE)
      )
        continue;
      continues = true;
      const place = choosePronounReferent(referents, THERE);
      if (place) replace(token.start, token.end, place.text, before?.pos === 'ADP' ? place.text : `in ${place.text}`);
      continue;
    }
    const noun = definiteNounAt(tokens, i);
    if (noun) {
      const end = tokens[noun.last]!.end;
      const inQuestion = names.some((name) => !name.adjective && name.end <= token.start && name.type === noun.type);
      // "Who is the minister?" asks who holds the role, not about the minister already named.
      const askedAbout = noun.type === 'person' && BE_TOKENS.has(before?.value.toLowerCase() ?? '') && i === 2;
      if (!inQuestion && !askedAbout) {
        const as = resolveDefiniteNoun(noun, referents, turns);
        if (as !== null) {
          continues = true;
          replace(token.start, end, as);
        } else if (noun.generic || (latest && mentionedIn(latest, noun))) {
          continues = true;
        }
      }
      i = noun.last;
      continue;
    }
    if ((lower === 'that' || lower === 'this') && before?.pos !== 'NOUN' && (after === undefined || STANDALONE_AFTER.has(after.pos))) {
      continues = true;
      const thing = choosePronounReferent(
        referents.filter((referent) => referent.rank < TURN_DISTANCE),
        DEMONSTRATIVE,
      );
      if (thing) replace(token.start, token.end, thing.text);
    }
  }
  return { replacements, continues };
}

/**
 * "its chairman", "their chief executive": what has a chairman is an organization (or a place), never a
 * thing, whatever else the conversation was about.
 */
function possessorSense(sense: PronounSense, tokens: readonly SentenceToken[], at: number): PronounSense {
  let head = at + 1;
  while (tokens[head + 1] && (tokens[head]!.pos === 'ADJ' || tokens[head + 1]!.pos === 'NOUN')) head += 1;
  const noun = tokens[head];
  if (noun?.pos !== 'NOUN' || nounType(noun.value) !== 'person' || !sense.tiers[0]?.includes('organization')) return sense;
  return { ...sense, tiers: [['organization'], ['place']] };
}

/** The question with the replacements written in (they do not overlap), the first letter kept upper-case. */
export function applyReplacements(question: string, replacements: readonly Replacement[]): string {
  let text = question;
  for (const { start, end, text: replacement } of [...replacements].sort((a, b) => b.start - a.start)) {
    const written = start === 0 ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
    text = text.slice(0, start) + written + text.slice(end);
  }
  return text;
}
