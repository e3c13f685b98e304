import type { TextSpan } from '../text/tokens.ts';

/** Defined with the tokenizer (which the corpus is read with); offsets into a document's original file text. */
export type { TextSpan };

/** One sentence, copied verbatim from its document: `text === document.text.slice(start, end)`. */
export interface Sentence extends TextSpan {
  /**
   * Set on the pieces of a sentence longer than `maxSentenceChars`, cut at spaces: the sentence goes on
   * before `start` / after `end`, and whoever shows the piece shows "…" there.
   */
  cutBefore?: true;
  cutAfter?: true;
  /** A code block (or a piece of one, cut at a line break), not prose: its lines are quoted as they are. */
  code?: true;
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
  /** The headings the passage is under, outermost first (`['Guide', 'Editing responses']`); empty when none. */
  headings: readonly string[];
}

/** What a stretch of a structured document is, for cutting answers that follow its layout. */
export interface DocumentBlock extends TextSpan {
  /** A paragraph, one item of a list or row of a table, or a code block (kept verbatim, lines and all). */
  kind: 'prose' | 'item' | 'code';
  /** The items of one list, or rows of one table, share a group. */
  group?: number;
  /** A code block's language (`ts`, `bash`), when its fence names one. */
  language?: string;
  /** The admonition the block stands in (`tip`, `warning`), when it does. */
  note?: string;
  /** Inline code in the block (`editReply()`, `PORT`), by offsets into the document. */
  code?: TextSpan[];
}

/** A document's stretch under one heading, up to the next heading of any level. */
export interface Section extends TextSpan {
  /** The heading path, outermost first: the page's own heading, then each level down to this one. */
  headings: readonly string[];
  /** The heading's anchor on the published page, when the format gives one. */
  anchor?: string;
}

/** How a file was read. */
export type DocumentFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'docx';

/** Where a stretch of a document's text lies in its original file, as far as the format tells. */
export interface SourceLocation {
  /** PDF: the page, from 1. */
  page?: number;
  /** Markdown: the line of the file the block starts on, from 1. */
  line?: number;
  /** The heading of the section the text is under. */
  section?: string;
  /** That heading's anchor: its HTML id, or the slug a Markdown site gives it (`capacity-and-trade`). */
  anchor?: string;
}

/** A location that holds from `start` in the document text up to the next marker. */
export interface LocationMarker extends SourceLocation {
  start: number;
}

/**
 * A cleaned corpus document. Offsets everywhere refer to `text`: for a `.txt` file the file's own text, for
 * other formats the text extracted from the file (which snapshots store, and `locations` map back).
 */
export interface CorpusDocument {
  /** Path relative to the corpus folder, without extension, `/`-separated: `001_84108df0aac265aa`. */
  id: string;
  /** The file's path relative to the corpus folder, `/`-separated (`guide/setup.md`): never the server's own path. */
  path: string;
  /**
   * The text quotes are cut from. For `.txt`: the whole decoded file, unmodified — for a UTF-8 file exactly
   * `readFileSync(file, 'utf8')`, a byte-order mark kept as U+FEFF — so offsets are UTF-16 code-unit indexes
   * into what any reader of the file sees. For other formats: the clean text the format's reader extracted
   * (blocks separated by a blank line, white space within a block collapsed to single spaces).
   */
  text: string;
  /** The title the file's metadata gives, else its headline or first heading, else one derived from the lead sentence. */
  title: string;
  /**
   * No metadata, headline or heading named the title: it was cut from the lead sentence. The lead already
   * says its words, so retrieval does not count them a second time as a boosted title.
   */
  titleFromLead: boolean;
  /** ISO date (`YYYY-MM-DD`) when the text or the file's metadata carries one. */
  date: string | null;
  /** Content passages, boilerplate dropped, in document order. */
  passages: Passage[];
  format: DocumentFormat;
  /** Where the document is published: its own metadata (front matter, canonical link), else `baseUrl` + path. */
  url: string | null;
  author: string | null;
  /** Where stretches of `text` lie in the original file, by `start`; empty for plain text, whose offsets are the file's. */
  locations: LocationMarker[];
  /** The content's layout (paragraphs, list items, code blocks) by `start`; empty when the format tells none. */
  blocks: DocumentBlock[];
  /** The sections under the document's headings, by `start`; empty when it has none. */
  sections: Section[];
  /**
   * Names the document gives one thing ("Information and Communication Technologies" = "ICT"; "guild",
   * "also called a server"; its front matter's aliases of its title), as pairs: a question may say either.
   */
  aliases: [string, string][];
}

/** Raw input for building an engine from memory rather than a folder. */
export interface DocumentInput {
  id: string;
  text: string;
  /** Defaults to `${id}.txt`; how its extension decides the reading: `documentsFromInputs`. */
  path?: string;
}

/** A file that could not be served, and why: reported once, never fatal for the corpus. */
export interface CorpusWarning {
  path: string;
  reason: string;
}

/** Where a quote comes from. `start`/`end` are offsets of the quote in the document's text. */
export interface Citation extends TextSpan {
  doc: string;
  title: string;
  /** The file's path inside the corpus folder. */
  path: string;
  /** A link to the quote's document (down to its page or section where the format tells), or null. */
  url: string | null;
  date: string | null;
  /** Where the quote lies in the original file (PDF page, Markdown line, section), or null for plain text. */
  location: SourceLocation | null;
  /** The quote is a piece of a longer sentence, cut at spaces: text goes on before it, after it, or both. */
  elided: 'before' | 'after' | 'both' | null;
}
