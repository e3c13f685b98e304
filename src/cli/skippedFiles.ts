import type { CorpusWarning } from '../corpus/corpusDocument.ts';

/**
 * Kinds of skipped file, told apart by the reason the corpus reader gives, as a count reads them ("2 binary");
 * the first that matches wins. A reason none of them matches counts as "damaged" (a format reader's failure).
 */
const KINDS: readonly { matches: RegExp; one: string; many: string }[] = [
  { matches: /^binary/, one: 'binary', many: 'binary' },
  { matches: /^larger than/, one: 'too large', many: 'too large' },
  { matches: /^empty/, one: 'empty', many: 'empty' },
  { matches: /without (?:readable )?text|without a text layer/, one: 'without text', many: 'without text' },
  { matches: /UTF-/, one: 'not UTF-8', many: 'not UTF-8' },
  { matches: /^unreadable/, one: 'unreadable', many: 'unreadable' },
  { matches: /outside the corpus folder/, one: 'link out of the folder', many: 'links out of the folder' },
  { matches: /link/, one: 'broken link', many: 'broken links' },
  { matches: /not a regular file/, one: 'FIFO or device', many: 'FIFOs or devices' },
];
const DAMAGED = { one: 'damaged', many: 'damaged' };

/**
 * Why files were skipped, counted by kind, most first: "3 files skipped: 2 binary, 1 too large".
 *
 * @example skippedSummary([{ path: 'a.pdf', reason: 'binary file (not text), skipped' }]) // → '1 file skipped: 1 binary'
 */
export function skippedSummary(warnings: readonly CorpusWarning[]): string {
  const counts = new Map<{ one: string; many: string }, number>();
  for (const { reason } of warnings) {
    const kind = KINDS.find(({ matches }) => matches.test(reason)) ?? DAMAGED;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${n} ${n === 1 ? kind.one : kind.many}`);
  return `${warnings.length} file${warnings.length === 1 ? '' : 's'} skipped: ${parts.join(', ')}`;
}
