import { describe, expect, it } from 'vitest';
import { brentMinimize, hermiteArgmin, hermiteMin } from '../../src/util/minimize-1d.js';

/** Values and slopes of f at the ends of [a, b], in the argument order of the Hermite functions. */
function ends(f: (x: number) => number, df: (x: number) => number, a: number, b: number) {
  return [f(a), f(b), df(a), df(b), b - a] as const;
}

describe('cubic Hermite minimiser', () => {
  it('is exact for a quadratic: (x − 0.5)² on [0, 2] has its minimum at t = 0.25', () => {
    const q = ends(
      (x) => (x - 0.5) ** 2,
      (x) => 2 * (x - 0.5),
      0,
      2,
    );
    expect(hermiteArgmin(...q)).toBeCloseTo(0.25, 14);
  });

  it('is exact for a cubic: x³ − x on [0, 1] has its minimum at 1/√3, value −2/(3√3)', () => {
    const c = ends(
      (x) => x ** 3 - x,
      (x) => 3 * x * x - 1,
      0,
      1,
    );
    expect(hermiteArgmin(...c)).toBeCloseTo(1 / Math.sqrt(3), 14);
    // 65 samples: the sampled minimum is within the curvature times the half spacing squared
    const exact = -2 / (3 * Math.sqrt(3));
    const m = hermiteMin(...c);
    expect(m).toBeGreaterThanOrEqual(exact);
    expect(m - exact).toBeLessThan(0.5 * 2 * Math.sqrt(3) * (1 / 128) ** 2);
  });

  it('falls back to the zero of the slopes’ secant, clamped to the interval', () => {
    // slopes −1 and −0.5: still falling at the right end, so the right end
    expect(hermiteArgmin(1, 0.2, -1, -0.5, 1)).toBe(1);
    // a straight line rising: no interior minimum, equal slopes → the midpoint
    expect(hermiteArgmin(0, 1, 1, 1, 1)).toBe(0.5);
    // and the sampled minimum of a rising line is its left end
    expect(hermiteMin(0, 1, 1, 1, 1)).toBe(0);
  });
});

describe('Brent minimisation', () => {
  it('finds the minimum of cos on [2, 4.5] at π', async () => {
    let calls = 0;
    const r = await brentMinimize(
      (x) => {
        calls++;
        return Math.cos(x);
      },
      2,
      3,
      4.5,
      1e-12,
      Math.cos(3),
    );
    // f is flat to second order: x is good to about √(rtol)
    expect(Math.abs(r.x - Math.PI)).toBeLessThan(1e-5);
    expect(r.f + 1).toBeLessThan(1e-11);
    expect(calls).toBeLessThan(40);
  });

  it('accepts an asynchronous objective and a minimum off-centre: 1 + (x − 0.7)⁴ on [0, 1]', async () => {
    const f = (x: number) => 1 + (x - 0.7) ** 4;
    const r = await brentMinimize(async (x) => f(x), 0, 0.5, 1, 1e-9, f(0.5));
    expect(Math.abs(r.x - 0.7)).toBeLessThan(1e-2);
    expect(r.f - 1).toBeLessThan(1e-9);
  });

  it('stops at maxIter evaluations and returns the best point seen', async () => {
    let calls = 0;
    const f = (x: number) => {
      calls++;
      return (x - 0.3) ** 2;
    };
    const r = await brentMinimize(f, 0, 0.9, 1, 1e-12, f(0.9), 3);
    expect(calls).toBe(1 + 3);
    expect(r.f).toBeLessThan(0.36);
    expect(r.f).toBe((r.x - 0.3) ** 2);
  });
});
