import { mebibytes, READING_LIMITS } from './readingLimits.ts';

/**
 * The decoded text, or the reason it cannot be served. UTF-8 (with or without a byte-order mark) and UTF-16
 * with a byte-order mark are read; the mark is kept as U+FEFF, and control characters are blanked
 * (`blankControlCharacters`), so the text is `readFileSync(path, 'utf8')` for a UTF-8 file with each
 * control character a space, and every offset is an index into both.
 */
export function decodeCorpusBuffer(buffer: Buffer): { text: string; bytes: number } | string {
  if (buffer.length > READING_LIMITS.fileBytes) return tooLarge();
  const utf16 = utf16Encoding(buffer);
  if (utf16 === 'unmarked') return 'UTF-16 text without a byte-order mark, skipped (re-save it as UTF-8)';
  if (utf16 === null && looksBinary(buffer)) return 'binary file (not text), skipped';
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    return utf16 ? 'damaged UTF-16 text, skipped (re-save it as UTF-8)' : 'not valid UTF-8 text, skipped (re-save it as UTF-8)';
  }
  if (text.replace(/^\ufeff/, '').trim() === '') return 'empty file, skipped';
  return { text: blankControlCharacters(text), bytes: buffer.length };
}

/** The warning for a file over `READING_LIMITS.fileBytes`. */
export function tooLarge(): string {
  return `larger than ${mebibytes(READING_LIMITS.fileBytes)}, skipped`;
}

/** Control characters other than tab, line feed and carriage return: C0, DEL and C1. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Terminal escape sequences as a whole (CSI `ESC [ … m`, its one-character form U+009B, OSC `ESC ] … BEL`
 * such as a window-title change, an escape and the character after it), else one control character.
 */
const CONTROL_RUN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for.
  /\u001b\[[0-?]{0,64}[ -/]{0,8}[@-~]|\u009b[0-?]{0,64}[ -/]{0,8}[@-~]|\u001b\][^\u0000-\u001f\u007f-\u009f]{0,512}(?:\u0007|\u001b\\)|\u001b[ -~]?|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * `text` with every control character — NUL, the other C0 characters but tab, line feed and carriage
 * return, DEL, C1 — and every terminal escape sequence made spaces, one per UTF-16 code unit: what is kept
 * stays at its offset, and no quote, title or section name can carry a NUL or move a terminal's cursor.
 *
 * @example blankControlCharacters('a\u001b[31mb') // → 'a     b'
 */
export function blankControlCharacters(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROL_RUN, (run) => ' '.repeat(run.length));
}

/** 'utf-16le' or 'utf-16be' for a marked UTF-16 file, 'unmarked' when it looks like UTF-16 without a mark. */
function utf16Encoding(buffer: Buffer): 'utf-16le' | 'utf-16be' | 'unmarked' | null {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be';
  // ASCII text in UTF-16: every other byte is zero, on one side only.
  const sample = buffer.subarray(0, 8192 - (Math.min(buffer.length, 8192) % 2));
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros += 1;
    if (sample[i + 1] === 0) oddZeros += 1;
  }
  const pairs = sample.length / 2;
  const lopsided = (zeros: number, others: number) => zeros >= pairs * 0.6 && others <= pairs * 0.05;
  return lopsided(evenZeros, oddZeros) || lopsided(oddZeros, evenZeros) ? 'unmarked' : null;
}

/** A NUL, or more than 10% of other control bytes, in the first 8 KB: a binary file, not text. */
function looksBinary(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control += 1;
  }
  return control > sample.length * 0.1;
}
