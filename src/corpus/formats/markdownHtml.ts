import { decodeEntities } from './htmlEntities.ts';

/** Elements whose content is not text a reader sees. */
const HIDDEN_CONTENT = /<(script|style|template|svg|noscript)\b[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TAG = /<\/?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?\/?>/g;
const HEADING = /^\s*<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>\s*$/i;

/**
 * The text a reader sees of an HTML fragment in Markdown: tags dropped (a component's content kept,
 * `<Badge>4.1</Badge>` → `4.1`), comments, scripts and styles left out, entities decoded, `<br>` a space.
 *
 * @example htmlText('<p align="center">Fast <b>and</b> low overhead</p>') // → 'Fast and low overhead'
 */
export function htmlText(html: string): string {
  return decodeEntities(
    html
      .replace(COMMENT, ' ')
      .replace(HIDDEN_CONTENT, ' ')
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(TAG, ''),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** An HTML block that is one heading element (`<h1 align="center">Fastify</h1>`): its level and text. */
export function htmlHeading(html: string): { depth: number; text: string } | null {
  const match = HEADING.exec(html);
  if (!match) return null;
  const text = htmlText(match[2]!);
  return text === '' ? null : { depth: Number(match[1]), text };
}
