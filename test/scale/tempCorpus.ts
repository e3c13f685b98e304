import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** Paths of a fresh copy of the shipped corpus and an empty cache folder, made before each test. */
export interface TempCorpus {
  corpus: string;
  cache: string;
}

/**
 * Gives each test of the file its own copy of corpus/ (tests edit, truncate and touch files) and its own
 * cache folder, removed after the test.
 */
export function useTempCorpus(prefix: string): TempCorpus {
  const paths: TempCorpus = { corpus: '', cache: '' };
  let work = '';
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), prefix));
    paths.corpus = join(work, 'corpus');
    paths.cache = join(work, 'cache');
    await cp('corpus', paths.corpus, { recursive: true });
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });
  return paths;
}
