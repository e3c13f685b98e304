import type { CorpusDocument, Sentence } from '../corpus/corpusDocument.ts';
import { runSteps, type Steps } from '../slices.ts';
import { ENTITY_TYPES, type EntityType, type TextMatch } from './entityIndex.ts';
import type { Mention } from './entityMentions.ts';

export { entityIndexFromMentions } from './buildEntityIndex.ts';
/**
 * Storing the entity index with a snapshot. Recognising names is most of an entity build (3.2–4.3 s on
 * 2,225 BBC articles, against 0.5 s to group, link and rank the 56k mentions), so a snapshot keeps the
 * mentions (1.2 MB for those articles) and a restored engine runs only the cheaper part:
 *
 *   save:    mentions = await collectMentionsInSlices(documents, sliceMs); index = entityIndexFromMentions(mentions);
 *            writeLines(path, encodeMentions(mentions))
 *   restore: index = entityIndexFromMentions(decodeMentions(lines, documents))
 *
 * The lines refer to the snapshot's own documents, so the mentions part is only valid next to them.
 */
export { collectMentionsInSlices } from './entityMentions.ts';

/**
 * One run of mentions of one document, as a JSON line: `[documentId, mentions]`. Sentence texts are
 * already in the documents, so a mention is only positions: `[sentence, start, end, type, extras?]`,
 * with `sentence` the sentence's `index` in its document and offsets relative to that sentence's start
 * (small numbers, fewer bytes).
 */
type EncodedLine = [doc: string, mentions: EncodedMention[]];
type EncodedMention = [sentence: number, start: number, end: number, type: number, extras?: EncodedExtras];
/** A title or description: offsets relative to the sentence, and its text only when not the verbatim slice. */
type EncodedMatch = [start: number, end: number, text?: string];

/** The optional fields of a mention, under one-letter keys, present only when set (most mentions have none). */
interface EncodedExtras {
  /** `canonical` */
  c?: string;
  /** `title` */
  t?: EncodedMatch;
  /** `description` */
  d?: EncodedMatch;
  /** `weak` */
  w?: 1;
  /** `guessed` */
  g?: 1;
  /** `text`, only when it is not the verbatim slice of the document text (never, as the recogniser works today). */
  x?: string;
}

/** Type codes: positions in `ENTITY_TYPES`, which is append only since stored lines hold them. */
const TYPE_CODES = new Map(ENTITY_TYPES.map((type, code) => [type, code]));

/**
 * Mentions as JSON lines (no newlines), one per run of consecutive mentions of one document, in order:
 * `decodeMentions` gives back the same mentions in the same order, which grouping and card building rely on.
 *
 * @example
 * [...encodeMentions(collectMentions(shippedDocuments))][0]
 * // → '["000_f68f3fbda75e491a",[[0,0,4,2,{"c":"Iran"}],[0,72,79,2,{"c":"Turkey"}],[0,121,140,0,{"t":[80,120]}],…]]'
 */
export function* encodeMentions(mentions: Iterable<Mention>): Iterable<string> {
  let doc: CorpusDocument | undefined;
  let run: EncodedMention[] = [];
  for (const mention of mentions) {
    if (mention.doc !== doc) {
      if (doc && run.length > 0) yield JSON.stringify([doc.id, run] satisfies EncodedLine);
      doc = mention.doc;
      run = [];
    }
    run.push(encodeMention(mention));
  }
  if (doc && run.length > 0) yield JSON.stringify([doc.id, run] satisfies EncodedLine);
}

function encodeMention(mention: Mention): EncodedMention {
  const { doc, sentence } = mention;
  const extras: EncodedExtras = {};
  if (mention.canonical !== undefined) extras.c = mention.canonical;
  if (mention.title) extras.t = encodeMatch(mention.title, doc, sentence);
  if (mention.description) extras.d = encodeMatch(mention.description, doc, sentence);
  if (mention.weak) extras.w = 1;
  if (mention.guessed) extras.g = 1;
  if (mention.text !== doc.text.slice(mention.start, mention.end)) extras.x = mention.text;
  const encoded: EncodedMention = [sentence.index, mention.start - sentence.start, mention.end - sentence.start, typeCode(mention.type)];
  if (Object.keys(extras).length > 0) encoded.push(extras);
  return encoded;
}

function encodeMatch(match: TextMatch, doc: CorpusDocument, sentence: Sentence): EncodedMatch {
  const encoded: EncodedMatch = [match.start - sentence.start, match.end - sentence.start];
  if (match.text !== doc.text.slice(match.start, match.end)) encoded.push(match.text);
  return encoded;
}

