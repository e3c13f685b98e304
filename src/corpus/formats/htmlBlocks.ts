import { blockKind } from '../blockKind.ts';
import type { SourceLocation } from '../corpusDocument.ts';
import { type DomElement, type DomNode, ELEMENT_NODE, TEXT_NODE } from './dom.ts';
import { type BlockDetails, BlockText, CODE_CLOSE, CODE_OPEN } from './extractedDocument.ts';

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'img',
  'picture',
  'video',
  'audio',
  'iframe',
  'object',
  'form',
  'button',
  'select',
  'textarea',
  'nav',
  'aside',
  'footer',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LEAF_BLOCKS = new Set(['p', 'dt', 'dd', 'figcaption', 'caption', 'address', 'summary']);
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'del',
  'ins',
  'wbr',
  'br',
  'font',
]);

/** Classes docs sites give an admonition's box (VitePress, Docusaurus, MkDocs, GitHub), and its title line. */
const ADMONITION = /\b(?:custom-block|admonition|theme-admonition|markdown-alert|callout)\b/;
const ADMONITION_KINDS = /\b(tip|note|info|warning|danger|caution|important|details)\b/;
const ADMONITION_TITLE = /\b(?:custom-block-title|admonition-title|admonitionHeading|markdown-alert-title|callout-title)/;

/**
 * Reads the blocks of an HTML body in document order: headings (with their ids as anchors), paragraphs,
 * each list item and each table row (`Header: cell; …`) as sentences of their own, code blocks (`<pre>`)
 * verbatim with their language, admonition boxes as paragraphs without their title line. Scripts,
 * navigation, asides, footers, forms and media are left out; short lines that read as bylines, counters or
 * datelines are kept as boilerplate (in the text, never quoted).
 */
export function htmlBlocks(root: DomElement): { out: BlockText; firstHeading: string | null } {
  const walker = new HtmlWalker();
  walker.walk(root);
  walker.flush();
  return { out: walker.out, firstHeading: walker.firstHeading };
}

class HtmlWalker {
  readonly out = new BlockText();
  firstHeading: string | null = null;
  private section: SourceLocation | undefined;
  private inline = '';
  private groups = 0;
  private note: string | undefined;

  walk(element: DomElement, group?: number): void {
    for (const node of Array.from(element.childNodes)) {
      if (node.nodeType === TEXT_NODE) {
        this.inline += node.textContent ?? '';
        continue;
      }
      if (node.nodeType !== ELEMENT_NODE) continue;
      const child = node as DomElement;
      const tag = child.localName.toLowerCase();
      if (SKIPPED.has(tag) || child.getAttribute('hidden') !== null || child.getAttribute('aria-hidden') === 'true') continue;
      if (INLINE.has(tag)) {
        this.inline += tag === 'br' ? ' ' : elementText(child);
        continue;
      }
      this.flush(group);
      const className = child.getAttribute('class') ?? '';
      if (ADMONITION_TITLE.test(className)) continue;
      if (HEADINGS.has(tag)) this.heading(child);
      else if (tag === 'pre') this.out.addCode(child.textContent ?? '', codeLanguage(child), this.section, this.details(group));
      else if (ADMONITION.test(className)) this.admonition(child, className, group);
      else if (tag === 'ul' || tag === 'ol' || tag === 'dl') this.walk(child, group ?? this.groups++);
      else if (tag === 'li') this.listItem(child, group ?? this.groups++);
      else if (tag === 'table') this.table(child);
      else if (LEAF_BLOCKS.has(tag)) this.paragraph(inlineText(child), group);
      else this.walk(child, group);
      this.flush(group);
    }
  }

  /** Text gathered from inline content between blocks (a `div` with bare text) becomes a paragraph. */
  flush(group?: number): void {
    if (this.inline.trim() !== '') this.paragraph(this.inline, group);
    this.inline = '';
  }

  private heading(element: DomElement): void {
    const text = inlineText(element).replace(/\s+/g, ' ').trim();
    if (text === '') return;
    this.firstHeading ??= text;
    const anchor = element.id || element.querySelector('[id]')?.id || '';
    this.section = anchor === '' ? { section: text } : { section: text, anchor };
    this.out.add(text, 'heading', this.section, { depth: Number(element.localName.slice(1)) });
  }

