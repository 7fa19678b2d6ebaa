/** Phase 1 of the gap search: `points` uniform values of s over [0, 1], each warm-started from its neighbour. */

import { type EvaluatedPoints, evaluate } from './points.js';
import type { Point } from './types.js';

/** The scan points, in order of s. */
export async function scan(ev: EvaluatedPoints): Promise<Point[]> {
  const { points } = ev.plan;
  const out: Point[] = [];
  for (let i = 0; i < points; i++) out.push(await evaluate(ev, i / (points - 1), 'scan'));
  return out;
}
