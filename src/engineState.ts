import type { CorpusDocument, CorpusWarning } from './corpus/corpusDocument.ts';
import type { SourceStamps } from './corpus/loadCorpus.ts';
import { entityIndexFromMentions, entityIndexFromMentionsInSlices } from './entities/buildEntityIndex.ts';
import type { EntityIndex } from './entities/entityIndex.ts';
import { collectMentions, collectMentionsInSlices, type Mention } from './entities/entityMentions.ts';
import { NameSearch } from './search/nameSearch.ts';
import { atPausePoint, runStepsInSlices, type Steps } from './slices.ts';
import { givenNames } from './vocabulary/givenNames.ts';
import { Glossary } from './vocabulary/glossary.ts';
import type { PhraseBridge } from './vocabulary/phraseBridge.ts';

/** The corpus folder's glossary (`glossary.yaml`) and what was wrong with it; read with the folder, never snapshotted. */
export interface GlossaryReading {
  glossary: Glossary;
  warnings: readonly CorpusWarning[];
}

/**
 * What an engine answers from at one moment. Never changed: `Engine.update` builds the next state and swaps
 * it in whole. Each lookup worked out on first use (`RecognisedNames`, `DocumentsLookup`) holds the documents
 * it is worked out from, so a state carries a lookup of other documents only on purpose (`namesCurrent`, `titles`).
 * The passage index is not part of it: a change is applied to that in place (see `Engine.update`).
 */
export interface EngineState {
  /** The corpus documents, in the corpus folder's order. */
  readonly documents: readonly CorpusDocument[];
  /** The files that could not be served, and why. */
  readonly warnings: readonly CorpusWarning[];
  /** The stamps of the files the documents were read from (unknown for documents given in memory). */
  readonly sources: SourceStamps | undefined;
  readonly glossary: GlossaryReading;
  /**
   * The names recognised in the documents and the entity index over them. While `update` recognises the
   * names of changed documents again they are the previous documents' names, and `namesCurrent` is false.
   */
  readonly names: RecognisedNames;
  readonly namesCurrent: boolean;
  /**
   * The title index `findDocuments` uses. After a change it is the previous documents' until `update` has
   * rebuilt it in slices, if it was built.
   */
  readonly titles: DocumentsLookup<NameSearch<CorpusDocument>>;
  /** The names the documents give one thing (`givenNames`), gathered on the first question. */
  readonly givenNames: DocumentsLookup<PhraseBridge>;
  /** Bytes of text before each document (and in all, last), for progress reports. */
  readonly textBytesBefore: DocumentsLookup<number[]>;
}

/** What a new state is made of; every lookup starts unbuilt unless names are given. */
interface StateParts {
  documents: readonly CorpusDocument[];
  warnings: readonly CorpusWarning[];
  sources?: SourceStamps | undefined;
  glossary?: GlossaryReading;
  names?: RecognisedNames;
}

/** A state over new documents, with fresh lookups. */
export function newState({ documents, warnings, sources, glossary = noGlossary, names }: StateParts): EngineState {
  return {
    documents,
    warnings,
    sources,
    glossary,
    names: names ?? new RecognisedNames(documents),
    namesCurrent: true,
    titles: new DocumentsLookup(
      documents,
      (listed) => NameSearch.build(listed, titleEntry),
      (listed) => NameSearch.buildSteps(listed, titleEntry),
    ),
    givenNames: new DocumentsLookup(documents, givenNames),
    textBytesBefore: new DocumentsLookup(documents, textBytesBefore),
  };
}

/** Bytes of text in the state's first `files` documents, and in all, for progress reports. */
export function progressBytes(state: EngineState, files: number): { bytes: number; totalBytes: number } {
  const before = state.textBytesBefore.get();
  return { bytes: before[files]!, totalBytes: before.at(-1)! };
}

/**
 * A value worked out from one list of documents on first use, in one go or (given steps) in slices, and
 * kept with that list.
 */
export class DocumentsLookup<T> {
  private value: T | undefined;

  constructor(
    readonly documents: readonly CorpusDocument[],
    private readonly build: (documents: readonly CorpusDocument[]) => T,
    private readonly buildSteps?: (documents: readonly CorpusDocument[]) => Steps<T>,
  ) {}

  /** The value, if it has been worked out. */
  get built(): T | undefined {
    return this.value;
  }

  get(): T {
    this.value ??= this.build(this.documents);
    return this.value;
  }

  /** Works the value out now in slices of at most `sliceMs`, unless it is worked out. */
  async prepare(sliceMs: number): Promise<T> {
    this.value ??= this.buildSteps ? await runStepsInSlices(this.buildSteps(this.documents), sliceMs) : this.build(this.documents);
    return this.value;
  }
}

/**
 * The names recognised in one list of documents (restored from a snapshot, or recognised on first use) and the
 * entity index over them, each worked out once.
 */
export class RecognisedNames {
  private index: EntityIndex | undefined;

  /** `reusableNames`: names recognised earlier for documents of this list, taken instead of being recognised again. */
  constructor(
    readonly documents: readonly CorpusDocument[],
    private list?: Mention[],
    private reusableNames?: ReadonlyMap<CorpusDocument, readonly Mention[]>,
  ) {}

  /** Names recognised earlier that recognising these documents' names will take, until it has. */
  get reusable(): ReadonlyMap<CorpusDocument, readonly Mention[]> | undefined {
    return this.reusableNames;
  }

  /** The recognised names, if they have been recognised. */
  get mentions(): Mention[] | undefined {
    return this.list;
  }

  get indexBuilt(): boolean {
    return this.index !== undefined;
  }

  /** The entity index, recognising and indexing the names in one go unless that is done. */
  entities(): EntityIndex {
    this.list ??= collectMentions(this.documents);
    this.index ??= entityIndexFromMentions(this.list);
    return this.index;
  }

  /** Recognises the names now in slices of at most `sliceMs`, unless that is done; `onCollected` hears how many documents are. */
  async recognise(sliceMs: number, onCollected?: (documents: number) => void): Promise<Mention[]> {
    this.list ??= await collectMentionsInSlices(this.documents, sliceMs, onCollected, this.reusableNames);
    this.reusableNames = undefined;
    return this.list;
  }

  /** `recognise`, then builds the entity index in slices unless it is built. */
  async prepare(sliceMs: number, onCollected?: (documents: number) => void): Promise<EntityIndex> {
    const mentions = await this.recognise(sliceMs, onCollected);
    this.index ??= await entityIndexFromMentionsInSlices(mentions, sliceMs);
    return this.index;
  }

  /** The recognised names by document, if they have been recognised; pauses every few thousand names. */
  *byDocumentSteps(): Steps<Map<CorpusDocument, Mention[]> | undefined> {
    const { list: mentions, documents } = this;
    if (!mentions) return undefined;
    const byDocument = new Map<CorpusDocument, Mention[]>();
    for (const [i, document] of documents.entries()) {
      byDocument.set(document, []);
      if (atPausePoint(i)) yield;
    }
    for (const [i, mention] of mentions.entries()) {
      byDocument.get(mention.doc)?.push(mention);
      if (atPausePoint(i, 5000)) yield;
    }
    return byDocument;
  }
}

const noGlossary: GlossaryReading = { glossary: Glossary.empty, warnings: [] };

/** A document as title autocomplete finds it: by its title, or by its id. */
const titleEntry = (document: CorpusDocument) => ({ name: document.title, aliases: [document.id] });

function textBytesBefore(documents: readonly CorpusDocument[]): number[] {
  const before = [0];
  for (const document of documents) before.push(before.at(-1)! + Buffer.byteLength(document.text));
  return before;
}
