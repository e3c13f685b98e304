import type { DocumentFormat, LocationMarker, SourceLocation, TextSpan } from '../corpusDocument.ts';

/**
 * A block of extracted text, when the format tells its structure: headings give the title and section
 * names and are not quoted; `body` blocks are quoted; `code` blocks are quoted verbatim, their lines kept;
 * `boilerplate` ones are kept in the text but neither indexed nor quoted. Blocks of one list or table share
 * a `group`: they form passages together, while each stays a sentence (or several) of its own.
 */
export interface ExtractedBlock extends TextSpan {
  kind: 'heading' | 'body' | 'code' | 'boilerplate';
  group?: number;
  /** A heading's level, 1 (the page's own) to 6. */
  depth?: number;
  /** A code block's language, as its fence or class names it (`ts`, `bash`), or null. */
  language?: string | null;
  /** Inline code inside a body block (`editReply()`, `.delete()`): a sentence never ends inside one. */
  code?: TextSpan[];
  /** The admonition a body block stands in (`tip`, `warning`, `note`), its markers left out of the text. */
  note?: string;
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
  /** Other names the file's metadata gives what it is about (front matter `aliases`). */
  aliases?: string[];
}

/** A file that a reader cannot turn into text (damaged, scanned, not what its extension says). */
export class UnreadableDocumentError extends Error {
  override readonly name = 'UnreadableDocumentError';
}

/** Marks the start and end of inline code in text given to `BlockText.add` (private-use characters). */
export const CODE_OPEN = '\ue000';
export const CODE_CLOSE = '\ue001';
const CODE_MARKS = /[\ue000\ue001]/g;

/** What a block is besides its kind: see `ExtractedBlock`. */
export type BlockDetails = Pick<ExtractedBlock, 'group' | 'depth' | 'language' | 'note'>;

/** Blocks joined into one text, with the markers that say where each came from. */
export class BlockText {
  private readonly parts: string[] = [];
  private length = 0;
  readonly blocks: ExtractedBlock[] = [];
  readonly locations: LocationMarker[] = [];

  /**
   * Appends a block (white space collapsed; nothing when it is blank) after a blank line. Inline code is
   * given between `CODE_OPEN` and `CODE_CLOSE`: the marks are taken out and the code's place recorded.
   * `location` starts a marker unless it equals the one in force.
   */
  add(text: string, kind: ExtractedBlock['kind'], location?: SourceLocation, details: BlockDetails = {}): void {
    const { clean, code } = withoutCodeMarks(text.replace(/\s+/g, ' ').trim());
    if (clean.trim() === '') return;
    const start = this.begin(location);
    this.push(clean);
    const spans = code.map((span) => ({ start: start + span.start, end: start + span.end }));
    this.blocks.push({ start, end: this.length, kind, ...definedDetails(details), ...(spans.length > 0 && { code: spans }) });
  }

  /**
   * Appends a code block as it is written, its lines and indentation kept (trailing blank lines and spaces
   * dropped); nothing when it is blank.
   */
  addCode(code: string, language: string | null, location?: SourceLocation, details: BlockDetails = {}): void {
    const verbatim = code.replace(/\s+$/, '').replace(/^(?:[ \t]*\n)+/, '');
    if (verbatim.trim() === '') return;
    const start = this.begin(location);
    this.push(verbatim);
    this.blocks.push({ start, end: this.length, kind: 'code', ...definedDetails(details), language });
  }

  get text(): string {
    return this.parts.join('');
  }

  /** Separates the next block from the last and starts its location marker; returns where it starts. */
  private begin(location: SourceLocation | undefined): number {
    if (this.length > 0) this.push('\n\n');
    const start = this.length;
    if (location && !sameLocation(this.locations.at(-1), location)) this.locations.push({ start, ...location });
    return start;
  }

  private push(part: string): void {
    this.parts.push(part);
    this.length += part.length;
  }
}

/** The text without its inline-code marks, and where each piece of inline code lies in it. */
function withoutCodeMarks(marked: string): { clean: string; code: TextSpan[] } {
  if (!marked.includes(CODE_OPEN)) return { clean: marked.replace(CODE_MARKS, ''), code: [] };
  const code: TextSpan[] = [];
  let clean = '';
  let open = -1;
  for (const char of marked) {
    if (char === CODE_OPEN) open = clean.length;
    else if (char === CODE_CLOSE) {
      if (open >= 0 && clean.length > open) code.push({ start: open, end: clean.length });
      open = -1;
    } else clean += char;
  }
  // Trimming the block may have left a mark at either end of a span; spans are kept within the text.
  const trimmed = clean.trimStart();
  const shift = clean.length - trimmed.length;
  const text = trimmed.trimEnd();
  const spans = code
    .map((span) => ({ start: Math.max(0, span.start - shift), end: Math.min(text.length, span.end - shift) }))
    .filter((span) => span.end > span.start);
  return { clean: text, code: spans };
}

function definedDetails(details: BlockDetails): BlockDetails {
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)) as BlockDetails;
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
