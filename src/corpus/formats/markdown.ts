import { Marked, type Token, type Tokens } from 'marked';
import { BlockText, CODE_CLOSE, CODE_OPEN, type ExtractedDocument } from './extractedDocument.ts';
import { splitFrontMatter } from './frontMatter.ts';
import { HeadingSlugs } from './headingSlugs.ts';
import { decodeEntities } from './htmlEntities.ts';
import { admonitions } from './markdownAdmonitions.ts';
import { htmlHeading, htmlText } from './markdownHtml.ts';

/** marked with the admonition containers docs sites add to CommonMark (`::: tip`, `!!! note`). */
const markdown = new Marked({ gfm: true, extensions: admonitions });

/**
 * Reads Markdown with marked's lexer (CommonMark and GitHub tables; fast, no dependencies). Headings give
 * the title and section names (with the anchors docs sites give them, `{#custom-id}` included); each list
 * item and table row becomes a sentence of its own; code blocks are kept verbatim, with their language;
 * admonitions (VitePress/Docusaurus `:::`, GitHub `> [!NOTE]`, MkDocs `!!!`) become paragraphs without their
 * markers; HTML keeps its text (`<h2>` a heading), components their content; comments, images, link
 * targets and a table of contents made of in-page links are dropped. YAML front matter (`title`, `date`,
 * `url`/`source`, `author`) wins over what the text suggests. Every block is located by the line of the
 * file it starts on.
 *
 * @example readMarkdown('# Setup\n\nRun `npm ci` first.').text // → 'Setup\n\nRun npm ci first.'
 */
export function readMarkdown(source: string): ExtractedDocument {
  const { metadata, body, bodyOffset } = splitFrontMatter(source);
  // marked reads \r\n as \n; reading it the same way keeps line counts equal to the file's.
  const normalized = body.replace(/\r\n?/g, '\n');
  const walker = new MarkdownWalker();
  walker.blocks(markdown.lexer(normalized), countLines(source.slice(0, bodyOffset)) + 1);
  return {
    format: 'markdown',
    text: walker.out.text,
    blocks: walker.out.blocks,
    title: metadata.title ?? walker.title,
    date: metadata.date,
    url: metadata.url,
    author: metadata.author,
    locations: walker.out.locations,
    ...(metadata.aliases.length > 0 && { aliases: metadata.aliases }),
  };
}

/** A section heading's name and anchor, and where a block sits under it. */
interface Section {
  section: string;
  anchor?: string;
}

class MarkdownWalker {
  readonly out = new BlockText();
  private readonly slugs = new HeadingSlugs();
  private section: Section | undefined;
  private firstHeading: { depth: number; text: string } | undefined;
  private groups = 0;

  /** The first top-level heading, else the first heading. */
  get title(): string | null {
    return this.firstHeading?.text ?? null;
  }

  /** Block tokens in order, the first starting on `line` of the file. */
  blocks(tokens: readonly Token[], line: number, group?: number, note?: string): void {
    let at = line;
    for (const token of tokens) {
      this.block(token, at, group, note);
      at += countLines(token.raw);
    }
  }

  private block(token: Token, line: number, group?: number, note?: string): void {
    switch (token.type) {
      case 'heading': {
        const { depth, tokens } = token as Tokens.Heading;
        this.heading(inlineText(tokens), depth, line);
        return;
      }
      case 'paragraph':
      case 'text': {
        const { tokens, text } = token as Tokens.Paragraph | Tokens.Text;
        this.body(tokens ? inlineText(tokens) : decodeEntities(text), line, group, note);
        return;
      }
      case 'code': {
        const { text, lang } = token as Tokens.Code;
        this.out.addCode(text, languageOf(lang), this.at(line), { ...(group !== undefined && { group }), ...(note && { note }) });
        return;
      }
      case 'list':
        if (!isTableOfContents(token as Tokens.List)) this.list(token as Tokens.List, line, group ?? this.groups++, note);
        return;
      case 'table':
        this.table(token as Tokens.Table, line, note);
        return;
      case 'blockquote':
        this.blockquote(token as Tokens.Blockquote, line, group, note);
        return;
      case 'admonition': {
        const { tokens, kind, bodyLine } = token as Tokens.Generic;
        this.blocks(tokens ?? [], line + (bodyLine as number), group, note ?? (kind as string | undefined));
        return;
      }
      case 'html': {
        const html = (token as Tokens.HTML).text;
        const heading = htmlHeading(html);
        if (heading) this.heading(heading.text, heading.depth, line);
        else this.body(htmlText(html), line, group, note);
        return;
      }
      default:
        // hr, space, def: no text.
        return;
    }
  }

  private heading(raw: string, depth: number, line: number): void {
    const { text, id } = customId(raw);
    if (text === '') return;
    if (!this.firstHeading || (depth === 1 && this.firstHeading.depth > 1)) this.firstHeading = { depth, text };
    this.section = depth === 1 ? { section: text } : { section: text, anchor: id ?? this.slugs.slug(text) };
    this.out.add(text, 'heading', this.at(line), { depth });
  }

