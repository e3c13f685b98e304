import type { CorpusDocument, Passage, Sentence } from '../corpus/types.ts';

/**
 * One document as a snapshot line. Passage and sentence texts are slices of the document text, so only their
 * offsets are stored: `[start, end, [sentenceStart, sentenceEnd, ...]]` per passage. This halves the size and
 * keeps the "verbatim slice" invariant true by construction after loading.
 */
type EncodedDocument = [id: string, path: string, title: string, date: string | null, text: string, passages: EncodedPassage[]];
type EncodedPassage = [start: number, end: number, sentences: number[]];

/** A document as one JSON line (no newline). */
export function encodeDocument(document: CorpusDocument): string {
  const passages = document.passages.map(
    (passage): EncodedPassage => [passage.start, passage.end, passage.sentences.flatMap((sentence) => [sentence.start, sentence.end])],
  );
  const encoded: EncodedDocument = [document.id, document.path, document.title, document.date, document.text, passages];
  return JSON.stringify(encoded);
}

/** The document back from `encodeDocument`; sentence indexes run through the document, as when built. */
export function decodeDocument(line: string): CorpusDocument {
  const [id, path, title, date, text, encodedPassages] = JSON.parse(line) as EncodedDocument;
  let sentenceIndex = 0;
  const passages = encodedPassages.map(([start, end, offsets], index): Passage => {
    const passageId = `${id}#${index}`;
    const sentences: Sentence[] = [];
    for (let i = 0; i < offsets.length; i += 2) {
      const sentenceStart = offsets[i]!;
      const sentenceEnd = offsets[i + 1]!;
      sentences.push({
        doc: id,
        passage: passageId,
        index: sentenceIndex++,
        start: sentenceStart,
        end: sentenceEnd,
        text: text.slice(sentenceStart, sentenceEnd),
      });
    }
    return { id: passageId, doc: id, index, start, end, text: text.slice(start, end), sentences };
  });
  return { id, path, title, date, text, passages };
}
