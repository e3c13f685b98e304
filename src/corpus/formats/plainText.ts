import type { ExtractedDocument } from './extractedDocument.ts';

/** A `.txt` file is its own clean text: quotes are slices of the file, and the text rules find title and date. */
export function readPlainText(text: string): ExtractedDocument {
  return { format: 'text', text, title: null, date: null, url: null, author: null, locations: [] };
}
