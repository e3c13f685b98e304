import { READING_LIMITS } from '../readingLimits.ts';

/** A line's leading white space and quote markers, when longer than the limit. */
const DEEP_PREFIX = new RegExp(`^[ \\t>]{${READING_LIMITS.markdownPrefix + 1},}`, 'm');

/**
 * Markdown with each line's leading white space and quote markers cut to `READING_LIMITS.markdownPrefix`
 * characters, so no list or quote nests deeper than that allows (the same text when no line does). marked's
 * lexer takes time that grows with nesting depth times size: 800 lists nested in one another (650 KB) took it
 * 5.5 s, 2,000 of them 115 s. Lines are kept whole otherwise, so line numbers stay those of the file.
 *
 * @example boundMarkdown(`${' '.repeat(500)}- deep`) // → 128 spaces, then '- deep'
 */
export function boundMarkdown(text: string): string {
  if (!DEEP_PREFIX.test(text)) return text;
  return text.replace(new RegExp(DEEP_PREFIX.source, 'gm'), (prefix) => prefix.slice(0, READING_LIMITS.markdownPrefix));
}
