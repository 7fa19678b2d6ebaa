/** Batch-means statistics for correlated Monte Carlo series (test helper). */

export interface Estimate {
  mean: number;
  /** Standard error from batch means. */
  err: number;
}

/** Mean and batch-means standard error of `xs` split into `numBatches` equal batches (tail dropped). */
export function batchMeans(xs: ArrayLike<number>, numBatches = 50): Estimate {
  const len = Math.floor(xs.length / numBatches);
  if (len < 1) throw new Error(`need at least ${numBatches} samples`);
  const means: number[] = [];
  for (let b = 0; b < numBatches; b++) {
    let s = 0;
    for (let k = b * len; k < (b + 1) * len; k++) s += xs[k]!;
    means.push(s / len);
  }
  const mean = means.reduce((a, b) => a + b, 0) / numBatches;
  const v = means.reduce((a, b) => a + (b - mean) ** 2, 0) / (numBatches - 1);
  return { mean, err: Math.sqrt(v / numBatches) };
}

/** |estimate − exact| in units of the standard error (with a floor so a zero-variance series still compares). */
export function zScore(est: Estimate, exact: number, floor = 1e-12): number {
  return Math.abs(est.mean - exact) / Math.max(est.err, floor);
}
