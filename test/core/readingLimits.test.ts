import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DomNode, ELEMENT_NODE, parseDocument, TEXT_NODE } from '../../src/corpus/formats/dom.ts';
import { UnreadableDocumentError } from '../../src/corpus/formats/extractedDocument.ts';
import { readHtml } from '../../src/corpus/formats/html.ts';
import { boundHtml } from '../../src/corpus/formats/htmlLimits.ts';
import { readMarkdown } from '../../src/corpus/formats/markdown.ts';
import { readPdfText } from '../../src/corpus/formats/pdfText.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { Engine } from '../../src/index.ts';
import { defaultOptions } from '../../src/options.ts';
import { deflatedPart, inflatingWordDocument, wordDocument } from './wordFiles.ts';

const HARBOUR = 'Harbour news\n\nThe harbour of Baku opened a new ferry terminal in 2020.\n';
const LIGHTHOUSE = 'The lighthouse at Cape Elizabeth was automated in 1963, and its keepers left the island.';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-limits-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A corpus folder holding `files` and the harbour article, and what loading it serves and warns. */
async function loadFolder(name: string, files: Record<string, string | Buffer>) {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'harbour.txt'), HARBOUR);
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  const warnings: string[] = [];
  const { documents } = await loadCorpus(dir, {
    ...defaultOptions,
    onWarning: (warning) => warnings.push(`${warning.path}: ${warning.reason}`),
  });
  return { dir, documents, warnings };
}

function page(body: string): string {
  return `<!doctype html><html><head><title>Lighthouses</title></head><body>${body}</body></html>`;
}

describe('Word documents that inflate', () => {
  it('skips a 1 MB Word document that inflates to 1 GB, at the limit, and serves the rest', async () => {
    const bomb = inflatingWordDocument(1024);
    expect(bomb.length).toBeLessThan(1.1e6);
    const { dir, documents, warnings } = await loadFolder('word-bomb', { 'memo.docx': bomb });
    expect(documents.map((document) => document.id)).toEqual(['harbour']);
    expect(warnings).toEqual([
      `${join(dir, 'memo.docx')}: Word document whose text unpacks to more than 16 MiB (the limit for one document), skipped`,
    ]);
  });

  it('skips a Word document with more parts in its zip than the limit, before inflating any', async () => {
    const parts = Array.from({ length: 10_001 }, (_, i) => deflatedPart(`customXml/item${i}.xml`, '<a/>'));
    const { dir, documents, warnings } = await loadFolder('word-parts', { 'memo.docx': wordDocument([LIGHTHOUSE], parts) });
    expect(documents.map((document) => document.id)).toEqual(['harbour']);
    expect(warnings).toEqual([
      `${join(dir, 'memo.docx')}: Word document with more than 10,000 parts in its zip (the limit for one document), skipped`,
    ]);
  });

  it('reads a Word document within the limits, pictures never inflated', async () => {
    const picture = deflatedPart('word/media/image1.png', Buffer.alloc(64 * 1024 * 1024));
    const { documents } = await loadFolder('word-fine', { 'memo.docx': wordDocument([LIGHTHOUSE], [picture]) });
    expect(documents.find((document) => document.id === 'memo')?.text).toBe(LIGHTHOUSE);
  });
});

