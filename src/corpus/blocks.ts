import type { TextSpan } from './corpusDocument.ts';

/** A paragraph-like stretch of a file: separated from its neighbours by a blank line, or a heading line. */
export interface Block extends TextSpan {
  text: string;
}

const BLANK_LINE = /\n[ \t\u00a0\r\f\v]*\n/g;
const HEADING_MAX_WORDS = 15;

/**
 * Cuts a file's text into blocks at blank lines, trimming whitespace. A short first line without closing
 * punctuation followed by a capitalised line ("Super Bowl 50\nSuper Bowl 50 was…") is a heading and becomes a
 * block of its own: wink-nlp does not break sentences at a single newline, so the heading would otherwise
 * merge into the first sentence.
 */
export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let from = 0;
  for (const separator of text.matchAll(BLANK_LINE)) {
    pushParagraph(text, from, separator.index, blocks);
    from = separator.index + separator[0].length;
  }
  pushParagraph(text, from, text.length, blocks);
  return blocks;
}

function pushParagraph(text: string, from: number, to: number, blocks: Block[]): void {
  let start = from;
  let end = to;
  while (start < end && isSpace(text.charCodeAt(start))) start += 1;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end -= 1;
  if (end <= start) return;
  const newline = text.indexOf('\n', start);
  if (newline !== -1 && newline < end) {
    const firstLineEnd = trimEnd(text, start, newline);
    const rest = text.slice(newline + 1, end).trimStart();
    if (isHeadingLine(text.slice(start, firstLineEnd)) && /^[\p{Lu}\p{N}"“‘'(]/u.test(rest)) {
      blocks.push({ start, end: firstLineEnd, text: text.slice(start, firstLineEnd) });
      pushParagraph(text, newline + 1, end, blocks);
      return;
    }
  }
  blocks.push({ start, end, text: text.slice(start, end) });
}

function isHeadingLine(line: string): boolean {
  const words = line.trim().split(/\s+/);
  return words.length <= HEADING_MAX_WORDS && !/[.,;:]$/.test(line.trim());
}

function trimEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && isSpace(text.charCodeAt(at - 1))) at -= 1;
  return at;
}

function isSpace(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0xfeff || (code >= 0x2000 && code <= 0x200b) || code === 0x3000
  );
}
