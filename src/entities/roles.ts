import type { TextMatch } from './entityIndex.ts';
import { CONNECTORS, ROLE_HEADS, ROLE_MODIFIERS } from './lexicon.ts';

/** Lower-case words a title may run through: "Chairman of the Board of Directors at AzerTelecom". */
const TITLE_GLUE = new Set([...CONNECTORS, 'at', 'to', 'on']);
const WORD = /[\p{L}\p{N}][\p{L}\p{N}&.'’-]*/gu;
const MAX_TITLE_WORDS = 16;

const isRoleWord = (word: string): boolean => ROLE_HEADS.has(word.toLowerCase()) || ROLE_MODIFIERS.has(word.toLowerCase());

/**
 * The title set off by a comma right after a name: "Fuad Allahverdiyev, Chairman of the Board of Directors
 * at AzerTelecom spoke…" → "Chairman of the Board of Directors at AzerTelecom". The title opens with a
 * role word and runs through capitalised words and glue ("of", "at", "and") up to the first other
 * lower-case word or punctuation. Offsets are into `text`.
 *
 * @example appositiveTitle('Gordon Brown, the chancellor, said', 12)?.text // → 'chancellor'
 */
export function appositiveTitle(text: string, nameEnd: number): TextMatch | undefined {
  const opening = /^\s*,\s*(?:(?:the|a|an)\s+)?/iu.exec(text.slice(nameEnd));
  if (!opening) return undefined;
  const from = nameEnd + opening[0].length;
  const stop = text.slice(from).search(/[,;:()"“”]|\.(?:\s|$)/u);
  const segment = text.slice(from, stop < 0 ? text.length : from + stop);
  let end = -1;
  let count = 0;
  let sawHead = false;
  for (const match of segment.matchAll(WORD)) {
    const word = match[0].replace(/\.$/, '');
    const capital = /^\p{Lu}/u.test(word);
    if (count === 0 && !isRoleWord(word)) return undefined;
    if (ROLE_HEADS.has(word.toLowerCase())) sawHead = true;
    if (!capital && !isRoleWord(word) && !TITLE_GLUE.has(word)) break;
    if (++count > MAX_TITLE_WORDS) return undefined;
    if (!TITLE_GLUE.has(word)) end = from + match.index + word.length;
  }
  if (!sawHead || end < 0) return undefined;
  return { start: from, end, text: text.slice(from, end) };
}

/**
 * What a sentence says the name is: "AzerTelecom is a telecommunications operator in Azerbaijan." or
 * "Bakcell, the country's first mobile operator, …" → the noun phrase with its article.
 *
 * @example description('AzerTelecom is a telecommunications operator in Azerbaijan.', 11)?.text
 * // → 'a telecommunications operator in Azerbaijan'
 */
export function description(text: string, nameEnd: number): TextMatch | undefined {
  const after = text.slice(nameEnd);
  const copula = /^\s+(?:is|was)\s+(?=(?:a|an|the)\s)/u.exec(after) ?? /^\s*,\s+(?=(?:a|an|the)\s+[\p{Ll}])/u.exec(after);
  if (!copula) return undefined;
  const from = nameEnd + copula[0].length;
  const rest = text.slice(from);
  const stop = rest.search(/[,;:()"“”]|\.(?:\s|$)|\s(?:which|who|that|and is|but|since|because|with)\s/u);
  const phrase = (stop < 0 ? rest : rest.slice(0, stop)).trimEnd();
  const words = phrase.split(/\s+/).length;
  if (words < 2 || words > MAX_TITLE_WORDS) return undefined;
  return { start: from, end: from + phrase.length, text: phrase };
}
