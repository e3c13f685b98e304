import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonLines } from './common.ts';

export interface SquadQuestion {
  id: string;
  question: string;
  answers: string[];
  doc: string;
  title: string;
}

/** Which articles' questions to ask: fit on `train`, report on `test` (`split.json`), or `all`. */
export type SquadSplit = 'train' | 'test' | 'all';

export interface SquadSelection {
  split: SquadSplit;
  /** Every k-th question of the file (by its line number, so a split's sample stays put), within the split. */
  every: number;
  limit?: number;
}

/**
 * The questions of one split of SQuAD, every k-th one. Retrieval still runs over all paragraphs of both
 * halves; only the questions asked are split, by article (`split.json`).
 */
export function loadSquadQuestions(path: string, selection: SquadSelection): SquadQuestion[] {
  const sampled = readJsonLines<SquadQuestion>(join(path, 'questions.jsonl')).filter((_, i) => i % selection.every === 0);
  const titles = selection.split === 'all' ? null : new Set(readSplit(path)[selection.split]);
  const picked = titles === null ? sampled : sampled.filter((question) => titles.has(question.title));
  return picked.slice(0, selection.limit ?? picked.length);
}

function readSplit(path: string): { train: string[]; test: string[] } {
  const file = join(path, 'split.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { train: string[]; test: string[] };
  } catch {
    throw new Error(`${file} is missing or unreadable: it lists the train and test articles (see docs/quality.md)`);
  }
}

/** Parses `--split`: train, test or all. */
export function parseSplit(value: string | undefined): SquadSplit {
  const split = value ?? 'test';
  if (split !== 'train' && split !== 'test' && split !== 'all') throw new Error(`--split must be train, test or all, got ${split}`);
  return split;
}

/** SQuAD's official answer normalisation: lower case, no punctuation, no articles, single spaces. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~‘’“”–—]/g, '')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the text holds one of the gold answers (after normalisation). */
export function holdsGold(text: string, golds: readonly string[]): boolean {
  const normalized = normalizeAnswer(text);
  return golds.some((gold) => normalized.includes(normalizeAnswer(gold)));
}

/** SQuAD's exact match against the best gold answer. */
export function exactMatch(prediction: string, golds: readonly string[]): boolean {
  return golds.some((gold) => normalizeAnswer(gold) === normalizeAnswer(prediction));
}

/** SQuAD's token F1 against the best gold answer. */
export function bestF1(prediction: string, golds: readonly string[]): number {
  return Math.max(0, ...golds.map((gold) => tokenF1(prediction, gold)));
}

function tokenF1(prediction: string, gold: string): number {
  const predicted = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const truth = normalizeAnswer(gold).split(' ').filter(Boolean);
  if (predicted.length === 0 || truth.length === 0) return predicted.length === truth.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const token of truth) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of predicted) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(token, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / truth.length;
  return (2 * precision * recall) / (precision + recall);
}
