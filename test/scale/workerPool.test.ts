import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/parallel/workerPool.ts';

describe('a pool of worker threads running TypeScript', () => {
  const pool = new WorkerPool<{ value: number; exit?: boolean }, number>(new URL('./doublingWorker.ts', import.meta.url), 2);
  afterAll(() => pool.close());

  it('answers each task from a worker', async () => {
    expect(await Promise.all([1, 2, 3, 4].map((value) => pool.run({ value })))).toEqual([2, 4, 6, 8]);
  });

  it("fails a task with its error's first line, and goes on", async () => {
    await expect(pool.run({ value: -1 })).rejects.toThrow(/^negative: -1$/);
    expect(await pool.run({ value: 5 })).toBe(10);
  });

  it('fails only the tasks of a worker that stops, and replaces it', async () => {
    await expect(pool.run({ value: 0, exit: true })).rejects.toThrow('worker thread stopped (exit code 3)');
    expect(await Promise.all([6, 7, 8].map((value) => pool.run({ value })))).toEqual([12, 14, 16]);
  });
});
