import { marked, type Token, type Tokens } from 'marked';
import { splitFrontMatter } from './frontMatter.ts';
import { BlockText, decodeEntities, type ExtractedDocument, HeadingSlugs } from './types.ts';

/**
 * Reads Markdown with marked's lexer (CommonMark and GitHub tables; fast, no dependencies). Code blocks,
 * HTML blocks and comments, images and link targets are dropped; headings give the title and section names
 * (with the anchors docs sites give them); each list item and table row becomes a sentence of its own; YAML
 * front matter (`title`, `date`, `url`/`source`, `author`) wins over what the text suggests. Every block is
 * located by the line of the file it starts on.
 *
 * @example readMarkdown('# Setup\n\nRun `npm ci` first.').text // → 'Setup\n\nRun npm ci first.'
 */
export function readMarkdown(source: string): ExtractedDocument {
  const { metadata, body, bodyOffset } = splitFrontMatter(source);
  // marked reads \r\n as \n; reading it the same way keeps token offsets equal to body offsets.
  const normalized = body.replace(/\r\n?/g, '\n');
  const lines = new LineIndex(normalized, countLines(source.slice(0, bodyOffset)));
  const walker = new MarkdownWalker(lines);
  let offset = 0;
  for (const token of marked.lexer(normalized, { gfm: true })) {
    walker.block(token, offset);
    offset += token.raw.length;
  }
  return {
    format: 'markdown',
    text: walker.out.text,
    blocks: walker.out.blocks,
    title: metadata.title ?? walker.title,
    date: metadata.date,
    url: metadata.url,
    author: metadata.author,
    locations: walker.out.locations,
  };
}

class MarkdownWalker {
  readonly out = new BlockText();
  private readonly slugs = new HeadingSlugs();
  private section: { section: string; anchor?: string } | undefined;
  private firstHeading: { depth: number; text: string } | undefined;
  private groups = 0;

  constructor(private readonly lines: LineIndex) {}

  /** The first top-level heading, else the first heading. */
  get title(): string | null {
    return this.firstHeading?.text ?? null;
  }

  /** One block token that starts at `offset` of the body. */
  block(token: Token, offset: number, group?: number): void {
    const line = this.lines.lineAt(offset);
    switch (token.type) {
      case 'heading': {
        const { depth, tokens } = token as Tokens.Heading;
        const text = inlineText(tokens);
        if (text === '') return;
        if (!this.firstHeading || (depth === 1 && this.firstHeading.depth > 1)) this.firstHeading = { depth, text };
        this.section = depth === 1 ? { section: text } : { section: text, anchor: this.slugs.slug(text) };
        this.out.add(text, 'heading', { line, ...this.section });
        return;
      }
      case 'paragraph':
      case 'text': {
        const { tokens, text } = token as Tokens.Paragraph | Tokens.Text;
        this.out.add(tokens ? inlineText(tokens) : decodeEntities(text), 'body', { line, ...this.section }, group);
        return;
      }
      case 'list':
        this.list(token as Tokens.List, offset, group ?? this.groups++);
        return;
      case 'table':
        this.table(token as Tokens.Table, line);
        return;
      case 'blockquote':
        // Quoted lines lose their `>` in the children's raw text, so children are placed at the quote's start.
        for (const child of (token as Tokens.Blockquote).tokens) this.block(child, offset, group);
        return;
      default:
        // code, html (comments included), hr, space, def: not prose.
        return;
    }
  }

  /** Each item's own text is a block of the list's group; nested lists join the same group. */
  private list(list: Tokens.List, offset: number, group: number): void {
    let cursor = 0;
    for (const item of list.items) {
      const at = list.raw.indexOf(item.raw, cursor);
      const itemOffset = offset + Math.max(at, 0);
      if (at >= 0) cursor = at + item.raw.length;
      const own = item.tokens.filter((child) => child.type !== 'list');
      const line = this.lines.lineAt(itemOffset);
      this.out.add(own.map((child) => blockInline(child)).join(' '), 'body', { line, ...this.section }, group);
      let childCursor = 0;
      for (const child of item.tokens) {
        if (child.type !== 'list') continue;
        const childAt = item.raw.indexOf(child.raw, childCursor);
        if (childAt >= 0) childCursor = childAt + child.raw.length;
        this.list(child as Tokens.List, itemOffset + Math.max(childAt, 0), group);
      }
    }
  }

  /** Each row as "Header: cell; Header: cell." so that a row reads as one sentence. */
  private table(table: Tokens.Table, line: number): void {
    const group = this.groups++;
    const headers = table.header.map((cell) => inlineText(cell.tokens));
    for (const [index, row] of table.rows.entries()) {
      const cells = row
        .map((cell, column) => [headers[column] ?? '', inlineText(cell.tokens)] as const)
        .filter(([, value]) => value !== '')
        .map(([header, value]) => (header === '' ? value : `${header}: ${value}`));
      if (cells.length === 0) continue;
      const sentence = cells.join('; ');
      // Rows sit one per line after the header and its delimiter row.
      this.out.add(/[.!?]$/.test(sentence) ? sentence : `${sentence}.`, 'body', { line: line + 2 + index, ...this.section }, group);
    }
  }
}

/** The inline text of a block inside a list item (a paragraph of a loose list, or a tight item's text). */
function blockInline(token: Token): string {
  if (token.type === 'paragraph' || token.type === 'text' || token.type === 'heading') {
    const { tokens, text } = token as Tokens.Paragraph;
    return tokens ? inlineText(tokens) : decodeEntities(text);
  }
  return '';
}

/** The words of inline tokens: link texts without their targets, code spans' code, no images or HTML tags. */
function inlineText(tokens: readonly Token[]): string {
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text': {
        const { tokens: children, text: raw } = token as Tokens.Text;
        text += children ? inlineText(children) : decodeEntities(raw);
        break;
      }
      case 'escape':
        text += (token as Tokens.Escape).text;
        break;
      case 'codespan':
        text += decodeEntities((token as Tokens.Codespan).text);
        break;
      case 'link':
      case 'strong':
      case 'em':
      case 'del':
        text += inlineText((token as Tokens.Link).tokens);
        break;
      case 'br':
        text += ' ';
        break;
      default:
        // image, inline html, checkbox
        break;
    }
  }
  return text.replace(/\s+/g, ' ').trim();
}

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}

/** Line numbers (from 1) of offsets into a text that starts `linesBefore` lines into its file. */
class LineIndex {
  private readonly newlines: number[] = [];

  constructor(
    text: string,
    private readonly linesBefore: number,
  ) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.newlines.push(at);
  }

  lineAt(offset: number): number {
    let low = 0;
    let high = this.newlines.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.newlines[middle]! < offset) low = middle + 1;
      else high = middle;
    }
    return this.linesBefore + low + 1;
  }
}
