/**
 * How much of one file the corpus reader will take on. Each limit is checked while the file is read (before
 * the bytes, the inflated parts or the elements past it are held in memory), and a file over one is skipped
 * with a warning that names it; the rest of the corpus is served. docs/reliability.md gives the reason and
 * the measurement behind each.
 */
export const READING_LIMITS = {
  /** Largest corpus file read, checked from its size before any byte is read: logs and dumps, not articles. */
  fileBytes: 32 * 1024 * 1024,
} as const;

/** `32 MiB`, `16 MiB`: how a limit in bytes is named in a warning. */
export function mebibytes(bytes: number): string {
  return `${bytes / 1024 / 1024} MiB`;
}
