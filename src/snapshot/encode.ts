import type {
  CorpusDocument,
  DocumentBlock,
  DocumentFormat,
  LocationMarker,
  Passage,
  Section,
  Sentence,
} from '../corpus/corpusDocument.ts';
import type { FileStamp } from '../corpus/fileStamps.ts';
import { blockAt, sectionAt } from '../corpus/sections.ts';

/**
 * One document as a snapshot line. Passage and sentence texts are slices of the document text (the file's
 * text, or the text extracted from a Markdown, HTML, PDF or Word file), so only their offsets are stored:
 * `[start, end, [sentenceStart, sentenceEnd, ...]]` per passage. This halves the size and keeps the
 * "verbatim slice" invariant true by construction after loading. `cuts` lists the sentences (by index in
 * the document) that a long sentence was cut after.
 */
type EncodedDocument = [
  id: string,
  path: string,
  title: string,
  date: string | null,
  text: string,
  passages: EncodedPassage[],
  format: DocumentFormat,
  url: string | null,
  author: string | null,
  locations: LocationMarker[],
  cuts: number[],
  titleFromLead: boolean,
  blocks: DocumentBlock[],
  sections: Section[],
  aliases: [string, string][],
];
type EncodedPassage = [start: number, end: number, sentences: number[]];

/** A document as one JSON line (no newline). */
export function encodeDocument(document: CorpusDocument): string {
  const cuts: number[] = [];
  const passages = document.passages.map((passage): EncodedPassage => {
    for (const sentence of passage.sentences) if (sentence.cutAfter) cuts.push(sentence.index);
    return [passage.start, passage.end, passage.sentences.flatMap((sentence) => [sentence.start, sentence.end])];
  });
  const encoded: EncodedDocument = [
    document.id,
    document.path,
    document.title,
    document.date,
    document.text,
    passages,
    document.format,
    document.url,
    document.author,
    document.locations,
    cuts,
    document.titleFromLead,
    document.blocks,
    document.sections,
    document.aliases,
  ];
  return JSON.stringify(encoded);
}

/** The document back from `encodeDocument`; sentence indexes run through the document, as when built. */
export function decodeDocument(line: string): CorpusDocument {
  const [id, path, title, date, text, encodedPassages, format, url, author, locations, cutList, titleFromLead, blocks, sections, aliases] =
    JSON.parse(line) as EncodedDocument;
  const cuts = new Set(cutList);
  let sentenceIndex = 0;
  const passages = encodedPassages.map(([start, end, offsets], index): Passage => {
    const passageId = `${id}#${index}`;
    const sentences: Sentence[] = [];
    for (let i = 0; i < offsets.length; i += 2) {
      const sentenceStart = offsets[i]!;
      const sentenceEnd = offsets[i + 1]!;
      const sentence: Sentence = {
        doc: id,
        passage: passageId,
        index: sentenceIndex,
        start: sentenceStart,
        end: sentenceEnd,
        text: text.slice(sentenceStart, sentenceEnd),
      };
      if (cuts.has(sentenceIndex - 1)) sentence.cutBefore = true;
      if (cuts.has(sentenceIndex)) sentence.cutAfter = true;
      if (blockAt(blocks, sentenceStart)?.kind === 'code') sentence.code = true;
      sentences.push(sentence);
      sentenceIndex += 1;
    }
    const headings = sectionAt(sections, start)?.headings ?? [];
    return { id: passageId, doc: id, index, start, end, text: text.slice(start, end), sentences, headings };
  });
  return { id, path, title, titleFromLead, date, text, passages, format, url, author, locations, blocks, sections, aliases };
}

/** A corpus file's stamp as a snapshot line: `[path, size, mtimeMs, ctimeMs, ino, takenMs, sha256 | null]`. */
type EncodedSource = [path: string, size: number, mtimeMs: number, ctimeMs: number, ino: number, takenMs: number, sha256: string | null];

/** The stamp (and content hash) of the corpus file at `path` as one JSON line (no newline). */
export function encodeSource(path: string, stamp: FileStamp): string {
  const encoded: EncodedSource = [path, stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino, stamp.takenMs, stamp.sha256 ?? null];
  return JSON.stringify(encoded);
}

/** A path and stamp back from `encodeSource`; throws on a line of any other shape. */
export function decodeSource(line: string): [string, FileStamp] {
  const fields = JSON.parse(line) as unknown;
  if (!Array.isArray(fields) || fields.length !== 7 || typeof fields[0] !== 'string')
    throw new Error(`not a source line: ${line.slice(0, 80)}`);
  const [path, size, mtimeMs, ctimeMs, ino, takenMs, sha256] = fields as EncodedSource;
  if (![size, mtimeMs, ctimeMs, ino, takenMs].every((value) => typeof value === 'number' && Number.isFinite(value))) {
    throw new Error(`not a source line: ${line.slice(0, 80)}`);
  }
  if (sha256 !== null && !(typeof sha256 === 'string' && /^[0-9a-f]{64}$/.test(sha256)))
    throw new Error(`not a source line: ${line.slice(0, 80)}`);
  return [path, { size, mtimeMs, ctimeMs, ino, takenMs, ...(sha256 !== null && { sha256 }) }];
}
