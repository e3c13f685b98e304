import type { DocumentFormat, LocationMarker, SourceLocation, TextSpan } from '../types.ts';

/**
 * A block of extracted text, when the format tells its structure: headings give the title and section
 * names and are not quoted; `body` blocks are quoted; `boilerplate` ones are kept in the text but neither
 * indexed nor quoted. Blocks of one list or table share a `group`: they form passages together, while each
 * stays a sentence (or several) of its own.
 */
export interface ExtractedBlock extends TextSpan {
  kind: 'heading' | 'body' | 'boilerplate';
  group?: number;
}

/** What a format's reader makes of a file: clean text, what the file says about itself, and where text came from. */
export interface ExtractedDocument {
  format: DocumentFormat;
  /** The clean text quotes are cut from: blocks separated by a blank line. */
  text: string;
  /** The blocks of `text`, when the format has structure; without them plain-text rules find headline and boilerplate. */
  blocks?: ExtractedBlock[];
  /** Metadata from the file itself; each wins over what the text rules would guess. */
  title: string | null;
  date: string | null;
  url: string | null;
  author: string | null;
  locations: LocationMarker[];
}

/** A file that a reader cannot turn into text (damaged, scanned, not what its extension says). */
export class UnreadableDocumentError extends Error {
  override readonly name = 'UnreadableDocumentError';
}

/** Blocks joined into one text, with the markers that say where each came from. */
export class BlockText {
  private readonly parts: string[] = [];
  private length = 0;
  readonly blocks: ExtractedBlock[] = [];
  readonly locations: LocationMarker[] = [];

  /**
   * Appends a block (white space collapsed; nothing when it is blank) after a blank line. `location` starts
   * a marker unless it equals the one in force.
   */
  add(text: string, kind: ExtractedBlock['kind'], location?: SourceLocation, group?: number): void {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean === '') return;
    if (this.length > 0) this.push('\n\n');
    const start = this.length;
    this.push(clean);
    this.blocks.push({ start, end: this.length, kind, ...(group === undefined ? {} : { group }) });
    if (location && !sameLocation(this.locations.at(-1), location)) this.locations.push({ start, ...location });
  }

  get text(): string {
    return this.parts.join('');
  }

  private push(part: string): void {
    this.parts.push(part);
    this.length += part.length;
  }
}

function sameLocation(marker: LocationMarker | undefined, location: SourceLocation): boolean {
  return (
    marker !== undefined &&
    marker.page === location.page &&
    marker.line === location.line &&
    marker.section === location.section &&
    marker.anchor === location.anchor
  );
}

/** Common HTML entities, decoded where a parser leaves them (Markdown text, metadata). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  middot: '·',
  bull: '•',
  eacute: 'é',
  egrave: 'è',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
};

/**
 * The anchor a docs site gives a heading, GitHub's way: lower case, punctuation dropped, spaces to
 * hyphens; a repeated heading gets `-1`, `-2`.
 *
 * @example new HeadingSlugs().slug('Capacity & trade') // → 'capacity--trade'
 */
export class HeadingSlugs {
  private readonly seen = new Map<string, number>();

  slug(heading: string): string {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = this.seen.get(base) ?? 0;
    this.seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  }
}