describe('deeply nested and very large HTML', () => {
  it('reads a page nested 2,000 elements deep, its deep text kept and quoted', async () => {
    const html = page(`${'<div>'.repeat(2000)}<p>${LIGHTHOUSE}</p>${'</div>'.repeat(2000)}`);
    const { documents, warnings } = await loadFolder('deep-html', { 'lighthouse.html': html });
    expect(warnings).toEqual([]);
    const engine = await Engine.fromFolder(join(scratch, 'deep-html'));
    expect(engine.answer('When was the lighthouse at Cape Elizabeth automated?').quote).toBe(
      'The lighthouse at Cape Elizabeth was automated in 1963, and its keepers left the island.',
    );
    expect(documents.find((document) => document.id === 'lighthouse')?.title).toBe('Lighthouses');
  });

  it('unwraps elements past 256 deep before the page is parsed, 50,000 unclosed ones included', () => {
    const bounded = boundHtml(page(`${'<div>'.repeat(50_000)}<p>${LIGHTHOUSE}</p>`));
    // html, head, title, body, and the divs down to depth 256.
    expect(measure(parseDocument(bounded.html) as unknown as DomNode)).toEqual([258, bounded.depthSum, 256]);
    expect(bounded.elements).toBe(258);
    expect(readHtml(page(`${'<div>'.repeat(50_000)}<p>${LIGHTHOUSE}</p>`)).text).toBe(LIGHTHOUSE);
  });

  it('skips a page with more elements than the limit, and serves the rest', async () => {
    const { dir, documents, warnings } = await loadFolder('wide-html', { 'list.html': page('<p>Cape Elizabeth.</p>'.repeat(50_001)) });
    expect(documents.map((document) => document.id)).toEqual(['harbour']);
    expect(warnings).toEqual([`${join(dir, 'list.html')}: HTML page with more than 50,000 elements (the limit for one document), skipped`]);
  });

  it('counts elements and depths as linkedom builds them, whatever the tag soup', () => {
    fc.assert(
      fc.property(tagSoup, (html) => {
        const bounded = boundHtml(html);
        expect(bounded.html).toBe(html);
        expect([bounded.elements, bounded.depthSum]).toEqual(measure(parseDocument(html) as unknown as DomNode).slice(0, 2));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no element deeper than 256 and keeps the text outside scripts and styles, whatever the tag soup', () => {
    fc.assert(
      fc.property(tagSoup, fc.integer({ min: 240, max: 400 }), (soup, depth) => {
        const html = `${'<div>'.repeat(depth)}${soup}`;
        const bounded = boundHtml(html);
        const [, , deepest] = measure(parseDocument(bounded.html) as unknown as DomNode);
        expect(deepest).toBeLessThanOrEqual(256);
        expect(visibleText(parseDocument(bounded.html) as unknown as DomNode)).toBe(visibleText(parseDocument(html) as unknown as DomNode));
      }),
      { numRuns: 200 },
    );
  });
});

describe('deeply nested and very large Markdown', () => {
  it('reads lists nested 2,000 deep (marked took 115 s over them), every item kept', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- Buoy ${i} marks the channel.`);
    const { documents, warnings } = await loadFolder('deep-markdown', { 'buoys.md': `# Buoys\n\n${items.join('\n')}\n` });
    expect(warnings).toEqual([]);
    const text = documents.find((document) => document.id === 'buoys')!.text;
    for (const i of [0, 63, 64, 1999]) expect(text).toContain(`Buoy ${i} marks the channel.`);
  });

  it('reads each of 4,000 admonitions only as far as it goes, not the rest of the page once per admonition', () => {
    const page = Array.from(
      { length: 2000 },
      (_, i) =>
        `## Step ${i}\n\n::: tip\nRun the ferry check before step ${i}.\n:::\n\n!!! note\n    Keep the logbook ${i}.\n\nThen go on.\n`,
    ).join('\n');
    // Work counted, not timed: splitting the rest of the page at each admonition read about 2,000 times
    // the page (a 2 MiB page took 3.3 s, one of 31 MiB over 7 minutes).
    const { result: text, read } = countingCharactersRead('split', () => readMarkdown(page).text);
    expect(read).toBeLessThan(page.length);
    for (const i of [0, 1999]) {
      expect(text).toContain(`Run the ferry check before step ${i}.`);
      expect(text).toContain(`Keep the logbook ${i}.`);
    }
    expect(text).not.toMatch(/:::|!!!/);
  });

  it('looks for an admonition only within each paragraph, not through the rest of a page that has none', () => {
    const page = Array.from({ length: 5000 }, (_, i) => `## Crossing ${i}\n\nThe ferry ${i} leaves at noon and returns at six.\n`).join(
      '\n',
    );
    // Searched through the rest of the page at every paragraph, a 5 MiB page took 33 s.
    const { result: text, read } = countingCharactersRead('match', () => readMarkdown(page).text);
    expect(read).toBeLessThan(page.length);
    expect(text).toContain('The ferry 4999 leaves at noon and returns at six.');
  });
});

/** What `run` returns, and how many characters the strings it called `String.prototype[method]` on held, all together. */
function countingCharactersRead<T>(method: 'split' | 'match', run: () => T): { result: T; read: number } {
  const original = String.prototype[method] as (this: string, ...args: unknown[]) => unknown;
  let read = 0;
  const spy = vi.spyOn(String.prototype, method).mockImplementation(function (this: string, ...args: unknown[]) {
    read += this.length;
    return original.apply(this, args);
  } as never);
  try {
    return { result: run(), read };
  } finally {
    spy.mockRestore();
  }
}

describe('text hidden by an inline style', () => {
  const visible = '<p>The lighthouse at Cape Elizabeth was automated in 1963 by the coast guard of the United States.</p>';
  const hidden = '<p style="display: none">The lighthouse keeper hid the treasure under the third step.</p>';
  const invisible = '<span style="color:red; visibility:hidden !important">The spare key is in the boathouse.</span>';

  it('leaves out elements with display: none or visibility: hidden, in a marked article and elsewhere', () => {
    for (const body of [
      `<article>${visible.repeat(3)}${hidden}${invisible}</article>`,
      `<div>${visible.repeat(3)}${hidden}<p>${invisible}</p></div>`,
    ]) {
      const text = readHtml(page(body)).text;
      expect(text).toContain('automated in 1963');
      expect(text).not.toContain('treasure');
      expect(text).not.toContain('spare key');
    }
  });
});

describe('PDFs that take too long', () => {
  it('stops reading a PDF at the time limit, and reads the next one with a new worker', async () => {
    const pdf = readFileSync(join(import.meta.dirname, '../fixtures/documents/reports/annual.pdf'));
    await expect(readPdfText(pdf, 1)).rejects.toThrow(
      new UnreadableDocumentError('PDF that takes longer than 0.001 s to read (the limit for one document)'),
    );
    expect((await readPdfText(pdf)).pages.length).toBeGreaterThan(0);
  });
});

/** Random HTML: tags that nest, close implicitly, hold raw text or sit in SVG, stray end tags, text, comments. */
const TAGS = ['div', 'p', 'li', 'ul', 'td', 'tr', 'table', 'tbody', 'span', 'b', 'br', 'img', 'svg', 'path', 'title', 'script'];
TAGS.push('textarea', 'option', 'select', 'dd', 'dt', 'h1', 'math', 'mi', 'foreignObject', 'input', 'style', 'xmp', 'a', 'thead');
const tagSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom(...TAGS).map((tag) => `<${tag}>`),
      fc.constantFrom(...TAGS).map((tag) => `<${tag} class="x">`),
      fc.constantFrom(...TAGS).map((tag) => `</${tag}>`),
      fc.constantFrom(...TAGS).map((tag) => `<${tag}/>`),
      fc.constantFrom('text', ' more words ', '<!-- a comment -->', '&amp;', 'a < b', '</ p>', '<!doctype html>'),
    ),
    { maxLength: 60 },
  )
  .map((pieces) => pieces.join(''));

/** Elements, the sum of their depths, and the deepest, in a parsed document. */
function measure(root: DomNode): [number, number, number] {
  let elements = 0;
  let depthSum = 0;
  let deepest = 0;
  const stack: [DomNode, number][] = Array.from(root.childNodes).map((node) => [node, 1]);
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (node.nodeType !== ELEMENT_NODE) continue;
    elements += 1;
    depthSum += depth;
    deepest = Math.max(deepest, depth);
    for (const child of Array.from(node.childNodes)) stack.push([child, depth + 1]);
  }
  return [elements, depthSum, deepest];
}

/** The text of a parsed document in order, without what raw-text elements (scripts, styles…) hold. */
function visibleText(root: DomNode): string {
  const parts: string[] = [];
  const walk = (node: DomNode) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) parts.push(child.textContent ?? '');
      else if (child.nodeType === ELEMENT_NODE && !RAW_TEXT.has((child as unknown as { localName: string }).localName)) walk(child);
    }
  };
  walk(root);
  return parts.join('');
}

const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
