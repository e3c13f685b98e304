import { isCommonWord } from '../text/nlp.ts';
import { readTokens, type Token } from '../text/tokens.ts';

/** A token of a sentence, and whether it is a common English word: the recogniser's reading. */
export interface WordToken extends Token {
  /** A common English word (in the model's lexicon as a lower-case word): "Currently", "Time", not "Abbasov". */
  lexical: boolean;
}

/**
 * Reads one sentence for the name recogniser: POS-tagged tokens, possessives read apart so that a sentence
 * gives the same tokens whatever the recogniser has read before.
 *
 * @example wordTokens('A.Abbasov said.').map((t) => t.value) // → ['A.', 'Abbasov', 'said', '.']
 * @example wordTokens("He is Mr Blunkett's.").map((t) => t.value) // → ['He', 'is', 'Mr', 'Blunkett', "'s", '.']
 */
export function wordTokens(text: string): WordToken[] {
  const tokens = readTokens(text, { pipeline: 'tags', possessivesApart: true }) as WordToken[];
  const last = tokens.at(-1);
  // The tokenizer keeps a sentence's full stop on a last word it takes for an abbreviation ("Sun.").
  if (last && /\p{Ll}{2}\.$/u.test(last.value)) tokens[tokens.length - 1] = withoutFullStop(last);
  // Annotated in place (the tokens are this call's own): copying every token showed in profiles of a corpus build.
  for (const token of tokens) token.lexical = isCommonWord(token.lower) || (token.initial && isInflectedCommonWord(token.lower));
  return tokens;
}

function withoutFullStop(token: WordToken): WordToken {
  const value = token.value.slice(0, -1);
  return { ...token, value, end: token.end - 1, lower: value.toLowerCase() };
}

/**
 * "Campaigners", "Reconditioned": an inflection of a common word the lexicon lists only in its base form.
 * Used for sentence-initial words alone — elsewhere a capitalised "Rogers" or "Manning" is a name.
 */
function isInflectedCommonWord(lower: string): boolean {
  const bases = lower.endsWith('s') ? [lower.slice(0, -1)] : lower.endsWith('ed') ? [lower.slice(0, -2), lower.slice(0, -1)] : [];
  return bases.some((base) => base.length > 2 && isCommonWord(base));
}
