/** Median and quartiles of the finite values (linear interpolation between order statistics, numpy's default). */
export function quantiles(values: readonly number[]): { median: number; q1: number; q3: number; n: number } {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const q = (p: number) => {
    if (v.length === 0) return Number.NaN;
    const pos = p * (v.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(v.length - 1, lo + 1);
    return v[lo]! + (v[hi]! - v[lo]!) * (pos - lo);
  };
  return { median: q(0.5), q1: q(0.25), q3: q(0.75), n: v.length };
}
