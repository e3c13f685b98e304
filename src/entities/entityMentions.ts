import type { CorpusDocument, Sentence } from '../corpus/corpusDocument.ts';
import { runStepsInSlices, type Steps } from '../slices.ts';
import type { EntityType, TextMatch } from './entityIndex.ts';
import { recognizeCandidates } from './recognizeNames.ts';
import { appositiveTitle, description } from './roles.ts';

/** One occurrence of a name in a sentence. Offsets are into the document's text. */
export interface Mention {
  doc: CorpusDocument;
  sentence: Sentence;
  start: number;
  end: number;
  text: string;
  type: EntityType;
  /** The place a demonym or alternative name folds into. */
  canonical?: string;
  /** A title bound to this mention by the sentence, offsets into the document's text. */
  title?: TextMatch;
  /** What the sentence says this is ("a telecommunications operator in Azerbaijan"). */
  description?: TextMatch;
  /** A run of dictionary words that is a name only if the corpus repeats it (see `recognizeCandidates`). */
  weak?: boolean;
  /** The sentence gave no clue to the type (see `RecognizedName.guessed`). */
  guessed?: boolean;
  /**
   * Whether an honorific stands right before it ("Mr Blair"), for mentions restored without their document's
   * text (`followsHonorific` reads it from the text when absent).
   */
  afterHonorific?: boolean;
}

/**
 * Every name in the documents' content sentences (boilerplate is already out of the passages), with the
 * titles and descriptions the sentence binds to it.
 */
export function collectMentions(documents: readonly CorpusDocument[]): Mention[] {
  const mentions: Mention[] = [];
  for (const doc of documents) {
    for (const passage of doc.passages) {
      for (const sentence of passage.sentences) mentions.push(...sentenceMentions(doc, sentence));
    }
  }
  return mentions;
}

/**
 * `collectMentions`, one document at a time, yielding to the event loop whenever `sliceMs` has passed:
 * recognising names is most of an entity build (seconds on a few thousand articles), and a bot must keep
 * answering meanwhile. The mentions come back in the same order as from `collectMentions`. Documents in
 * `known` (unchanged since an earlier build) take their mentions from there instead of being read again.
 */
export async function collectMentionsInSlices(
  documents: readonly CorpusDocument[],
  sliceMs: number,
  onCollected?: (documents: number) => void,
  known?: ReadonlyMap<CorpusDocument, readonly Mention[]>,
): Promise<Mention[]> {
  const mentions = await runStepsInSlices(collectMentionSteps(documents, known), sliceMs, onCollected);
  onCollected?.(documents.length);
  return mentions;
}

/**
 * One passage per step, as `collectMentions` reads them (a 200-page PDF is one document); each step yields
 * how many documents are done.
 */
function* collectMentionSteps(
  documents: readonly CorpusDocument[],
  known?: ReadonlyMap<CorpusDocument, readonly Mention[]>,
): Steps<Mention[], number> {
  const mentions: Mention[] = [];
  for (const [position, document] of documents.entries()) {
    const remembered = known?.get(document);
    if (remembered) {
      for (const mention of remembered) mentions.push(mention);
    } else {
      for (const passage of document.passages) {
        for (const sentence of passage.sentences) for (const mention of sentenceMentions(document, sentence)) mentions.push(mention);
        yield position;
      }
    }
    yield position + 1;
  }
  return mentions;
}

function sentenceMentions(doc: CorpusDocument, sentence: Sentence): Mention[] {
  const shift = (match: TextMatch | undefined): TextMatch | undefined =>
    match && { start: sentence.start + match.start, end: sentence.start + match.end, text: match.text };
  return recognizeCandidates(sentence.text).map((name) => {
    const title = name.type === 'person' ? (name.role ?? appositiveTitle(sentence.text, name.end)) : undefined;
    const mention: Mention = {
      doc,
      sentence,
      start: sentence.start + name.start,
      end: sentence.start + name.end,
      text: name.text,
      type: name.type,
    };
    if (name.canonical) mention.canonical = name.canonical;
    if (name.weak) mention.weak = true;
    if (name.guessed) mention.guessed = true;
    const boundTitle = shift(title);
    if (boundTitle) mention.title = boundTitle;
    const said = name.type === 'place' ? undefined : shift(description(sentence.text, name.end));
    if (said) mention.description = said;
    return mention;
  });
}