function typeCode(type: EntityType): number {
  const code = TYPE_CODES.get(type);
  if (code === undefined) throw new Error(`corpus-qa: cannot store a mention of unknown entity type ${JSON.stringify(type)}`);
  return code;
}

/**
 * The mentions of `encodeMentions` lines, pointing at the very `documents` and sentence objects given (the
 * snapshot's own documents, loaded first), so cards quote and cite them as a fresh build would.
 * Throws an Error with a one-line message naming the line when a line is not JSON of the expected shape, or
 * names a document, sentence or offsets that `documents` do not have.
 *
 * @example
 * const index = entityIndexFromMentions(decodeMentions(lines, engine.documents));
 */
export function decodeMentions(lines: readonly string[], documents: readonly CorpusDocument[]): Mention[] {
  return runSteps(decodeMentionSteps(lines, documents));
}

/** `decodeMentions` as steps that may pause after each line (see `runStepsInSlices`). */
export function* decodeMentionSteps(lines: readonly string[], documents: readonly CorpusDocument[]): Steps<Mention[]> {
  const byId = new Map(documents.map((doc) => [doc.id, doc]));
  const mentions: Mention[] = [];
  const intern = stringInterner();
  for (const [i, line] of lines.entries()) {
    const where = `corpus-qa: entity snapshot line ${i + 1}`;
    const [id, encoded] = parseLine(line, where);
    const doc = byId.get(id);
    if (!doc) throw new Error(`${where} names document ${JSON.stringify(id)}, which the corpus does not have`);
    const sentences = sentencesByIndex(doc);
    for (const entry of encoded) mentions.push(decodeMention(entry, { doc, sentences, where, intern }));
    yield;
  }
  return mentions;
}

/**
 * One copy of each distinct string: a corpus names the same people thousands of times, and a separate short
 * string per mention was a fifth of the mentions' memory.
 */
function stringInterner(): (text: string) => string {
  const strings = new Map<string, string>();
  return (text) => {
    const known = strings.get(text);
    if (known !== undefined) return known;
    strings.set(text, text);
    return text;
  };
}

/** What decoding one line's mentions needs. */
interface DecodeContext {
  doc: CorpusDocument;
  sentences: Sentence[];
  where: string;
  intern: (text: string) => string;
}

function parseLine(line: string, where: string): EncodedLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    throw new Error(`${where} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || !Array.isArray(parsed[1])) {
    throw new Error(`${where} is not [documentId, mentions]: ${line.slice(0, 80)}`);
  }
  return parsed as EncodedLine;
}

/** A document's sentences by their `index` (their position through the document). */
function sentencesByIndex(doc: CorpusDocument): Sentence[] {
  const sentences: Sentence[] = [];
  for (const passage of doc.passages) for (const sentence of passage.sentences) sentences[sentence.index] = sentence;
  return sentences;
}

function decodeMention(entry: EncodedMention, context: DecodeContext): Mention {
  const { doc, sentences, where, intern } = context;
  const [index, start, end, code, extras = {}] = entry;
  const sentence = sentences[index];
  if (!sentence) throw new Error(`${where}: document ${JSON.stringify(doc.id)} has no sentence ${index}`);
  const type = ENTITY_TYPES[code];
  if (!type) throw new Error(`${where}: unknown entity type code ${code} in document ${JSON.stringify(doc.id)}`);
  const span = decodeSpan([start, end], doc, sentence, where);
  const mention: Mention = { doc, sentence, start: span.start, end: span.end, text: intern(extras.x ?? span.text), type };
  if (extras.c !== undefined) mention.canonical = intern(extras.c);
  if (extras.w) mention.weak = true;
  if (extras.g) mention.guessed = true;
  if (extras.t) mention.title = decodeSpan(extras.t, doc, sentence, where, intern);
  if (extras.d) mention.description = decodeSpan(extras.d, doc, sentence, where, intern);
  return mention;
}

/** Sentence-relative offsets back to document offsets; out of the sentence means the lines do not fit these documents. */
function decodeSpan(
  [start, end, text]: EncodedMatch,
  doc: CorpusDocument,
  sentence: Sentence,
  where: string,
  intern: (text: string) => string = (same) => same,
): TextMatch {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= sentence.end - sentence.start)) {
    throw new Error(`${where}: offsets ${start}-${end} lie outside sentence ${sentence.index} of document ${JSON.stringify(doc.id)}`);
  }
  // The sentence's own text (`sentence.text === doc.text.slice(sentence.start, sentence.end)`): a document
  // restored for its names only keeps its sentences, not its text.
  return { start: sentence.start + start, end: sentence.start + end, text: intern(text ?? sentence.text.slice(start, end)) };
}
