import { yieldToEventLoop } from './corpus/loadCorpus.ts';

/**
 * Long synchronous work written once as a generator that `yield`s wherever it may pause: `runSteps` runs
 * it in one go (a library call, a test), `runStepsInSlices` pauses at those points whenever `sliceMs` has
 * passed, so a bot keeps answering and sending gateway heartbeats while it works.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps, yielding to the event loop at the first pause point after each `sliceMs` of work. */
export async function runStepsInSlices<T>(steps: Steps<T>, sliceMs: number): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}
