import type { BuildProgress } from './corpus/loadCorpus.ts';

/** Where progress goes: a terminal gets one redrawn bar, anything else (logs, pipes, CI) plain lines. */
export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const PHASE_ORDER: readonly BuildProgress['phase'][] = ['reading', 'analyzing', 'indexing', 'names'];
/** Plain-line mode prints at most this often, so a log is not flooded. */
const PLAIN_INTERVAL_MS = 2_000;

/**
 * Renders build progress: files done/total, MB/s and ETA of the current phase. On a TTY one line is redrawn
 * (`\r`); otherwise one plain line per phase start, every 2 s, and at each phase end. `now` is injectable so
 * tests can drive the clock.
 *
 * @example
 * const progress = createProgressReporter(process.stderr);
 * await Engine.fromFolder('corpus', { onBuildProgress: progress.update });
 * progress.finish();
 */
export function createProgressReporter(out: ProgressOutput, now: () => number = () => performance.now()) {
  let phase: BuildProgress['phase'] | undefined;
  let phaseStarted = 0;
  let lastPlain = -Infinity;
  let openLine = false;
  let completedPhase: BuildProgress['phase'] | undefined;

  function update(progress: BuildProgress): void {
    const time = now();
    if (progress.phase !== phase) {
      if (openLine) out.write('\n');
      openLine = false;
      phase = progress.phase;
      phaseStarted = time;
      lastPlain = -Infinity;
    }
    const line = formatProgress(progress, time - phaseStarted);
    const complete = progress.files >= progress.totalFiles;
    if (out.isTTY) {
      const width = Math.max(20, (out.columns ?? 80) - 1);
      out.write(`\r${line.slice(0, width).padEnd(width)}`);
      openLine = true;
      if (complete && (progress.phase === 'indexing' || progress.phase === 'names')) finish();
    } else if (completedPhase !== progress.phase && (complete || time - lastPlain >= PLAIN_INTERVAL_MS)) {
      // Each phase's "done" line once, even though the build reports completion twice.
      lastPlain = time;
      if (complete) completedPhase = progress.phase;
      out.write(`${line}\n`);
    }
  }

  function finish(): void {
    if (openLine) out.write('\n');
    openLine = false;
  }

  return { update, finish };
}

/** `indexing [#####-----] 1200/2225 files, 2.1/4.9 MB, 3.4 MB/s, ETA 1s` */
export function formatProgress(progress: BuildProgress, elapsedMs: number): string {
  const { phase, files, totalFiles, bytes, totalBytes } = progress;
  const step = `${PHASE_ORDER.indexOf(phase) + 1}/${PHASE_ORDER.length}`;
  const fraction = totalFiles === 0 ? 1 : files / totalFiles;
  const filled = Math.round(fraction * 20);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(20 - filled)}]`;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? bytes / 1e6 / seconds : 0;
  // Reading does not know the total bytes until it ends; there the ETA comes from the file count.
  const remaining =
    phase === 'reading' ? (fraction > 0 ? seconds / fraction - seconds : NaN) : rate > 0 ? (totalBytes - bytes) / 1e6 / rate : NaN;
  const eta = files >= totalFiles ? 'done' : Number.isFinite(remaining) ? `ETA ${formatSeconds(remaining)}` : 'ETA ?';
  const mb = phase === 'reading' ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e6).toFixed(1)}/${(totalBytes / 1e6).toFixed(1)} MB`;
  return `${step} ${phase.padEnd(9)} ${bar} ${files}/${totalFiles} files, ${mb}, ${rate.toFixed(1)} MB/s, ${eta}`;
}

/** `75` → `1m15s` */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}
