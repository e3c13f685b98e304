import { DEFINITE_DETERMINERS } from '../text/functionWords.ts';
import { termsOf } from '../text/terms.ts';
import { analyzeSentence, type SentenceToken } from '../text/tokens.ts';
import { GENERIC_NOUNS, nounType } from './nounTypes.ts';
import type { Referent, ReferentType, TurnText } from './turnReferents.ts';

/** A noun phrase opened by "the", "this", "that", "these" or "those": "the company", "that long cable". */
export interface DefiniteNoun {
  /** Token index of the determiner, and of the head noun that ends the phrase. */
  first: number;
  last: number;
  determiner: string;
  /** The head noun as typed ("company") and its index term ("compani"). */
  head: string;
  headTerm: string;
  /** Index terms of every word of the phrase after the determiner. */
  terms: string[];
  type: ReferentType;
  /** A noun like "company" or "country" that stands for any referent of its type (see GENERIC_NOUNS). */
  generic: boolean;
}

const MODIFIER_TAGS = new Set(['ADJ', 'NOUN', 'NUM']);
const PHRASE_TAGS = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM']);

/**
 * The definite noun phrase that starts at token `i`, if one does: a determiner, modifiers, and a common noun
 * that ends it. A phrase followed by "of" is left alone: "the chairman of AzerTelecom" says whom it means.
 */
export function definiteNounAt(tokens: readonly SentenceToken[], i: number): DefiniteNoun | null {
  const determiner = tokens[i];
  if (!determiner || !DEFINITE_DETERMINERS.has(determiner.value.toLowerCase())) return null;
  let last = -1;
  for (let j = i + 1; j < tokens.length; j += 1) {
    const token = tokens[j]!;
    if (!MODIFIER_TAGS.has(token.pos) && !isCompoundHyphen(tokens, j)) break;
    if (token.pos === 'NOUN') last = j;
  }
  if (last === -1 || tokens[last + 1]?.pos === 'NOUN' || tokens[last + 1]?.value.toLowerCase() === 'of') return null;
  const head = tokens[last]!;
  const type = head.term === null ? null : nounType(head.value);
  if (type === null || head.term === null) return null;
  const terms = tokens.slice(i + 1, last + 1).flatMap((token) => (token.term === null ? [] : [token.term]));
  const generic = type !== 'thing' && GENERIC_NOUNS[type].has(head.value.toLowerCase());
  return { first: i, last, determiner: determiner.value, head: head.value, headTerm: head.term, terms, type, generic };
}

/**
 * What a definite noun phrase points back to: for "the company", "the minister" or "the country", the most
 * salient referent of that type whose name or description holds the noun (any of the type for generic nouns
 * like "company"); for "the cable", the fuller phrase an earlier turn used ("the Trans-Caspian Fiber Optic
 * Cable"). Null when the conversation named nothing that fits.
 */
export function resolveDefiniteNoun(noun: DefiniteNoun, referents: readonly Referent[], turns: readonly TurnText[]): string | null {
  if (noun.type === 'thing') {
    const phrase = fullerPhrase(noun, turns);
    return phrase === null ? null : `${noun.first === 0 ? 'The' : 'the'} ${phrase}`;
  }
  const ofType = referents.filter((referent) => referent.type === noun.type && !referent.members);
  const holding = ofType.filter((referent) => termsOf(`${referent.text} ${referent.said ?? ''}`).includes(noun.headTerm));
  const best = holding[0] ?? (noun.generic ? ofType[0] : undefined);
  return best?.text ?? null;
}

/** Whether the last turn used the phrase's noun: a question that repeats it carries the conversation on. */
export function mentionedIn(turn: TurnText, noun: DefiniteNoun): boolean {
  return termsOf(`${turn.question} ${turn.quote}`).includes(noun.headTerm);
}

const analyzed = new WeakMap<TurnText, SentenceToken[][]>();

/** The longest phrase of the latest turns that ends in the same noun, holds the phrase's words, and says more. */
function fullerPhrase(noun: DefiniteNoun, turns: readonly TurnText[]): string | null {
  for (const turn of [...turns].reverse()) {
    let sources = analyzed.get(turn);
    if (!sources) {
      sources = [turn.answer ?? '', turn.question, turn.quote].map((text) => analyzeSentence(text).tokens);
      analyzed.set(turn, sources);
    }
    const texts = [turn.answer ?? '', turn.question, turn.quote];
    for (const [k, tokens] of sources.entries()) {
      let best: string | null = null;
      tokens.forEach((token, j) => {
        if (token.term !== noun.headTerm) return;
        let first = j;
        while (first > 0 && isPhraseWord(tokens, first - 1)) first -= 1;
        while (tokens[first]!.value === '-') first += 1;
        const phrase = texts[k]!.slice(tokens[first]!.start, token.end);
        const terms = termsOf(phrase);
        if (terms.length > noun.terms.length && noun.terms.every((term) => terms.includes(term))) {
          if (best === null || phrase.length > best.length) best = phrase;
        }
      });
      if (best !== null) return best;
    }
  }
  return null;
}

/** A word that belongs to the noun phrase before a head: a modifier, a name, or a hyphen inside a compound. */
function isPhraseWord(tokens: readonly SentenceToken[], j: number): boolean {
  return PHRASE_TAGS.has(tokens[j]!.pos) || isCompoundHyphen(tokens, j);
}

/** The hyphen inside "long-term": no space on either side. */
function isCompoundHyphen(tokens: readonly SentenceToken[], j: number): boolean {
  return tokens[j]!.value === '-' && tokens[j]!.glued && (tokens[j + 1]?.glued ?? false);
}
