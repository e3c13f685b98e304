import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atPausePoint, runSteps, sortSteps } from '../../src/slices.ts';

describe('sortSteps', () => {
  it('sorts as Array.prototype.sort does, equal items kept in their order', () => {
    // Items compared by key only, so the position tells whether equal keys kept their order.
    const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 10_000 }), (keys) => {
        const items = keys.map((key, position) => ({ key, position }));
        expect(runSteps(sortSteps(items, byKey))).toEqual([...items].sort(byKey));
      }),
      { numRuns: 50 },
    );
  });

  it('pauses while sorting many items, and leaves the input as it was', () => {
    const items = Array.from({ length: 9_000 }, (_, i) => (i * 7_919) % 9_000);
    const steps = sortSteps(items, (a, b) => a - b);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses += 1;
    expect(pauses).toBeGreaterThan(4);
    expect(step.value).toEqual(Array.from({ length: 9_000 }, (_, i) => i));
    expect(items[1]).toBe(7_919);
  });
});

describe('atPausePoint', () => {
  it('marks the last item of every thousand, or of every run of the length given', () => {
    const marked = (count: number, every?: number) => Array.from({ length: count }, (_, i) => i).filter((i) => atPausePoint(i, every));
    expect(marked(3000)).toEqual([999, 1999, 2999]);
    expect(marked(10, 4)).toEqual([3, 7]);
  });
});
