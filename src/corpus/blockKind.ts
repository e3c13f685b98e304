import { STOP_WORDS } from '../text/stopWords.ts';
import { containsDate } from './dates.ts';

/**
 * What a block is, for indexing:
 * - `content`: prose worth indexing and quoting;
 * - `metadata`: a dateline or time stamp — not indexed, but read for the document date;
 * - `boilerplate`: bylines, counters, share rows, follow-us lines, copyright notices, separators;
 * - `foreign`: not English (a slogan in another language): indexed, never taken for the headline.
 */
export type BlockKind = 'content' | 'metadata' | 'boilerplate' | 'foreign';

const SHARE_SERVICES = new Set(
  `facebook twitter google favorites live bobrdobr delicious propeller diigo yahoo memori moemesto linkedin
reddit pinterest whatsapp telegram viber vk vkontakte odnoklassniki tumblr digg stumbleupon email e-mail print
share tweet instagram youtube messenger skype mix flipboard pocket evernote myspace buffer xing line wechat`.split(/\s+/),
);
const COUNTER = /^(views?|reads?|hits|likes?|comments?|shares?|visits?)\s*[:\-–]?\s*[\d\s,.]+$/i;
const BYLINE = /^by\s+\S+(?:\s+\S+){0,3}$/i;
/** "Reuters:", "AzerNews:": a source's name alone before its text; a longer line ending in a colon introduces what follows. */
const SOURCE_TAG = /^[\p{L}\p{N}.&'’-]+(?: [\p{L}\p{N}.&'’-]+){0,3}:$/u;
const FOLLOW = /^(follow|like|join|subscribe|share|find)\b.*\b(us|twitter|facebook|telegram|instagram|newsletter|channel|page)\b/i;
const COPYRIGHT = /^(©|\(c\)|copyright\b)|all rights reserved/i;
const STAMP_NOISE = new RegExp(
  [
    '\\b\\d{1,4}\\b',
    '\\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\\b',
    '\\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\b',
    '\\b(am|pm|gmt|utc|updated|published|date|time)\\b',
    '[\\s.,:/|()–-]+',
  ].join('|'),
  'gi',
);

/**
 * Classifies one block by general rules of news-site layout (no per-file lists).
 *
 * @example blockKind('Views: 1752') // → 'boilerplate'
 */
export function blockKind(text: string): BlockKind {
  const trimmed = text.trim();
  const words = trimmed.split(/\s+/);
  if (!/\p{L}/u.test(trimmed)) return containsDate(trimmed) ? 'metadata' : 'boilerplate';
  if (trimmed.replace(STAMP_NOISE, '') === '') return 'metadata';
  if (COUNTER.test(trimmed) || BYLINE.test(trimmed) || SOURCE_TAG.test(trimmed)) return 'boilerplate';
  if (words.length <= 20 && (FOLLOW.test(trimmed) || COPYRIGHT.test(trimmed))) return 'boilerplate';
  if (isShareRow(words)) return 'boilerplate';
  if (words.length <= 12 && !/[.!?]["”’)]?$/.test(trimmed) && containsDate(trimmed)) return 'metadata';
  if (isForeign(trimmed, words)) return 'foreign';
  return 'content';
}

function isShareRow(words: string[]): boolean {
  if (words.length < 3 || words.length > 40) return false;
  const pieces = words.flatMap((word) => word.split(/[.,|·•/]+/)).filter((piece) => piece !== '');
  const services = pieces.filter((piece) => SHARE_SERVICES.has(piece.toLowerCase())).length;
  const capitalised = pieces.filter((piece) => /^\p{Lu}/u.test(piece)).length;
  return services >= 2 && capitalised >= pieces.length * 0.7;
}

function isForeign(text: string, words: string[]): boolean {
  if (words.length < 4) return false;
  const hasEnglishFunctionWord = words.some((word) => STOP_WORDS.has(word.toLowerCase().replace(/[^\p{L}]/gu, '')));
  if (hasEnglishFunctionWord) return false;
  const letters = text.match(/\p{L}/gu) ?? [];
  const nonAscii = letters.filter((letter) => letter.charCodeAt(0) > 127).length;
  return nonAscii >= letters.length * 0.05;
}
