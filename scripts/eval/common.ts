import { readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../src/cli/commandLine.ts';

/** Reads a JSON-lines file into objects. */
export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/**
 * Options shared by the evaluation runners (`--options`: engine option overrides as JSON), plus the runner's own.
 * A flag this set does not take is a one-line UsageError.
 */
export function evalArgs<T extends Record<string, { type: 'string' } | { type: 'boolean' }>>(args: string[], extra: T = {} as T) {
  try {
    return parseArgs({ args, options: { options: { type: 'string' as const }, ...extra }, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (npm run eval -- --help says which set takes which flag)`);
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function fixed(value: number, digits = 3): string {
  return value.toFixed(digits);
}

/**
 * Copies the corpus folder `source` `scale` times into `corpus`, copy k under `xk/`, so every copy's
 * documents keep ids of their own: the benches' way to make a large corpus of a real one.
 */
export async function copyScaled(source: string, corpus: string, scale: number): Promise<void> {
  for (let copy = 0; copy < scale; copy += 1) await cp(source, join(corpus, `x${copy}`), { recursive: true });
}