  private paragraph(text: string, group?: number): void {
    const kind = group === undefined && this.note === undefined && isBoilerplate(text) ? 'boilerplate' : 'body';
    this.out.add(text, kind, this.section, this.details(group));
  }

  /** A tip or warning box: its content as blocks of its own kind, its title line left out. */
  private admonition(element: DomElement, className: string, group?: number): void {
    const outer = this.note;
    this.note = ADMONITION_KINDS.exec(className)?.[1] ?? 'note';
    this.walk(element, group);
    this.flush(group);
    this.note = outer;
  }

  private details(group?: number): BlockDetails {
    return { ...(group !== undefined && { group }), ...(this.note !== undefined && { note: this.note }) };
  }

  /** The item's own text, then its nested lists in the same group. */
  private listItem(item: DomElement, group: number): void {
    const nested: DomElement[] = [];
    let own = '';
    for (const node of Array.from(item.childNodes)) {
      if (node.nodeType === TEXT_NODE) own += node.textContent ?? '';
      else if (node.nodeType === ELEMENT_NODE) {
        const child = node as DomElement;
        const tag = child.localName.toLowerCase();
        if (tag === 'ul' || tag === 'ol') nested.push(child);
        else if (!SKIPPED.has(tag)) own += ` ${elementText(child)} `;
      }
    }
    this.out.add(own, 'body', this.section, this.details(group));
    for (const list of nested) this.walk(list, group);
  }

  /** Each row as "Header: cell; Header: cell." under the table's header row, when it has one. */
  private table(table: DomElement): void {
    const group = this.groups++;
    const rows = Array.from(table.querySelectorAll('tr'));
    let headers: string[] = [];
    for (const row of rows) {
      const cells = Array.from(row.querySelectorAll('th, td'));
      const texts = cells.map((cell) => inlineText(cell).replace(/\s+/g, ' ').trim());
      if (headers.length === 0 && cells.length > 0 && cells.every((cell) => cell.localName.toLowerCase() === 'th')) {
        headers = texts;
        continue;
      }
      const parts = texts
        .map((value, column) => (value === '' ? '' : headers[column] ? `${headers[column]}: ${value}` : value))
        .filter((part) => part !== '');
      if (parts.length === 0) continue;
      const sentence = parts.join('; ');
      this.out.add(/[.!?]$/.test(sentence) ? sentence : `${sentence}.`, 'body', this.section, this.details(group));
    }
  }
}

function isBoilerplate(text: string): boolean {
  const kind = blockKind(text);
  return kind === 'boilerplate' || kind === 'metadata';
}

/**
 * The text of an element, skipping scripts, media and the like, with line breaks as spaces and inline code
 * between `CODE_OPEN` and `CODE_CLOSE`.
 */
function inlineText(element: DomNode): string {
  let text = '';
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === TEXT_NODE) text += node.textContent ?? '';
    else if (node.nodeType === ELEMENT_NODE) {
      const tag = (node as DomElement).localName.toLowerCase();
      if (tag === 'br') text += ' ';
      else if (!SKIPPED.has(tag)) text += elementText(node as DomElement);
    }
  }
  return text;
}

/** An inline element's text, marked as code when it is code. */
function elementText(element: DomElement): string {
  return INLINE_CODE.has(element.localName.toLowerCase()) ? `${CODE_OPEN}${inlineText(element)}${CODE_CLOSE}` : inlineText(element);
}

const INLINE_CODE = new Set(['code', 'kbd', 'samp']);

/** A `<pre>`'s language, from `language-ts`/`lang-ts` on it or on its `<code>`, or a `data-lang`. */
function codeLanguage(pre: DomElement): string | null {
  const code = pre.querySelector('code');
  for (const element of [pre, code]) {
    if (!element) continue;
    const named = /\b(?:language|lang)-([\w+#-]+)/.exec(element.getAttribute('class') ?? '')?.[1] ?? element.getAttribute('data-lang');
    if (named) return named.toLowerCase();
  }
  return null;
}
