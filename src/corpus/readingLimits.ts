/**
 * How much of one file the corpus reader will take on. Each limit is checked while the file is read (before
 * the bytes, the inflated parts or the elements past it are held in memory), and a file over one is skipped
 * with a warning that names it; the rest of the corpus is served. docs/reliability.md gives the reason and
 * the measurement behind each.
 */
export const READING_LIMITS = {
  /** Largest corpus file read, checked from its size before any byte is read: logs and dumps, not articles. */
  fileBytes: 32 * 1024 * 1024,
  /**
   * Elements nested deeper than this in an HTML page are unwrapped (their text kept at this depth) before
   * the page is parsed: Readability's and linkedom's work grows with depth times size (1,000 nested
   * elements took Readability 13 s).
   */
  htmlDepth: 256,
  /** Most elements an HTML page (or the HTML of a Word document) may hold: parsing and reading it is one synchronous step. */
  htmlElements: 50_000,
  /**
   * Readability reads a page only when the depths of its elements add up to at most this (a page of 5,000
   * elements 100 deep); a larger page is read whole, navigation, asides, footers and scripts left out.
   */
  readabilityDepthSum: 500_000,
  /**
   * Longest run of leading white space and quote markers (`>`) a Markdown line keeps; the rest is cut
   * before the file is read, so lists and quotes nest at most this deep (marked's time grows with depth).
   */
  markdownPrefix: 128,
  /** Most entries in a Word document's zip, checked in its central directory before anything is inflated. */
  zipEntries: 10_000,
  /**
   * Most bytes the parts of a Word document that are read (its XML: text, styles, numbering, notes) may
   * inflate to, all together; inflating stops at the limit. mammoth needs about 45 times this in memory.
   */
  wordXmlBytes: 16 * 1024 * 1024,
  /** Longest a PDF's text layer may take to read, in its worker thread: a PDF that takes longer is skipped. */
  pdfMs: 120_000,
  /** Most memory the PDF worker thread may use (old generation, MB): past it the worker stops and the PDF is skipped. */
  pdfHeapMb: 1024,
} as const;

/** `32 MiB`, `16 MiB`: how a limit in bytes is named in a warning. */
export function mebibytes(bytes: number): string {
  return `${bytes / 1024 / 1024} MiB`;
}
