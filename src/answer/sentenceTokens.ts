import { fullNlp } from '../text/nlp.ts';
import { normalizeTerm } from '../text/terms.ts';

/** One token of a sentence, with its offsets into the sentence text. */
export interface Token {
  start: number;
  end: number;
  value: string;
  pos: string;
  /** Index term, or null for stop words and punctuation. */
  term: string | null;
}

/** A built-in wink-nlp entity (DATE, CARDINAL, MONEY…), with offsets into the sentence text. */
export interface BuiltInEntity {
  start: number;
  end: number;
  type: string;
}

export interface AnalyzedSentence {
  text: string;
  tokens: Token[];
  entities: BuiltInEntity[];
}

/** Tokens with POS tags and built-in entities of one sentence, from the full wink-nlp pipeline. */
export function analyzeSentence(text: string): AnalyzedSentence {
  const nlp = fullNlp();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tokens: Token[] = [];
  let offset = 0;
  values.forEach((value, i) => {
    offset += (spaces[i] ?? '').length;
    tokens.push({ start: offset, end: offset + value.length, value, pos: tags[i] ?? 'X', term: normalizeTerm(value) });
    offset += value.length;
  });
  const entities: BuiltInEntity[] = [];
  const spans = doc.entities().out(its.span) as unknown as [number, number][];
  const types = doc.entities().out(its.type) as string[];
  spans.forEach(([first, last], i) => {
    const start = tokens[first]?.start;
    const end = tokens[last]?.end;
    if (start !== undefined && end !== undefined) entities.push({ start, end, type: types[i] ?? 'X' });
  });
  return { text, tokens, entities };
}
