/**
 * Small, seeded model fitting for the answer model: logistic regression and a listwise (softmax) span
 * ranker with shared weights plus a correction per group, both by stochastic gradient descent with L2.
 */

/** Mulberry32: a small seeded generator, so a training run is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const dot = (w: readonly number[], x: readonly number[]) => x.reduce((sum, value, i) => sum + value * w[i]!, 0);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface Example {
  features: number[];
  label: boolean;
}

export interface FitOptions {
  seed: number;
  epochs: number;
  rate: number;
  l2: number;
  /** The column of the bias feature (always 1), which L2 does not pull towards 0. */
  bias: number;
}

/** Logistic regression: weights w with P(label) = sigmoid(w·x), the log loss plus L2 (bias unpenalised) minimised. */
export function fitLogistic(examples: readonly Example[], options: FitOptions): number[] {
  const size = examples[0]?.features.length ?? 0;
  const w = new Array<number>(size).fill(0);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    const rate = options.rate / (1 + epoch);
    for (const { features, label } of shuffled(examples, random)) {
      const error = sigmoid(dot(w, features)) - (label ? 1 : 0);
      for (let i = 0; i < size; i += 1) w[i]! -= rate * (error * features[i]! + (i === options.bias ? 0 : options.l2 * w[i]!));
    }
  }
  return w;
}

/** One choice among candidates: each candidate's features, and which candidates are right. */
export interface ChoiceGroup {
  group: string;
  candidates: number[][];
  right: boolean[];
}

export interface SpanWeights {
  shared: number[];
  byGroup: Record<string, number[]>;
}

/**
 * A listwise ranker: score = (shared + byGroup[group])·x, softmax over a group's candidates, the log of the
 * probability given to the right candidates maximised (Cao et al., ICML 2007, ListNet with one-hot targets).
 * Group corrections are pulled harder towards zero, so small groups lean on the shared weights.
 */
export function fitSpanRanker(groups: readonly ChoiceGroup[], options: FitOptions & { groupL2: number }): SpanWeights {
  const size = groups[0]?.candidates[0]?.length ?? 0;
  const shared = new Array<number>(size).fill(0);
  const byGroup: Record<string, number[]> = {};
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    const rate = options.rate / (1 + epoch);
    for (const { group, candidates, right } of shuffled(groups, random)) {
      byGroup[group] ??= new Array<number>(size).fill(0);
      const own = byGroup[group];
      const scores = candidates.map((x) => dot(shared, x) + dot(own, x));
      const top = Math.max(...scores);
      const exp = scores.map((score) => Math.exp(score - top));
      const total = exp.reduce((sum, value) => sum + value, 0);
      const rightTotal = exp.reduce((sum, value, i) => sum + (right[i] ? value : 0), 0);
      candidates.forEach((x, c) => {
        const gradient = exp[c]! / total - (right[c] ? exp[c]! / rightTotal : 0);
        if (gradient === 0) return;
        for (let i = 0; i < size; i += 1) {
          shared[i]! -= rate * gradient * x[i]!;
          own[i]! -= rate * gradient * x[i]!;
        }
      });
      for (let i = 0; i < size; i += 1) {
        if (i === options.bias) continue;
        shared[i]! -= rate * options.l2 * shared[i]!;
        own[i]! -= rate * options.groupL2 * own[i]!;
      }
    }
  }
  return { shared, byGroup };
}

export function round(weights: readonly number[]): number[] {
  return weights.map((w) => Math.round(w * 10000) / 10000);
}
