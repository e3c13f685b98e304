import { describe, expect, it } from 'vitest';
import type { BuildProgress } from '../../src/corpus/loadCorpus.ts';
import { Engine } from '../../src/engine.ts';
import { createProgressReporter, formatProgress } from '../../src/progress.ts';

function recorder(isTTY: boolean) {
  const written: string[] = [];
  let clock = 0;
  const reporter = createProgressReporter({ isTTY, columns: 100, write: (text) => written.push(text) }, () => clock);
  return { written, reporter, tick: (ms: number) => (clock += ms) };
}

const at = (phase: BuildProgress['phase'], files: number): BuildProgress => ({
  phase,
  files,
  totalFiles: 4,
  bytes: files * 1e6,
  totalBytes: 4e6,
});

describe('build progress', () => {
  it('shows files, MB, MB/s and ETA of the current phase', () => {
    expect(formatProgress(at('analyzing', 1), 500)).toBe('2/4 analyzing [#####---------------] 1/4 files, 1.0/4.0 MB, 2.0 MB/s, ETA 2s');
    expect(formatProgress(at('indexing', 4), 2000)).toBe('3/4 indexing  [####################] 4/4 files, 4.0/4.0 MB, 2.0 MB/s, done');
    expect(formatProgress({ phase: 'reading', files: 0, totalFiles: 0, bytes: 0, totalBytes: 0 }, 0)).toBe(
      '1/4 reading   [####################] 0/0 files, 0.0 MB, 0.0 MB/s, done',
    );
  });

  it('redraws one line on a terminal and ends it when indexing completes', () => {
    const { written, reporter, tick } = recorder(true);
    reporter.update(at('indexing', 1));
    tick(1000);
    reporter.update(at('indexing', 4));
    expect(written.map((text) => text.trimEnd())).toEqual([
      '\r3/4 indexing  [#####---------------] 1/4 files, 1.0/4.0 MB, 0.0 MB/s, ETA ?',
      '\r3/4 indexing  [####################] 4/4 files, 4.0/4.0 MB, 4.0 MB/s, done',
      '',
    ]);
  });

  it('prints plain lines off a terminal: phase start, every 2 s, phase end, no repeats', () => {
    const { written, reporter, tick } = recorder(false);
    reporter.update(at('analyzing', 1));
    tick(500);
    reporter.update(at('analyzing', 2));
    tick(2000);
    reporter.update(at('analyzing', 3));
    reporter.update(at('analyzing', 4));
    reporter.update(at('analyzing', 4));
    expect(written.map((line) => line.split('] ')[1]?.slice(0, 9))).toEqual(['1/4 files', '3/4 files', '4/4 files']);
    expect(written.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
  });
});

describe('sliced build', () => {
  it('builds the same documents and answers in slices as in one go, reporting every phase', async () => {
    const phases = new Set<string>();
    const sliced = await Engine.fromFolder('corpus', { sliceMs: 0, onBuildProgress: (progress) => phases.add(progress.phase) });
    const whole = await Engine.fromFolder('corpus', { sliceMs: 1e9 });
    expect(sliced.documents).toEqual(whole.documents);
    expect(sliced.options).toEqual(whole.options);
    expect(sliced.answer('Which company is a subsidiary?')).toEqual(whole.answer('Which company is a subsidiary?'));
    expect([...phases]).toEqual(['reading', 'analyzing', 'indexing']);
  });
});
