/**
 * Long synchronous work written once as a generator that `yield`s wherever it may pause: `runSteps` runs
 * it in one go (a library call, a test), `runStepsInSlices` pauses at those points whenever `sliceMs` has
 * passed, so a bot keeps answering and sending gateway heartbeats while it works.
 */
export type Steps<T, Progress = void> = Generator<Progress, T, void>;

/** The default longest stretch of synchronous work between pauses, in ms. */
export const DEFAULT_SLICE_MS = 20;

/**
 * Items a loop handles between two pause points: enough that checking the clock costs nothing next to the
 * work, few enough that a slice overruns `sliceMs` by little.
 */
export const ITEMS_PER_PAUSE_POINT = 1000;

/**
 * Whether long work may pause after the item at zero-based `index`: after every `every` items. The one
 * way a loop says where it may pause: `if (atPausePoint(i)) yield;` in steps, `if (atPausePoint(i)) await
 * pause();` in a loop that awaits I/O (`pauseEvery`). Where it pauses changes no result, only how evenly the
 * event loop gets its turns.
 */
export function atPausePoint(index: number, every: number = ITEMS_PER_PAUSE_POINT): boolean {
  return index % every === every - 1;
}

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

/**
 * For loops that await I/O: the returned `pause()` yields to the event loop once `sliceMs` has passed since
 * the last pause. Completions of fast I/O (a `stat` per file) run back to back without a timer getting its
 * turn, so such a loop holds the event loop as long as a synchronous one unless it pauses.
 */
export function pauseEvery(sliceMs: number): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart <= sliceMs) return;
    await yieldToEventLoop();
    sliceStart = performance.now();
  };
}

/** Items per sorted run and per merge step of `sortSteps`. */
const SORT_RUN = 2048;

/**
 * A sorted copy of `items`, stable like `Array.prototype.sort`, as steps that may pause every few thousand
 * items: sorting the 90k paths of a large corpus folder in one go held the event loop 120 to 170 ms.
 */
export function* sortSteps<T>(items: readonly T[], compare: (a: T, b: T) => number): Steps<T[]> {
  let runs: T[][] = [];
  for (let start = 0; start < items.length; start += SORT_RUN) {
    runs.push(items.slice(start, start + SORT_RUN).sort(compare));
    yield;
  }
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      const left = runs[i]!;
      const right = runs[i + 1];
      if (right === undefined) merged.push(left);
      else merged.push(yield* mergeSteps(left, right, compare));
    }
    runs = merged;
  }
  return runs[0] ?? [];
}

/** Merges two sorted lists, the left one's item first among equals. */
function* mergeSteps<T>(left: readonly T[], right: readonly T[], compare: (a: T, b: T) => number): Steps<T[]> {
  const merged: T[] = [];
  let l = 0;
  let r = 0;
  while (l < left.length && r < right.length) {
    merged.push(compare(right[r]!, left[l]!) < 0 ? right[r++]! : left[l++]!);
    if (atPausePoint(merged.length - 1, SORT_RUN)) yield;
  }
  while (l < left.length) merged.push(left[l++]!);
  while (r < right.length) merged.push(right[r++]!);
  return merged;
}
