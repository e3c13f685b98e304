/**
 * Control characters as a terminal would act on them: C0 but tab and newline, DEL and C1. A corpus file can
 * hold any of them, and ESC (or the one-byte CSI, U+009B) starts a sequence that recolours the terminal,
 * retitles its window or moves the cursor over what was printed.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text made safe to write to a terminal: each control character becomes a visible stand-in (ESC → ␛, the
 * other C0 characters → their Unicode control pictures, DEL → ␡, C1 → �). Newlines and tabs stay. A carriage
 * return stays only as the first character of a write, where the progress bar redraws its line; anywhere
 * else text after it would be printed over what came before.
 *
 * @example terminalText('\u001b]0;owned\u0007title') // → '␛]0;owned␇title'
 */
export function terminalText(text: string): string {
  const head = text.startsWith('\r') ? '\r' : '';
  return head + text.slice(head.length).replace(CONTROLS, pictureOf);
}

function pictureOf(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}

/** Characters JSON.stringify leaves raw that a terminal or a JavaScript parser may act on. */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029]/g;

/**
 * One JSON line whose parsed value is exactly `value`, with no raw control character in it: JSON.stringify
 * already escapes C0; this escapes DEL, C1 and the line separators too (`\u009b`), so a quote holding them
 * is still verbatim to a JSON reader and inert on a terminal.
 *
 * @example jsonLine({ quote: 'a\u009b31mb' }) // → '{"quote":"a\\u009b31mb"}\n'
 */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(JSON_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
