import { readDocx } from './docx.ts';
import type { ExtractedDocument } from './extractedDocument.ts';
import { readHtml } from './html.ts';
import { readMarkdown } from './markdown.ts';
import { boundMarkdown } from './markdownLimits.ts';
import { readPdf } from './pdf.ts';
import { readPlainText } from './plainText.ts';

/** How one kind of file is read: from its decoded text, or from its bytes. */
export type DocumentReader =
  | { input: 'text'; read: (text: string) => ExtractedDocument }
  | { input: 'bytes'; read: (bytes: Uint8Array) => Promise<ExtractedDocument> };

/** The reader of each file extension the corpus serves: the one list of supported formats. */
export const DOCUMENT_READERS: Readonly<Record<string, DocumentReader>> = {
  '.txt': { input: 'text', read: readPlainText },
  '.md': { input: 'text', read: readBoundedMarkdown },
  '.markdown': { input: 'text', read: readBoundedMarkdown },
  '.html': { input: 'text', read: readHtml },
  '.htm': { input: 'text', read: readHtml },
  '.pdf': { input: 'bytes', read: readPdf },
  '.docx': { input: 'bytes', read: readDocx },
};

/** Markdown read within the reading limits (see `boundMarkdown`). */
function readBoundedMarkdown(text: string): ExtractedDocument {
  return readMarkdown(boundMarkdown(text));
}

/** File extensions served, lower case with the dot. */
export const CORPUS_EXTENSIONS: ReadonlySet<string> = new Set(Object.keys(DOCUMENT_READERS));
