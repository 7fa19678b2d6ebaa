/**
 * One-dimensional minimisation on an interval: the cubic Hermite interpolant through two ends' values and slopes
 * (its minimiser and its minimum), and Brent's method on values alone. Pure functions; the objective of
 * {@link brentMinimize} may be asynchronous (an eigensolver behind each value).
 */

/** The cubic Hermite interpolant on [0, 1] through (0, f0, h·d0) and (1, f1, h·d1), at t. */
function hermiteAt(f0: number, f1: number, d0: number, d1: number, h: number, t: number): number {
  const h00 = 2 * t ** 3 - 3 * t * t + 1;
  const h10 = t ** 3 - 2 * t * t + t;
  const h01 = -2 * t ** 3 + 3 * t * t;
  const h11 = t ** 3 - t * t;
  return h00 * f0 + h10 * h * d0 + h01 * f1 + h11 * h * d1;
}

/**
 * Where on [0, 1] (as a fraction of the interval of length h) the cubic Hermite interpolant through (f0, d0) at
 * the left end and (f1, d1) at the right end has its minimum; d0, d1 are slopes per unit length. Falls back to
 * the zero of the slopes' secant, d0/(d0 − d1), when the cubic has no interior minimum.
 */
export function hermiteArgmin(f0: number, f1: number, d0: number, d1: number, h: number): number {
  const a = 6 * f0 + 3 * h * d0 - 6 * f1 + 3 * h * d1;
  const b = -6 * f0 - 4 * h * d0 + 6 * f1 - 2 * h * d1;
  const c = h * d0;
  const roots: number[] = [];
  if (Math.abs(a) < 1e-14 * (Math.abs(b) + Math.abs(c))) {
    if (b !== 0) roots.push(-c / b);
  } else {
    const disc = b * b - 4 * a * c;
    if (disc >= 0) {
      const sq = Math.sqrt(disc);
      const q = -0.5 * (b + (b >= 0 ? sq : -sq));
      if (q !== 0) roots.push(c / q);
      roots.push(q / a);
    }
  }
  let bestT = d1 !== d0 ? d0 / (d0 - d1) : 0.5;
  let bestV = Number.POSITIVE_INFINITY;
  for (const t of roots) {
    if (!(t > 0 && t < 1) || 2 * a * t + b <= 0) continue;
    const v = hermiteAt(f0, f1, d0, d1, h, t);
    if (v < bestV) {
      bestV = v;
      bestT = t;
    }
  }
  return Math.min(1, Math.max(0, bestT));
}

/**
 * Minimum of the cubic Hermite interpolant on [0, h] through (f0, d0) and (f1, d1), sampled at 65 points
 * (the ends included).
 */
export function hermiteMin(f0: number, f1: number, d0: number, d1: number, h: number): number {
  let best = Math.min(f0, f1);
  for (let j = 1; j < 64; j++) {
    const v = hermiteAt(f0, f1, d0, d1, h, j / 64);
    if (v < best) best = v;
  }
  return best;
}

/**
 * Brent's minimisation (parabolic steps with golden-section fallback) of f on [a, b] starting at x with
 * f(x) = fx; stops when the bracket is below max(1e-3·rtol·|x|, 1e-10) or the last values have settled to
 * rtol/10 of f, or after maxIter evaluations.
 */
export async function brentMinimize(
  f: (x: number) => number | Promise<number>,
  a: number,
  x: number,
  b: number,
  rtol: number,
  fx: number,
  maxIter = 100,
): Promise<{ x: number; f: number }> {
  const CG = 0.381966011250105;
  let w = x;
  let v = x;
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let it = 0; it < maxIter; it++) {
    const xm = 0.5 * (a + b);
    const tol1 = Math.max(1e-3 * rtol * Math.abs(x), 1e-10);
    const tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      const etemp = e;
      e = d;
      if (!(Math.abs(p) >= Math.abs(0.5 * q * etemp) || p <= q * (a - x) || p >= q * (b - x))) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = xm - x >= 0 ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= xm ? a - x : b - x;
      d = CG * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
    const fu = await f(u);
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
    // converged in value: the last improvements are below rtol/10 of f
    if (
      Math.abs(fw - fx) <= rtol * 0.1 * Math.abs(fx) &&
      Math.abs(fv - fx) <= rtol * 0.1 * Math.abs(fx) &&
      w !== x &&
      v !== x &&
      it > 4
    )
      break;
  }
  return { x, f: fx };
}
