import { Tokenizer } from 'htmlparser2';
import { READING_LIMITS } from '../readingLimits.ts';
import { UnreadableDocumentError } from './extractedDocument.ts';

/** An HTML text cut down to the reading limits, and the measures of the elements it holds. */
export interface BoundedHtml {
  /** The HTML without the tags of elements nested deeper than `READING_LIMITS.htmlDepth` (the same text when none is). */
  html: string;
  /** How many elements it holds. */
  elements: number;
  /** The depths of its elements added up: what Readability's work grows with. */
  depthSum: number;
}

/**
 * Measures an HTML text as linkedom will build it and unwraps every element nested deeper than
 * `READING_LIMITS.htmlDepth`: its tags are cut from the text and its text stays, inside the deepest element
 * kept (a script, style or other element whose content is read as text is cut whole, or its content would
 * be read as markup). Parsing a page and reading it take time that grows with depth times size (htmlparser2
 * keeps its open elements in an array it shifts, so 50,000 nested elements took it 7 s), so this runs
 * before either, in passes of linear time. Throws UnreadableDocumentError when the page holds more than
 * `READING_LIMITS.htmlElements` elements, or is still too deep after `MAX_PASSES` passes.
 *
 * @example boundHtml(`${'<div>'.repeat(300)}deep${'</div>'.repeat(300)}`).html // → 256 nested divs around 'deep'
 */
export function boundHtml(html: string, what = 'HTML page'): BoundedHtml {
  let shape = measureHtml(html, what);
  // Cutting an <svg> or <math> tag can change how a later `<x/>` nests (htmlparser2 reads it as a whole
  // element only inside them): the text cut is measured again, and cut again if it must be.
  for (let pass = 1; shape.cuts.length > 0; pass += 1) {
    if (pass === MAX_PASSES) throw new UnreadableDocumentError(`${what} nested deeper than ${READING_LIMITS.htmlDepth} elements`);
    shape = measureHtml(cutRanges(shape.html, shape.cuts), what);
  }
  return { html: shape.html, elements: shape.elements, depthSum: shape.depthSum };
}

/** Passes over a page that needs cutting at most; one is enough for any page but one built to defeat the cut. */
const MAX_PASSES = 4;

function measureHtml(html: string, what: string): HtmlShape {
  const shape = new HtmlShape(html, what);
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, shape);
  tokenizer.write(html);
  tokenizer.end();
  return shape;
}

// How htmlparser2's Parser (10.x), which linkedom parses with, nests elements: these tables are its own.
const P = new Set(['p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);
/** The open elements a start tag closes first, while one of them is the innermost open element. */
const OPEN_IMPLIES_CLOSE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => [tag, P] as const),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((tag) => [tag, FORM] as const),
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ...['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form']
    .concat(['header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'])
    .map((tag) => [tag, P] as const),
  ['rt', RT_RP],
  ['rp', RT_RP],
  ['tbody', TABLE_SECTIONS],
  ['tfoot', TABLE_SECTIONS],
]);
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex']);
for (const tag of ['keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']) VOID.add(tag);
const FOREIGN = new Set(['math', 'svg']);
const HTML_INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
/** Elements whose content the tokenizer reads as text. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

/** Follows the tokens of a page with the Parser's rules, keeping its open elements innermost last (linear time). */
class HtmlShape {
  elements = 0;
  depthSum = 0;
  /** Ranges of the text to cut, `[start, end)`. */
  readonly cuts: [number, number][] = [];
  private readonly open: string[] = [];
  /** For each open element: where its start tag begins when it is cut, else -1. */
  private readonly cutFrom: number[] = [];
  private readonly openCounts = new Map<string, number>();
  private readonly foreign: boolean[] = [false];
  /** The start tag being read: its name, where it begins, and whether it is cut. */
  private tag = '';
  private tagStart = 0;
  private tagCut = false;

  constructor(
    readonly html: string,
    private readonly what: string,
  ) {}

  onopentagname(start: number, end: number): void {
    this.openElement(this.html.slice(start, end).toLowerCase(), start - 1);
  }

