import { getDocumentProxy } from 'unpdf';
import { findDate } from '../dates.ts';
import { BlockText, type ExtractedDocument, UnreadableDocumentError } from './types.ts';

/** A line of a page: its text and where its baseline sits. */
interface PageLine {
  text: string;
  y: number;
  height: number;
}

/**
 * Reads a PDF's text layer with PDF.js (unpdf's build: pure JavaScript, nothing fetched at install), page by
 * page, so that each page is a pause for the event loop. Lines are joined into paragraphs where the gap
 * between baselines is no wider than a line's; a word hyphenated at a line's end is joined again. The title,
 * author and creation date come from the PDF's own metadata when it has them. Every paragraph is located by
 * its page. Throws UnreadableDocumentError for a damaged PDF and for one without a text layer (a scan).
 */
export async function readPdf(bytes: Uint8Array): Promise<ExtractedDocument> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: PDF.js takes ownership of (detaches) the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
  } catch (error) {
    throw new UnreadableDocumentError(`damaged PDF (${firstLine(error)})`);
  }
  try {
    const out = new BlockText();
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      for (const paragraph of paragraphs(pageLines(content.items))) out.add(paragraph, 'body', { page: number });
      page.cleanup();
    }
    if (out.text === '') throw new UnreadableDocumentError('PDF without a text layer (a scan?); run it through OCR first');
    const info = ((await pdf.getMetadata().catch(() => null))?.info ?? {}) as Record<string, unknown>;
    return {
      format: 'pdf',
      text: out.text,
      title: metadataText(info.Title),
      date: pdfDate(info.CreationDate),
      url: null,
      author: metadataText(info.Author),
      locations: out.locations,
    };
  } catch (error) {
    if (error instanceof UnreadableDocumentError) throw error;
    throw new UnreadableDocumentError(`damaged PDF (${firstLine(error)})`);
  } finally {
    await pdf.destroy();
  }
}

/** The page's text items as lines, in reading order as PDF.js gives them. */
function pageLines(items: readonly unknown[]): PageLine[] {
  const lines: PageLine[] = [];
  let current: PageLine | null = null;
  for (const item of items) {
    if (typeof item !== 'object' || item === null || !('str' in item)) continue;
    const { str, hasEOL, transform, height } = item as { str: string; hasEOL: boolean; transform: number[]; height: number };
    if (current === null) current = { text: '', y: transform[5] ?? 0, height: height || Math.abs(transform[3] ?? 0) || 12 };
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

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'error';
}
