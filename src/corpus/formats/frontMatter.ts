import { parse } from 'yaml';
import { dateOfStamp } from '../dates.ts';

/** What YAML front matter says of its document; null where it says nothing usable. */
export interface FrontMatter {
  title: string | null;
  date: string | null;
  url: string | null;
  author: string | null;
  /** Other names of what the page is about (`aliases:`, `alias:`, `tags`-like lists of names). */
  aliases: string[];
}

const FENCE = /^\ufeff?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Splits YAML front matter (`---` fenced, at the very start) off a Markdown file. `title`, `date`, `url`
 * (or `source`), `author` and `aliases` (or `alias`) are read; front matter that is not valid YAML is still
 * cut off, and says nothing.
 *
 * @example splitFrontMatter('---\ntitle: Setup\n---\n# Intro').metadata.title // → 'Setup'
 */
export function splitFrontMatter(source: string): { metadata: FrontMatter; body: string; bodyOffset: number } {
  const match = FENCE.exec(source);
  const none: FrontMatter = { title: null, date: null, url: null, author: null, aliases: [] };
  if (!match) return { metadata: none, body: source, bodyOffset: 0 };
  const bodyOffset = match[0].length;
  let data: unknown;
  try {
    data = parse(match[1]!);
  } catch {
    return { metadata: none, body: source.slice(bodyOffset), bodyOffset };
  }
  if (typeof data !== 'object' || data === null) return { metadata: none, body: source.slice(bodyOffset), bodyOffset };
  const fields = data as Record<string, unknown>;
  return {
    metadata: {
      title: text(fields.title),
      date: dateOf(fields.date),
      url: httpUrl(fields.url) ?? httpUrl(fields.source),
      author: authorOf(fields.author),
      aliases: (Array.isArray(fields.aliases) ? fields.aliases : [fields.aliases ?? fields.alias])
        .map((alias) => text(alias))
        .filter((alias) => alias !== null),
    },
    body: source.slice(bodyOffset),
    bodyOffset,
  };
}

function text(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const trimmed = String(value).replace(/\s+/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
}

function dateOf(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  const raw = text(value);
  return raw === null ? null : dateOfStamp(raw);
}

/** An http(s) URL, or null: a link in a citation must not run script or open a local file. */
export function httpUrl(value: unknown): string | null {
  const raw = text(value);
  if (raw === null || !URL.canParse(raw)) return null;
  const url = new URL(raw);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

function authorOf(value: unknown): string | null {
  if (Array.isArray(value)) {
    const names = value.map((item) => authorOf(item)).filter((name) => name !== null);
    return names.length > 0 ? names.join(', ') : null;
  }
  if (typeof value === 'object' && value !== null) return text((value as Record<string, unknown>).name);
  return text(value);
}
