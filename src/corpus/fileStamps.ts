/**
 * What `stat` says of a file's content, and what its bytes hash to when they were read: a file whose stamp is
 * the same as when it was read has not been written since (see `isUnchanged`).
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** Set by every write and rename, and unlike the modification time never set back (`touch -d`, an unpacked archive). */
  ctimeMs: number;
  ino: number;
  /** When the stamp was taken, on this process's clock. */
  takenMs: number;
  /**
   * SHA-256 (hex) of the bytes read at this stamp; absent when the file was not read whole (too large,
   * unreadable). What the snapshot's fingerprint is made of, so a rewrite that keeps the size and the
   * modification time (`cp -p`, `tar`) still shows.
   */
  sha256?: string;
}

/**
 * A file written this close to when its stamp was taken may be written again within the same tick of a
 * coarse file system clock (FAT keeps 2 s, some network file systems 1 s) without its stamp changing: such
 * a stamp is not trusted, and the file is read again next time.
 */
export const RACY_MS = 2_000;

/** Whether a file stamped `before` (when it was read) and `now` holds what it held then. */
export function isUnchanged(before: FileStamp, now: FileStamp): boolean {
  return (
    before.size === now.size &&
    before.mtimeMs === now.mtimeMs &&
    before.ctimeMs === now.ctimeMs &&
    before.ino === now.ino &&
    // A later write sets the modification time to the clock's time then: it differs from one this old.
    before.takenMs - before.mtimeMs > RACY_MS
  );
}

/** The stamp of what `stat` returned, taken now. */
export function stampOf(info: { size: number; mtimeMs: number; ctimeMs: number; ino: number }, sha256?: string): FileStamp {
  const stamp: FileStamp = { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino, takenMs: Date.now() };
  if (sha256 !== undefined) stamp.sha256 = sha256;
  return stamp;
}
