/**
 * Long synchronous work written once as a generator that `yield`s wherever it may pause: `runSteps` runs
 * it in one go (a library call, a test), `runStepsInSlices` pauses at those points whenever `sliceMs` has
 * passed, so a bot keeps answering and sending gateway heartbeats while it works.
 */
export type Steps<T, Progress = void> = Generator<Progress, T, void>;

/** The default longest stretch of synchronous work between pauses, in ms. */
export const DEFAULT_SLICE_MS = 20;

/** Resolves after pending I/O and timers have had their turn. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs the steps to the end without pausing. */
export function runSteps<T, Progress>(steps: Steps<T, Progress>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps, yielding to the event loop at the first pause point after each `sliceMs` of work; before
 * each pause `onPause` gets what the steps yielded there (how far they got, for progress reports).
 */
export async function runStepsInSlices<T, Progress>(
  steps: Steps<T, Progress>,
  sliceMs: number,
  onPause?: (progress: Progress) => void,
): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > sliceMs) {
      onPause?.(step.value);
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}
