/** A half-open character range `[start, end)` into a document's original file text. */
export interface TextSpan {
  start: number;
  end: number;
}

/** One sentence, copied verbatim from its document: `text === document.text.slice(start, end)`. */
export interface Sentence extends TextSpan {
  /** Id of the document the sentence belongs to. */
  doc: string;
  /** Id of the passage the sentence belongs to. */
  passage: string;
  /** Position of the sentence in its document, from 0. */
  index: number;
  text: string;
}

/** A retrieval unit: a paragraph, or a piece of a long one. `text` is the verbatim slice. */
export interface Passage extends TextSpan {
  /** `${doc}#${index}` */
  id: string;
  doc: string;
  /** Position of the passage in its document, from 0. */
  index: number;
  text: string;
  sentences: Sentence[];
}

/** A cleaned corpus document. Offsets everywhere refer to `text`, the file's full decoded text. */
export interface CorpusDocument {
  /** Path relative to the corpus folder, without extension, `/`-separated: `001_84108df0aac265aa`. */
  id: string;
  /** The file's path relative to the corpus folder, `/`-separated (`guide/setup.md`): never the server's own path. */
  path: string;
  /**
   * The whole decoded file text, unmodified: for a UTF-8 file exactly `readFileSync(file, 'utf8')`, a
   * byte-order mark kept as U+FEFF, so offsets are UTF-16 code-unit indexes into what any reader of the file sees.
   */
  text: string;
  /** The headline when the file has one, else a title derived from the lead sentence. */
  title: string;
  /** ISO date (`YYYY-MM-DD`) when the text carries one. */
  date: string | null;
  /** Content passages, boilerplate dropped, in document order. */
  passages: Passage[];
}

/** Raw input for building an engine from memory rather than a folder. */
export interface DocumentInput {
  id: string;
  text: string;
  /** Defaults to `${id}.txt`. */
  path?: string;
}

/** A file that could not be served, and why: reported once, never fatal for the corpus. */
export interface CorpusWarning {
  path: string;
  reason: string;
}
