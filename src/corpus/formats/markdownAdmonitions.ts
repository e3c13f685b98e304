import type { TokenizerExtension, TokenizerThis, Tokens } from 'marked';

/**
 * marked extensions for the admonitions docs sites add to CommonMark, each a token of type `admonition`
 * with its `kind` (`tip`, `warning`, `note`; none for a `code-group`), the line its body starts on
 * (`bodyLine`, counted from the marker's line) and its body's block tokens. The markers and titles are
 * not text: the body is read as ordinary blocks.
 * - VitePress and Docusaurus containers: `::: tip Title` … `:::`, nested with more colons or with a name.
 * - MkDocs (Material): `!!! note "Title"` or `??? note` followed by lines indented four spaces.
 */
export const admonitions: TokenizerExtension[] = [
  {
    name: 'admonition',
    level: 'block',
    start: admonitionStart,
    tokenizer(this: TokenizerThis, src: string): Tokens.Generic | undefined {
      return colonContainer(this, src) ?? indentedAdmonition(this, src);
    },
  },
];

const MARKER = /^ {0,3}(?::{3,}|!!!|\?\?\?)/m;
const BLANK_LINE = /\n[ \t]*(?:\n|$)/;

/**
 * Where an admonition may start in `src`, for marked to end the paragraph it is reading before it: looked
 * for only up to the paragraph's end (its first blank line), which a paragraph never runs past. Searched
 * through the rest of the page at every paragraph, a 5 MiB page without admonitions took 33 s.
 */
function admonitionStart(src: string): number | undefined {
  const blank = BLANK_LINE.exec(src);
  return (blank ? src.slice(0, blank.index + 1) : src).match(MARKER)?.index;
}

const COLON_OPEN = /^ {0,3}(:{3,})[ \t]*([\w-]*)[^\n]*(?:\n|$)/;
const COLON_CLOSE = /^ {0,3}(:{3,})[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Kinds that group content rather than set it apart. */
const NOT_A_NOTE = new Set(['code-group', '']);

function colonContainer(context: TokenizerThis, src: string): Tokens.Generic | undefined {
  const open = COLON_OPEN.exec(src);
  if (!open) return undefined;
  const stack = [open[1]!.length];
  let fence: string | null = null;
  let consumed = open[0].length;
  const body: string[] = [];
  let closed = false;
  for (const { line, end } of linesFrom(src, open[0].length)) {
    consumed = end;
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) fence = null;
    } else if (fenceMark) {
      fence = fenceMark;
    } else {
      const close = COLON_CLOSE.exec(line);
      if (close) {
        const colons = close[1]!.length;
        while (stack.length > 0 && stack.at(-1)! <= colons) {
          stack.pop();
          if (stack.length === 0 || colons === stack.at(-1)) break;
        }
        if (stack.length === 0) {
          closed = true;
          break;
        }
      } else {
        const nested = COLON_OPEN.exec(line);
        if (nested?.[2]) stack.push(nested[1]!.length);
      }
    }
    body.push(line);
  }
  if (!closed && body.length === 0) return undefined;
  const kind = open[2]!.toLowerCase();
  return {
    type: 'admonition',
    raw: src.slice(0, consumed),
    kind: NOT_A_NOTE.has(kind) ? undefined : kind,
    bodyLine: 1,
    tokens: context.lexer.blockTokens(body.join('\n'), []),
  };
}

const INDENTED_OPEN = /^(?:!!!|\?\?\?\+?)[ \t]*([\w-]+)(?:[ \t]+"[^"\n]*")?[ \t]*\n/;
const INDENTED_LINE = /^(?: {4}|\t)/;

function indentedAdmonition(context: TokenizerThis, src: string): Tokens.Generic | undefined {
  const open = INDENTED_OPEN.exec(src);
  if (!open) return undefined;
  const body: string[] = [];
  /** Where each body line's text ends in `src` (before its line break). */
  const ends: number[] = [];
  for (const { line, end, last } of linesFrom(src, open[0].length)) {
    if (INDENTED_LINE.test(line)) body.push(line.replace(INDENTED_LINE, ''));
    else if (line.trim() === '') body.push('');
    else break;
    ends.push(last ? end : end - 1);
  }
  while (body.length > 0 && body.at(-1) === '') {
    body.pop();
    ends.pop();
  }
  if (body.length === 0) return undefined;
  // The raw text is the marker line and the body lines as written (each ends with its line break, but the last at the end of the text).
  const bodyEnd = ends.at(-1)!;
  return {
    type: 'admonition',
    raw: src.slice(0, bodyEnd + (src.length > bodyEnd ? 1 : 0)),
    kind: open[1]!.toLowerCase(),
    bodyLine: 1,
    tokens: context.lexer.blockTokens(body.join('\n'), []),
  };
}

/**
 * The lines of `src` from `from` on, as `split('\n')` gives them, each with the offset just past it (its line
 * break included), read one at a time: a container reads only as far as it goes, not the rest of the file
 * (splitting it all, once per container, made a 2 MiB page take seconds and one of 30 MiB many minutes).
 */
function* linesFrom(src: string, from: number): Generator<{ line: string; end: number; last: boolean }> {
  let start = from;
  for (;;) {
    const newline = src.indexOf('\n', start);
    if (newline === -1) {
      yield { line: src.slice(start), end: src.length, last: true };
      return;
    }
    yield { line: src.slice(start, newline), end: newline + 1, last: false };
    start = newline + 1;
  }
}
