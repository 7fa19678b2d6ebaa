/** Summary statistics for sweeps over many instances: quartiles and a log-log power-law fit. */

import { quantiles } from '../util/quantiles.js';

export interface Quartiles {
  q1: number;
  median: number;
  q3: number;
  count: number;
}

/** Quartiles of the finite values (numpy's linear interpolation) and how many there are. */
export function quartiles(values: readonly number[]): Quartiles {
  const { q1, median, q3, n } = quantiles(values);
  return { q1, median, q3, count: n };
}

export interface PowerLawFit {
  /** y ≈ a · x^b */
  a: number;
  b: number;
  /** Coefficient of determination of the log-log least-squares line. */
  r2: number;
  points: number;
}

/** Least-squares fit of log y = log a + b log x over the points with x > 0 and y > 0 (needs two distinct x). */
export function powerLawFit(x: readonly number[], y: readonly number[]): PowerLawFit | undefined {
  const lx: number[] = [];
  const ly: number[] = [];
  x.forEach((xi, i) => {
    const yi = y[i]!;
    if (xi > 0 && yi > 0 && Number.isFinite(xi) && Number.isFinite(yi)) {
      lx.push(Math.log(xi));
      ly.push(Math.log(yi));
    }
  });
  const n = lx.length;
  if (n < 2) return undefined;
  const mx = lx.reduce((a, b) => a + b, 0) / n;
  const my = ly.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (lx[i]! - mx) ** 2;
    sxy += (lx[i]! - mx) * (ly[i]! - my);
    syy += (ly[i]! - my) ** 2;
  }
  if (sxx === 0) return undefined;
  const b = sxy / sxx;
  const a = Math.exp(my - b * mx);
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { a, b, r2, points: n };
}
