import { ScheduleError } from '../../errors.js';
import type { AnnealingSchedule } from './types.js';

/**
 * A tabulated schedule: A(s), B(s) in GHz (energy / Planck's h) at increasing s from 0 to 1, optionally with
 * D-Wave's normalized control bias c(s) (used for anneal offsets).
 */
export interface ScheduleTable {
  readonly s: Float64Array;
  readonly A: Float64Array;
  readonly B: Float64Array;
  readonly c?: Float64Array;
}

/**
 * Index k of the segment [s_k, s_{k+1}] holding x (0 ≤ k ≤ n − 2), for x inside [s_0, s_{n−1}].
 * Starts from the uniform-grid guess, so it is O(1) on D-Wave's (near-)uniform grids.
 */
export function segmentIndex(s: Float64Array, x: number): number {
  const n = s.length;
  let k = Math.floor(((x - s[0]!) / (s[n - 1]! - s[0]!)) * (n - 1));
  if (!(k >= 0)) k = 0;
  if (k > n - 2) k = n - 2;
  while (k > 0 && s[k]! > x) k--;
  while (k < n - 2 && s[k + 1]! <= x) k++;
  return k;
}

/** Linear interpolation of `y` over the grid `s` at x; clamped to the end values outside [s_0, s_{n−1}]. */
export function interpolate(s: Float64Array, y: Float64Array, x: number): number {
  const n = s.length;
  if (x <= s[0]!) return y[0]!;
  if (x >= s[n - 1]!) return y[n - 1]!;
  const k = segmentIndex(s, x);
  const s0 = s[k]!;
  const y0 = y[k]!;
  return y0 + ((y[k + 1]! - y0) * (x - s0)) / (s[k + 1]! - s0);
}

/**
 * An {@link AnnealingSchedule} over a GHz table, linearly interpolated in s (unscaled):
 * Γ(s) = A(s)/2, Λ(s) = B(s)/2 (GHz), angular factor 2π (rad/ns per GHz), time in ns.
 */
export function tableSchedule(name: string, table: ScheduleTable): AnnealingSchedule {
  const { s, A, B } = table;
  return {
    name,
    energyUnit: 'GHz',
    A: (x) => interpolate(s, A, x),
    B: (x) => interpolate(s, B, x),
    transverse: (x) => interpolate(s, A, x) / 2,
    problem: (x) => interpolate(s, B, x) / 2,
    angularFactor: 2 * Math.PI,
    timeUnit: 'ns',
  };
}

/** Checks a table's shape (s from 0 to 1 strictly increasing, A and B finite and ≥ 0); `where(k)` names row k. */
export function checkScheduleTable(table: ScheduleTable, where: (k: number) => string): void {
  const { s, A, B } = table;
  const n = s.length;
  if (n < 2)
    throw new ScheduleError(
      'table-points',
      `${where(-1)}: a schedule table needs at least 2 rows (found ${n})`,
    );
  if (A.length !== n || B.length !== n)
    throw new ScheduleError('table-columns', `${where(-1)}: s, A and B must have the same number of rows`);
  for (let k = 0; k < n; k++) {
    const [sk, ak, bk] = [s[k]!, A[k]!, B[k]!];
    if (!Number.isFinite(sk) || !Number.isFinite(ak) || !Number.isFinite(bk))
      throw new ScheduleError('table-finite', `${where(k)}: s, A and B must be finite numbers`);
    if (ak < 0 || bk < 0)
      throw new ScheduleError(
        'table-negative',
        `${where(k)}: A and B must be ≥ 0 GHz (found A = ${ak}, B = ${bk})`,
      );
    if (k > 0 && !(sk > s[k - 1]!))
      throw new ScheduleError(
        'table-s-increasing',
        `${where(k)}: s must strictly increase (${sk} after ${s[k - 1]})`,
      );
  }
  if (s[0] !== 0) throw new ScheduleError('table-s-start', `${where(0)}: s must start at 0 (found ${s[0]})`);
  if (s[n - 1] !== 1)
    throw new ScheduleError('table-s-end', `${where(n - 1)}: s must end at 1 (found ${s[n - 1]})`);
}

/** Summary numbers of a table: end points and the first crossing A(s) = B(s) (by linear interpolation). */
export interface ScheduleMetrics {
  A0: number;
  B0: number;
  A1: number;
  B1: number;
  /** s where A(s) = B(s) first (null if A − B never changes sign). */
  crossingS: number | null;
  /** A = B at that point, GHz. */
  crossingValue: number | null;
}

export function scheduleMetrics(table: ScheduleTable): ScheduleMetrics {
  const { s, A, B } = table;
  const n = s.length;
  let crossingS: number | null = null;
  let crossingValue: number | null = null;
  for (let k = 0; k < n - 1; k++) {
    const d0 = A[k]! - B[k]!;
    const d1 = A[k + 1]! - B[k + 1]!;
    if (d0 === 0) {
      crossingS = s[k]!;
      crossingValue = A[k]!;
      break;
    }
    if ((d0 > 0 && d1 <= 0) || (d0 < 0 && d1 >= 0)) {
      const f = d0 / (d0 - d1);
      crossingS = s[k]! + f * (s[k + 1]! - s[k]!);
      crossingValue = A[k]! + f * (A[k + 1]! - A[k]!);
      break;
    }
  }
  return { A0: A[0]!, B0: B[0]!, A1: A[n - 1]!, B1: B[n - 1]!, crossingS, crossingValue };
}
