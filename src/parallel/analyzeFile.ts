import { buildDocument, type SegmentOptions } from '../corpus/buildDocument.ts';
import type { CorpusDocument } from '../corpus/corpusDocument.ts';
import { corpusPath } from '../corpus/documentIds.ts';
import type { FileStamp } from '../corpus/fileStamps.ts';
import type { StampedEntry } from '../corpus/listCorpusFiles.ts';
import { type FileSafety, readDocument, type Skipped } from '../corpus/readCorpusFiles.ts';
import { collectMentions, type Mention } from '../entities/entityMentions.ts';
import { firstLineOf } from '../errors.ts';

/** One corpus file to read and analyze, with the URL its folder's manifest gives it (`PublishedUrls`), if any. */
export interface AnalyzeTask {
  entry: StampedEntry;
  where: FileSafety;
  url: string | null;
  options: SegmentOptions;
}

/**
 * A file read, cleaned into a document and its names recognised (`mentions` null when recognising them
 * failed: the names phase then meets the same failure as a single-threaded build); or read but failing
 * analysis (`failure`, the error's first line); or skipped when read, and why.
 */
export type AnalyzedFile =
  | { document: CorpusDocument; mentions: Mention[] | null; bytes: number; stamp: FileStamp }
  | { failure: string; bytes: number; stamp: FileStamp }
  | Skipped;

/**
 * Everything a build does to one file before indexing it, as a single-threaded build does it: read with
 * its format's reader, cleaned into a document (`buildDocument`), names recognised (`collectMentions`).
 * Never throws for a file: what a build would warn about comes back as `failure` or `reason`.
 */
export async function analyzeFile({ entry, where, url, options }: AnalyzeTask): Promise<AnalyzedFile> {
  const read = await readDocument(entry, where);
  if ('reason' in read) return read;
  const { bytes, stamp } = read;
  const extracted = url === null ? read.extracted : { ...read.extracted, url };
  let document: CorpusDocument;
  try {
    document = buildDocument(entry.id, corpusPath(entry.rel), extracted, options);
  } catch (error) {
    return { failure: firstLineOf(error), bytes, stamp };
  }
  let mentions: Mention[] | null;
  try {
    mentions = collectMentions([document]);
  } catch {
    mentions = null;
  }
  // Sent in one message, so each mention's `doc` and `sentence` are still this document's own objects.
  return { document: withoutSlicedText(document), mentions, bytes, stamp };
}

/**
 * The document with each passage's and sentence's text left empty: they are slices of its text, which a
 * message would copy twice over (the reading thread slices them again, `withSlicedText`).
 */
function withoutSlicedText(document: CorpusDocument): CorpusDocument {
  for (const passage of document.passages) {
    passage.text = '';
    for (const sentence of passage.sentences) sentence.text = '';
  }
  return document;
}

/** The document with each passage's and sentence's text a slice of its text again, as a single-threaded build makes them. */
export function withSlicedText(document: CorpusDocument): CorpusDocument {
  for (const passage of document.passages) {
    passage.text = document.text.slice(passage.start, passage.end);
    for (const sentence of passage.sentences) sentence.text = document.text.slice(sentence.start, sentence.end);
  }
  return document;
}
