/** Axis scales for the SVG charts: linear and base-10 log, with "nice" tick values. */

export interface Scale {
  (v: number): number;
  readonly domain: readonly [number, number];
  readonly ticks: number[];
  format(v: number): string;
}

/** Tick step 1, 2 or 5 × 10^k giving about `count` ticks over [lo, hi]. */
function niceStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m >= 5 ? 10 : m >= 2 ? 5 : m >= 1 ? 2 : 1) * p;
}

function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(1).replace('e+', 'e');
  return String(Number(v.toPrecision(6)));
}

/** Linear scale mapping the (niced) domain [lo, hi] onto [r0, r1]. */
export function linearScale(lo: number, hi: number, r0: number, r1: number, tickCount = 6): Scale {
  if (!(hi > lo)) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= d;
    hi += d;
  }
  const step = niceStep(lo, hi, tickCount);
  const a = Math.floor(lo / step) * step;
  const b = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = a; t <= b + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  const f = ((v: number) => r0 + ((v - a) / (b - a)) * (r1 - r0)) as Scale;
  Object.assign(f, { domain: [a, b] as const, ticks, format: fmt });
  return f;
}

/** Base-10 log scale over whole decades containing [lo, hi] (both > 0). */
export function logScale(lo: number, hi: number, r0: number, r1: number): Scale {
  const a = Math.floor(Math.log10(lo));
  let b = Math.ceil(Math.log10(hi));
  if (b === a) b = a + 1;
  const ticks: number[] = [];
  // whole decades, plus 2× and 5× when the axis spans at most two decades
  for (let k = a; k <= b; k++)
    for (const m of b - a <= 2 ? [1, 2, 5] : [1])
      if (k < b || m === 1) ticks.push(Number((m * 10 ** k).toPrecision(12)));
  const f = ((v: number) => r0 + ((Math.log10(v) - a) / (b - a)) * (r1 - r0)) as Scale;
  Object.assign(f, {
    domain: [10 ** a, 10 ** b] as const,
    ticks,
    format: (v: number) => (Math.abs(Math.log10(v)) <= 3 ? fmt(v) : `1e${Math.round(Math.log10(v))}`),
  });
  return f;
}
