import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Reads a JSON-lines file into objects. */
export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** Options shared by the evaluation runners (`--options`: engine option overrides as JSON), plus the runner's own. */
export function evalArgs<T extends Record<string, { type: 'string' } | { type: 'boolean' }>>(args: string[], extra: T = {} as T) {
  return parseArgs({ args, options: { options: { type: 'string' as const }, ...extra }, allowPositionals: false, strict: true }).values;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function fixed(value: number, digits = 3): string {
  return value.toFixed(digits);
}