  private body(text: string, line: number, group?: number, note?: string): void {
    this.out.add(text, 'body', this.at(line), { ...(group !== undefined && { group }), ...(note && { note }) });
  }

  private at(line: number): { line: number } & Partial<Section> {
    return { line, ...this.section };
  }

  /**
   * Quoted lines lose their `>` in the children's raw text but keep their line breaks. A GitHub alert
   * (`> [!NOTE]`) is a note: its marker is left out.
   */
  private blockquote(quote: Tokens.Blockquote, line: number, group?: number, note?: string): void {
    const [first, ...rest] = quote.tokens;
    const alert = first?.type === 'paragraph' ? /^\[!(\w+)\][ \t]*(?:\n|$)/.exec((first as Tokens.Paragraph).raw) : null;
    if (!alert || !first) {
      this.blocks(quote.tokens, line, group, note);
      return;
    }
    const kind = alert[1]!.toLowerCase();
    const lead = inlineText((first as Tokens.Paragraph).tokens).replace(/^\[!\w+\]\s*/, '');
    // The marker's own line is left out, so the text starts on the line after it.
    this.body(lead, alert[0].endsWith('\n') ? line + 1 : line, group, kind);
    this.blocks(rest, line + countLines(first.raw), group, kind);
  }

  /** Each item's own blocks join the list's group; nested lists join the same group. */
  private list(list: Tokens.List, line: number, group: number, note?: string): void {
    let cursor = 0;
    for (const item of list.items) {
      const at = list.raw.indexOf(item.raw, cursor);
      if (at >= 0) cursor = at + item.raw.length;
      const itemLine = line + countLines(list.raw.slice(0, Math.max(at, 0)));
      const own: string[] = [];
      let childLine = itemLine;
      // The item's text is one sentence; code blocks and nested lists inside it follow as blocks of their own.
      const flush = () => {
        if (own.length > 0) this.body(own.join(' '), itemLine, group, note);
        own.length = 0;
      };
      for (const child of item.tokens) {
        if (child.type === 'list' || child.type === 'code' || child.type === 'blockquote' || child.type === 'table') {
          flush();
          this.block(child, childLine, group, note);
        } else own.push(blockInline(child));
        childLine += countLines(child.raw);
      }
      flush();
    }
  }

  /** Each row as "Header: cell; Header: cell." so that a row reads as one sentence. */
  private table(table: Tokens.Table, line: number, note?: string): void {
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
      this.body(/[.!?]$/.test(sentence) ? sentence : `${sentence}.`, line + 2 + index, group, note);
    }
  }
}

/** The inline text of a block inside a list item (a paragraph of a loose list, or a tight item's text). */
function blockInline(token: Token): string {
  if (token.type === 'paragraph' || token.type === 'text' || token.type === 'heading') {
    const { tokens, text } = token as Tokens.Paragraph;
    return tokens ? inlineText(tokens) : decodeEntities(text);
  }
  if (token.type === 'html') return htmlText((token as Tokens.HTML).text);
  return '';
}

/**
 * The words of inline tokens: link texts without their targets, code spans' code between `CODE_OPEN` and
 * `CODE_CLOSE`, the text inside inline HTML and components (their tags dropped), no images.
 */
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
        text += `${CODE_OPEN}${decodeEntities((token as Tokens.Codespan).text).replace(/[\ue000\ue001]/g, '')}${CODE_CLOSE}`;
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
        // image, checkbox; inline HTML is a tag alone, the text around it its own tokens.
        break;
    }
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** The language a fence names: its first word (`ts twoslash` → `ts`, `js [vite.config.js]` → `js`). */
function languageOf(lang: string | undefined): string | null {
  const word = lang?.trim().split(/[\s{[]/)[0] ?? '';
  return word === '' ? null : word.toLowerCase();
}

/** `Setup {#install}`: a heading's text and the anchor it names for itself. */
function customId(heading: string): { text: string; id: string | null } {
  const match = /\s*\{#([\w-]+)\}\s*$/.exec(heading);
  if (!match) return { text: heading.trim(), id: null };
  return { text: heading.slice(0, match.index).trim(), id: match[1]! };
}

/**
 * A list whose every item is only a link to an anchor of the same page (`[Factory](#factory)`): the page's
 * own table of contents, whose words would match every question about the page.
 */
function isTableOfContents(list: Tokens.List): boolean {
  return list.items.length > 0 && list.items.every((item) => item.tokens.every(isInPageLinkOrList));
}

function isInPageLinkOrList(token: Token): boolean {
  if (token.type === 'space') return true;
  if (token.type === 'list') return isTableOfContents(token as Tokens.List);
  if (token.type !== 'text' && token.type !== 'paragraph') return false;
  const inline = ((token as Tokens.Text).tokens ?? []).filter((child) => !(child.type === 'text' && child.raw.trim() === ''));
  return inline.length === 1 && inline[0]!.type === 'link' && (inline[0] as Tokens.Link).href.startsWith('#');
}

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}
