/**
 * An anneal-offset reference written independently of src/hamiltonian/schedule/qubit-controls.ts: a qubit with
 * offset δc at anneal fraction s follows the published table at its own fraction s' = c⁻¹(c(s) + δc), found by
 * bisection on the c(s) column (clamped to [0, 1]), with A and B interpolated over s.
 */

import type { ScheduleTable } from '../../src/hamiltonian/schedule/table.js';

/** Linear interpolation of y over the increasing grid x (binary search), clamped to the end values. */
export function interp(x: Float64Array, y: Float64Array, v: number): number {
  if (v <= x[0]!) return y[0]!;
  if (v >= x[x.length - 1]!) return y[y.length - 1]!;
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! < v) lo = mid;
    else hi = mid;
  }
  return y[lo]! + ((y[lo + 1]! - y[lo]!) * (v - x[lo]!)) / (x[lo + 1]! - x[lo]!);
}

/** A, B (GHz) and the own anneal fraction of a qubit with offset δc at s. */
export function ownSchedule(
  table: ScheduleTable,
  s: number,
  delta: number,
): { A: number; B: number; s: number } {
  const c = table.c!;
  const target = interp(table.s, c, s) + delta;
  let own: number;
  if (target <= c[0]!) own = 0;
  else if (target >= c[c.length - 1]!) own = 1;
  else {
    let lo = 0;
    let hi = 1;
    for (let it = 0; it < 50; it++) {
      const mid = (lo + hi) / 2;
      if (interp(table.s, c, mid) < target) lo = mid;
      else hi = mid;
    }
    own = (lo + hi) / 2;
  }
  return { A: interp(table.s, table.A, own), B: interp(table.s, table.B, own), s: own };
}
