import { lastStartingBy } from '../corpus/byOffset.ts';
import type { CorpusDocument, LocationMarker, Passage, Sentence } from '../corpus/corpusDocument.ts';
import { followsHonorific } from '../entities/aliases.ts';
import type { Mention } from '../entities/entityMentions.ts';
import { decodeMentionSteps, encodeMentions } from '../entities/snapshot.ts';
import type { Steps } from '../slices.ts';

/**
 * One document's recognised names as the search index stores them (a row of `search_mentions`): the mentions
 * as a snapshot encodes them (`encodeMentions`), and of the document only what grouping them and a card's
 * quotes and citations read, so the entity index is built without loading the corpus.
 */
export interface StoredMentions {
  /** What a citation names: the document's id, title, path, URL, date, and the locations its sentences start in. */
  doc: Pick<CorpusDocument, 'id' | 'title' | 'path' | 'url' | 'date' | 'locations'>;
  /** The sentences that name something: `[index, passage, start, end, text, cut]` (cut: 1 before, 2 after, 3 both). */
  sentences: [index: number, passage: number, start: number, end: number, text: string, cut: number][];
  /** The `encodeMentions` line of the document's mentions. */
  line: string;
  /** Positions in the line of the mentions an honorific stands right before ("Mr Blair"). */
  honorific: number[];
}

/** A document's mentions (all of one document, in order) as a stored row. */
export function storedMentions(document: CorpusDocument, mentions: readonly Mention[]): StoredMentions {
  const sentences = new Map<number, Sentence>();
  for (const mention of mentions) sentences.set(mention.sentence.index, mention.sentence);
  const locations = new Map<number, LocationMarker>();
  for (const sentence of sentences.values()) {
    // The marker in force where each sentence starts: among them, it is still the last one starting by it.
    const marker = lastStartingBy(document.locations, sentence.start);
    if (marker) locations.set(marker.start, marker);
  }
  const { id, title, path, url, date } = document;
  return {
    doc: { id, title, path, url, date, locations: [...locations.values()].sort((a, b) => a.start - b.start) },
    sentences: [...sentences.values()].map((sentence) => [
      sentence.index,
      Number(sentence.passage.slice(sentence.passage.lastIndexOf('#') + 1)),
      sentence.start,
      sentence.end,
      sentence.text,
      (sentence.cutBefore ? 1 : 0) + (sentence.cutAfter ? 2 : 0),
    ]),
    line: [...encodeMentions(mentions)].join(''),
    honorific: mentions.flatMap((mention, i) => (followsHonorific(mention) ? [i] : [])),
  };
}

/**
 * The mentions of stored rows, in the rows' order (the folder's), each pointing at a document restored for
 * its names only: its citation's fields and the sentences that name something, with no text or layout.
 * Cards built over them quote and cite as over the documents themselves.
 */
export function* decodeStoredMentionSteps(rows: Iterable<StoredMentions>): Steps<Mention[]> {
  const mentions: Mention[] = [];
  for (const row of rows) {
    if (row.line === '') continue;
    const decoded = yield* decodeMentionSteps([row.line], [namesOnlyDocument(row)]);
    const honorific = new Set(row.honorific);
    for (const [i, mention] of decoded.entries()) {
      mention.afterHonorific = honorific.has(i);
      mentions.push(mention);
    }
  }
  return mentions;
}

function namesOnlyDocument({ doc, sentences }: StoredMentions): CorpusDocument {
  const passages = new Map<number, Passage>();
  for (const [index, passage, start, end, text, cut] of sentences) {
    const id = `${doc.id}#${passage}`;
    let held = passages.get(passage);
    if (!held) {
      held = { id, doc: doc.id, index: passage, text: '', sentences: [], headings: [], start, end };
      passages.set(passage, held);
    }
    const sentence: Sentence = { doc: doc.id, passage: id, index, start, end, text };
    if (cut & 1) sentence.cutBefore = true;
    if (cut & 2) sentence.cutAfter = true;
    held.sentences.push(sentence);
  }
  return {
    ...doc,
    text: '',
    titleFromLead: false,
    passages: [...passages.values()],
    format: 'text',
    author: null,
    blocks: [],
    sections: [],
    aliases: [],
  };
}
