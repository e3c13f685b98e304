import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Reads a JSON-lines file into objects. */
export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** Options shared by the evaluation runners: engine option overrides as JSON, for tuning. */
export function evalArgs(args: string[], extra: Record<string, { type: 'string' }> = {}) {
  return parseArgs({ args, options: { options: { type: 'string' }, ...extra }, allowPositionals: false }).values as Record<
    string,
    string | undefined
  >;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function fixed(value: number, digits = 3): string {
  return value.toFixed(digits);
}