  onopentagend(end: number): void {
    if (this.tagCut && !RAW_TEXT.has(this.tag)) this.cuts.push([this.tagStart, end + 1]);
    this.tag = '';
  }

  onselfclosingtag(end: number): void {
    if (!this.foreign.at(-1)) {
      this.onopentagend(end);
      return;
    }
    // In SVG and MathML `<x/>` is a whole element: its tag is all there is to cut.
    if (this.tagCut) this.cuts.push([this.tagStart, end + 1]);
    if (this.open.at(-1) === this.tag) this.pop();
    this.tag = '';
  }

  onclosetag(start: number, end: number): void {
    const name = this.html.slice(start, end).toLowerCase();
    // `</` and the name may have white space between them.
    const from = this.html.lastIndexOf('<', start);
    const gt = this.html.indexOf('>', end);
    const to = gt === -1 ? this.html.length : gt + 1;
    if (FOREIGN.has(name) || HTML_INTEGRATION.has(name)) this.foreign.pop();
    if (VOID.has(name)) {
      // `</br>` is a `<br>`; other void end tags are nothing.
      if (name === 'br' && this.count(this.open.length + 1)) this.cuts.push([from, to]);
      return;
    }
    if ((this.openCounts.get(name) ?? 0) > 0) {
      while (this.open.at(-1) !== name) this.close(from, from, true);
      this.close(from, to, false);
    } else if (name === 'p') {
      // A `</p>` with no `<p>` open is an empty paragraph.
      this.openElement('p', from);
      if (this.tagCut) this.cuts.push([from, to]);
      this.pop();
      this.tag = '';
    }
  }

  onend(): void {
    const end = this.html.length;
    while (this.open.length > 0) this.close(end, end, true);
  }

  private openElement(name: string, at: number): void {
    const closes = OPEN_IMPLIES_CLOSE.get(name);
    if (closes) while (this.open.length > 0 && closes.has(this.open.at(-1)!)) this.close(at, at, true);
    this.tag = name;
    this.tagStart = at;
    this.tagCut = this.count(this.open.length + 1);
    if (VOID.has(name)) return;
    this.open.push(name);
    this.cutFrom.push(this.tagCut ? at : -1);
    this.openCounts.set(name, (this.openCounts.get(name) ?? 0) + 1);
    if (FOREIGN.has(name)) this.foreign.push(true);
    else if (HTML_INTEGRATION.has(name)) this.foreign.push(false);
  }

  /** Counts an element at `depth`, or says it is cut (too deep). */
  private count(depth: number): boolean {
    if (depth > READING_LIMITS.htmlDepth) return true;
    this.elements += 1;
    this.depthSum += depth;
    if (this.elements > READING_LIMITS.htmlElements) {
      const limit = READING_LIMITS.htmlElements.toLocaleString('en');
      throw new UnreadableDocumentError(`${this.what} with more than ${limit} elements (the limit for one document)`);
    }
    return false;
  }

  /** Closes the innermost open element, by its end tag `[from, to)` or implied at `from`. */
  private close(from: number, to: number, implied: boolean): void {
    const name = this.open.at(-1)!;
    const cutFrom = this.pop();
    if (cutFrom < 0) return;
    // A raw-text element ends only at its own end tag or at the end of the text: cut whole.
    if (RAW_TEXT.has(name)) this.cuts.push([cutFrom, to]);
    else if (!implied) this.cuts.push([from, to]);
  }

  private pop(): number {
    const name = this.open.pop()!;
    this.openCounts.set(name, this.openCounts.get(name)! - 1);
    return this.cutFrom.pop()!;
  }

  // Text, comments, attributes and declarations do not change how elements nest.
  ontext(): void {}
  ontextentity(): void {}
  onattribname(): void {}
  onattribdata(): void {}
  onattribentity(): void {}
  onattribend(): void {}
  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
}

/** `text` without the given ranges (`[start, end)`, in any order, possibly overlapping). */
function cutRanges(text: string, ranges: [number, number][]): string {
  ranges.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    at = Math.max(at, end);
  }
  parts.push(text.slice(at));
  return parts.join('');
}
