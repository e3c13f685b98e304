const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

const DATE_PATTERNS: { pattern: RegExp; parts: (m: RegExpExecArray) => [string, string, string] | null }[] = [
  { pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/, parts: (m) => [m[1]!, m[2]!, m[3]!] },
  { pattern: new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'i'), parts: (m) => [m[3]!, monthNumber(m[2]!), m[1]!] },
  { pattern: new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i'), parts: (m) => [m[3]!, monthNumber(m[1]!), m[2]!] },
  { pattern: /\b(\d{1,2})[ ./](\d{1,2})[ ./](\d{4})\b/, parts: (m) => [m[3]!, m[2]!, m[1]!] },
];

/**
 * The first calendar date in `text` as `YYYY-MM-DD`, or null. Day-first numeric dates ("13 03 2025") are read
 * the European way, as news sites in the corpus write them; impossible dates are rejected.
 *
 * @example findDate('14 March 2025 15:14:49') // → '2025-03-14'
 */
export function findDate(text: string): string | null {
  let best: { at: number; iso: string } | null = null;
  for (const { pattern, parts } of DATE_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const ymd = parts(match);
    const iso = ymd && toIso(...ymd);
    if (iso && (best === null || match.index < best.at)) best = { at: match.index, iso };
  }
  return best?.iso ?? null;
}

/**
 * The date of a time stamp as metadata writes it (`2024-05-02T10:00:00Z`, `2024-05-02`, `May 2, 2024`), or null.
 *
 * @example dateOfStamp('2024-05-02T10:00:00Z') // → '2024-05-02'
 */
export function dateOfStamp(text: string): string | null {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s]|$)/.exec(text);
  return iso ? toIso(iso[1]!, iso[2]!, iso[3]!) : findDate(text);
}

/** True when the text holds a date (month name or numeric form), used to spot datelines and stamps. */
export function containsDate(text: string): boolean {
  return findDate(text) !== null || new RegExp(`\\b${MONTH}\\s+\\d{1,2}\\b`, 'i').test(text);
}

function monthNumber(name: string): string {
  return String(MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1).padStart(2, '0');
}

function toIso(year: string, month: string, day: string): string | null {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < 1000 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
