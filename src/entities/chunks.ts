import { isConnector, isNameWord } from './wordShape.ts';
import type { WordToken } from './wordTokens.ts';

/** At most this many connectors in a row inside a name: "of the". */
const MAX_CONNECTOR_RUN = 2;

/**
 * Maximal runs of capitalised words, joined through lower-case connectors ("Ministry of Communications and
 * High Technologies") and glued hyphens ("Kazakhstan-Azerbaijan", merged into one token). Punctuation and
 * possessives end a run. Each run is later cut into roles, organizations, places and people.
 */
export function nameChunks(tokens: readonly WordToken[]): WordToken[][] {
  const words = mergeHyphenated(tokens);
  const chunks: WordToken[][] = [];
  let i = 0;
  while (i < words.length) {
    if (!isNameWord(words[i]!)) {
      i += 1;
      continue;
    }
    const chunk = [words[i]!];
    let j = i + 1;
    while (j < words.length) {
      const next = words[j]!;
      if (isNameWord(next)) {
        chunk.push(next);
        j += 1;
        continue;
      }
      let k = j;
      while (k < words.length && k - j < MAX_CONNECTOR_RUN && isConnector(words[k]!)) k += 1;
      if (k === j || k >= words.length || !isNameWord(words[k]!)) break;
      chunk.push(...words.slice(j, k + 1));
      j = k + 1;
    }
    chunks.push(chunk);
    i = j;
  }
  return chunks;
}

/**
 * "Kazakhstan" "-" "Azerbaijan" with no spaces → one token "Kazakhstan-Azerbaijan"; letters the tokeniser
 * split apart ("İ" "lham") → one token again.
 */
function mergeHyphenated(tokens: readonly WordToken[]): WordToken[] {
  const out: WordToken[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const last = out[out.length - 1];
    if (last && token.glued && /\p{L}$/u.test(last.value) && /^\p{L}/u.test(token.value) && token.pos !== 'PART') {
      out[out.length - 1] = { ...last, value: last.value + token.value, end: token.end, lower: last.lower + token.lower, lexical: false };
      continue;
    }
    const dash = tokens[i + 1];
    const previous = out[out.length - 1];
    if (previous && token.value === '-' && token.glued && dash?.glued && /\p{L}/u.test(previous.value) && /\p{L}/u.test(dash.value)) {
      out[out.length - 1] = {
        ...previous,
        value: `${previous.value}-${dash.value}`,
        end: dash.end,
        lower: `${previous.lower}-${dash.lower}`,
        lexical: false,
        pos: dash.pos === 'PROPN' || previous.pos === 'PROPN' ? 'PROPN' : dash.pos,
      };
      i += 1;
      continue;
    }
    out.push(token);
  }
  return out;
}
