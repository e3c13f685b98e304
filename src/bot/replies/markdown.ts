/**
 * Discord markdown built from styled segments of raw text, so that escaping and cutting happen on
 * the raw text and a cut can never land inside `**…**` or a backslash escape.
 */
export type Style = 'plain' | 'bold' | 'italic';

export interface Segment {
  text: string;
  style: Style;
}

export const ELLIPSIS = '…';

// Characters that start markdown anywhere in a line (emphasis, code, spoilers, links, mentions, quotes).
const INLINE = /[\\*_~`|[\]()<>]/g;
// Characters that start markdown only at the start of a line (headings, lists, block quotes).
const LINE_START = /^(\s*)([#>+-])/gm;
// "1." starts a list; the dot is escaped because a backslash before a digit would show.
const NUMBERED = /^(\s*)(\d+)\./gm;
const MARKERS: Record<Style, string> = { plain: '', bold: '**', italic: '*' };

/**
 * Makes corpus text show literally in Discord. Discord drops a backslash before any punctuation,
 * so escaping more than strictly needed costs length, never correctness.
 *
 * @example escapeMarkdown('**not bold** <@123>') // → '\\*\\*not bold\\*\\* \\<@123\\>'
 */
export function escapeMarkdown(text: string): string {
  return text.replace(INLINE, '\\$&').replace(LINE_START, '$1\\$2').replace(NUMBERED, '$1$2\\.');
}

function renderOne(segment: Segment): string {
  const text = escapeMarkdown(segment.text);
  if (segment.style === 'plain') return text;
  // Markers only work hugging non-space text: "** x**" shows the asterisks.
  const [, lead = '', core = '', trail = ''] = segment.text.match(/^(\s*)([\s\S]*?)(\s*)$/) ?? [];
  if (core === '') return text;
  const marker = MARKERS[segment.style];
  return `${escapeMarkdown(lead)}${marker}${escapeMarkdown(core)}${marker}${escapeMarkdown(trail)}`;
}

/** Renders segments without a length limit. */
export function renderSegments(segments: readonly Segment[]): string {
  return segments.map(renderOne).join('');
}

/** The prefixes of `text` that end at a word boundary, longest first, without trailing space. */
function wordPrefixes(text: string): string[] {
  const cuts: number[] = [];
  for (const match of text.matchAll(/\s+/g)) cuts.push(match.index);
  return cuts
    .reverse()
    .map((i) => text.slice(0, i).trimEnd())
    .filter((p) => p !== '');
}

/** The longest rendered start of a segment that fits, cut between characters: for a single word longer than the budget. */
function cutInsideWord(segment: Segment, budget: number): string {
  const chars = Array.from(segment.text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (renderOne({ text: chars.slice(0, mid).join(''), style: segment.style }).length <= budget) lo = mid;
    else hi = mid - 1;
  }
  return renderOne({ text: chars.slice(0, lo).join(''), style: segment.style });
}

/**
 * Renders segments into at most `max` characters. When they do not fit, the text is cut after the
 * last whole word that fits and "…" is appended outside any formatting.
 *
 * @example renderFitted([{ text: 'one two three', style: 'bold' }], 12) // → '**one two**…'
 */
export function renderFitted(segments: readonly Segment[], max: number): string {
  const full = renderSegments(segments);
  if (full.length <= max) return full;
  const budget = max - ELLIPSIS.length;
  let out = '';
  for (const segment of segments) {
    const rendered = renderOne(segment);
    if (out.length + rendered.length <= budget) {
      out += rendered;
      continue;
    }
    const fitting = wordPrefixes(segment.text)
      .map((prefix) => renderOne({ text: prefix, style: segment.style }))
      .find((piece) => out.length + piece.length <= budget);
    out += fitting ?? (out === '' ? cutInsideWord(segment, budget) : '');
    break;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/** Plain corpus text, escaped and fitted to `max` characters. */
export function fitText(text: string, max: number): string {
  return renderFitted([{ text, style: 'plain' }], max);
}

/** A file name shown as inline code, unless it contains a backtick (which code spans cannot escape). */
export function codeSpan(text: string): string {
  return text.includes('`') ? escapeMarkdown(text) : `\`${text}\``;
}

/** Reverses escapeMarkdown, to read back text the bot wrote (a question kept in an embed title). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1');
}

/** Cuts unformatted text (such as the inside of a code span) to `max` characters at a word boundary. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const prefix = wordPrefixes(text).find((p) => p.length <= max - ELLIPSIS.length) ?? text.slice(0, max - ELLIPSIS.length);
  return `${prefix}${ELLIPSIS}`;
}

/**
 * A URL made safe inside `[text](<url>)`: characters that would end the link are percent-encoded, which
 * leaves the address the same.
 */
export function linkTarget(url: string): string {
  return url.replace(/[()<>\s[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
