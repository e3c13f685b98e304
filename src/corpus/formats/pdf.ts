import { DEFAULT_SLICE_MS, runStepsInSlices, type Steps } from '../../slices.ts';
import { findDate } from '../dates.ts';
import { BlockText, type ExtractedDocument, UnreadableDocumentError } from './extractedDocument.ts';
import { type PdfText, type PdfTextItem, readPdfText } from './pdfText.ts';

/** A line of a page: its text and where its baseline sits. */
interface PageLine {
  text: string;
  y: number;
  height: number;
}

/**
 * Reads a PDF's text layer with PDF.js (unpdf's build: pure JavaScript, nothing fetched at install) in a
 * worker thread, so a long PDF never holds the event loop. Lines are joined into paragraphs where the gap
 * between baselines is no wider than a line's; a word hyphenated at a line's end is joined again. The title,
 * author and creation date come from the PDF's own metadata when it has them. Every paragraph is located by
 * its page. Throws UnreadableDocumentError for a damaged PDF and for one without a text layer (a scan).
 */
export async function readPdf(bytes: Uint8Array): Promise<ExtractedDocument> {
  let read: PdfText;
  try {
    read = await readPdfText(bytes);
  } catch (error) {
    if (error instanceof UnreadableDocumentError) throw error;
    throw new UnreadableDocumentError(`damaged PDF (${(error as Error).message})`);
  }
  const out = await runStepsInSlices(pageBlocks(read), DEFAULT_SLICE_MS);
  if (out.text === '') throw new UnreadableDocumentError('PDF without a text layer (a scan?); run it through OCR first');
  return {
    format: 'pdf',
    text: out.text,
    title: metadataText(read.info.title),
    date: pdfDate(read.info.creationDate),
    url: null,
    author: metadataText(read.info.author),
    locations: out.locations,
  };
}

/** The pages' paragraphs as blocks, one pause point a page: a 200-page PDF never holds the event loop long. */
function* pageBlocks(read: PdfText): Steps<BlockText> {
  const out = new BlockText();
  for (const [index, items] of read.pages.entries()) {
    for (const paragraph of paragraphs(pageLines(items))) out.add(paragraph, 'body', { page: index + 1 });
    yield;
  }
  return out;
}

/** The page's text items as lines, in reading order as PDF.js gives them. */
function pageLines(items: readonly PdfTextItem[]): PageLine[] {
  const lines: PageLine[] = [];
  let current: PageLine | null = null;
  for (const { str, hasEOL, y, height } of items) {
    if (current === null) current = { text: '', y, height: height || 12 };
    current.text += str;
    if (hasEOL) {
      lines.push(current);
      current = null;
    }
  }
  if (current !== null) lines.push(current);
  return lines.filter((line) => line.text.trim() !== '');
}

/** Lines joined into paragraphs: a gap between baselines wider than 1.6 lines starts a new one. */
function paragraphs(lines: readonly PageLine[]): string[] {
  const out: string[] = [];
  let current = '';
  let previous: PageLine | null = null;
  for (const line of lines) {
    const text = line.text.replace(/\s+/g, ' ').trim();
    const gap = previous === null ? 0 : Math.abs(previous.y - line.y);
    if (previous !== null && gap > Math.max(previous.height, line.height) * 1.6) {
      out.push(current);
      current = '';
    }
    current = joinLine(current, text);
    previous = line;
  }
  if (current !== '') out.push(current);
  return out;
}

/** "infor-" + "mation" → "information"; otherwise the lines are joined with a space. */
function joinLine(paragraph: string, line: string): string {
  if (paragraph === '') return line;
  if (/\p{L}-$/u.test(paragraph) && /^\p{Ll}/u.test(line)) return paragraph.slice(0, -1) + line;
  return `${paragraph} ${line}`;
}

function metadataText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** PDF dates read `D:20240502103000Z`. */
function pdfDate(value: unknown): string | null {
  const match = typeof value === 'string' ? /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(value) : null;
  return match ? findDate(`${match[1]}-${match[2]}-${match[3]}`) : null;
}
