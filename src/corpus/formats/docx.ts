import mammoth from 'mammoth';
import { parseDocument } from './dom.ts';
import { type ExtractedDocument, UnreadableDocumentError } from './extractedDocument.ts';
import { htmlBlocks } from './htmlBlocks.ts';
import { boundHtml } from './htmlLimits.ts';
import { WordArchive } from './wordArchive.ts';

/**
 * Reads a Word document with mammoth, which turns its paragraphs, headings, lists and tables into plain
 * HTML by their styles; that HTML is read like a web page's body (images dropped, never fetched). The
 * title is the first heading (Word's Title style included). The zip is opened by `WordArchive`, which
 * stops inflating at the reading limits; the HTML is held to them too (`boundHtml`). Throws
 * UnreadableDocumentError for a file that is not a Word document (another zip, a damaged one) and for one
 * over a limit.
 */
export async function readDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  const archive = WordArchive.open(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      // mammoth reads a document through `exists` and `read` of what it is given as `file`.
      { file: archive } as unknown as { buffer: Buffer },
      {
        styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"],
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch (error) {
    if (error instanceof UnreadableDocumentError) throw error;
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new UnreadableDocumentError(`not a readable Word document (${message})`);
  }
  const page = boundHtml(`<!doctype html><html><body>${html}</body></html>`, 'Word document');
  const body = parseDocument(page.html).body;
  const { out, firstHeading } = htmlBlocks(body!);
  if (out.text === '') throw new UnreadableDocumentError('Word document without text');
  return {
    format: 'docx',
    text: out.text,
    blocks: out.blocks,
    title: firstHeading,
    date: null,
    url: null,
    author: null,
    locations: out.locations,
  };
}
