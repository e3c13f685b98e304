import { fixed } from './common.ts';

/** One prediction: the probability the engine gave, and whether it was right. */
export interface Prediction {
  confidence: number;
  right: boolean;
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** Predictions in `bins` equal-width confidence bins (the last one closed), empty bins included. */
export function reliabilityBins(predictions: readonly Prediction[], bins = 10): ReliabilityBin[] {
  const table = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, count: 0, sum: 0, right: 0 }));
  for (const { confidence, right } of predictions) {
    const bin = table[Math.min(bins - 1, Math.max(0, Math.floor(confidence * bins)))]!;
    bin.count += 1;
    bin.sum += confidence;
    bin.right += right ? 1 : 0;
  }
  return table.map(({ from, to, count, sum, right }) => ({
    from,
    to,
    count,
    meanConfidence: count ? sum / count : 0,
    accuracy: count ? right / count : 0,
  }));
}

/**
 * Expected calibration error (Naeini et al., AAAI 2015; Guo et al., ICML 2017): the gap between mean
 * confidence and observed accuracy, averaged over equal-width bins weighted by their share of predictions.
 */
export function expectedCalibrationError(predictions: readonly Prediction[], bins = 10): number {
  if (predictions.length === 0) return 0;
  return reliabilityBins(predictions, bins).reduce(
    (sum, bin) => sum + (bin.count / predictions.length) * Math.abs(bin.accuracy - bin.meanConfidence),
    0,
  );
}

/** The reliability table as Markdown rows: bin, count, mean confidence, observed accuracy. */
export function formatReliability(title: string, predictions: readonly Prediction[], bins = 10): string {
  const lines = [`| ${title} | questions | mean confidence | observed right |`, '|---|---|---|---|'];
  for (const bin of reliabilityBins(predictions, bins)) {
    if (bin.count === 0) continue;
    lines.push(`| ${fixed(bin.from, 1)}–${fixed(bin.to, 1)} | ${bin.count} | ${fixed(bin.meanConfidence)} | ${fixed(bin.accuracy)} |`);
  }
  return lines.join('\n');
}
