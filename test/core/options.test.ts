import { describe, expect, it } from 'vitest';
import { defaultOptions, resolveOptions } from '../../src/options.ts';

describe('resolveOptions', () => {
  it('gives the defaults for nothing, and for options passed as undefined', () => {
    expect(resolveOptions()).toEqual(defaultOptions);
    expect(resolveOptions({ topSentences: undefined, abstainBelow: undefined })).toEqual(defaultOptions);
    expect(resolveOptions({ bm25: { k: undefined }, ranking: { coverage: undefined } })).toEqual(defaultOptions);
  });

  it('keeps what is set, down to one weight, and drops keys it does not know', () => {
    const resolved = resolveOptions({ topSentences: 5, bm25: { b: 0.5 }, ranking: { position: 0 }, onWarning: () => {} } as never);
    expect(resolved.topSentences).toBe(5);
    expect(resolved.bm25).toEqual({ ...defaultOptions.bm25, b: 0.5 });
    expect(resolved.ranking).toEqual({ ...defaultOptions.ranking, position: 0 });
    expect(Object.keys(resolved).sort()).toEqual(Object.keys(defaultOptions).sort());
  });

  it('rejects a negative or non-finite number, naming the option and the value', () => {
    expect(() => resolveOptions({ topSentences: -1 })).toThrow('corpus-qa: option topSentences must be a non-negative number, got -1');
    expect(() => resolveOptions({ bm25: { k: Number.NaN } })).toThrow('corpus-qa: option k must be a non-negative number, got NaN');
  });
});
