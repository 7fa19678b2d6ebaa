/**
 * The minimum gap of H(s) = −Γ(s) Σσx + Λ(s) H_P for the small QUBOs of the XAI layer: a thin adapter over
 * the engine's gap search (src/sim/spectrum/gap.ts: warm-started Lanczos scan, refinement to 1e-6 relative,
 * certification of every interval), kept for its result shape. Gap rule of cli.md: E_1 − E_0 when H_P's
 * ground state is unique; degenerate problems are handed back (the analyzer then reads E_g − E_0 from the
 * engine directly).
 */

import type { CompiledModel } from '../hamiltonian/compiled.js';
import type { AnnealingSchedule } from '../hamiltonian/schedule/types.js';
import { minimumGap } from '../sim/spectrum/gap.js';
import { groundSetOf, problemEnergies } from '../sim/statevector/problem-energies.js';

export interface GapScanResult {
  minGap: number;
  sAtMin: number;
  groundDegeneracy: number;
  /** Eigenvalue evaluations (scan, refinement and certification). */
  evaluations: number;
  matvecs: number;
}

export interface GapScanOptions {
  schedule: AnnealingSchedule;
  /** Scan points over [0, 1] (default 41). */
  points?: number;
}

/** Minimum gap of a SPIN compiled model with a unique ground state (see the module note). */
export async function scanMinimumGap(
  model: CompiledModel,
  o: GapScanOptions,
): Promise<GapScanResult | { degenerate: number }> {
  const g = groundSetOf(problemEnergies(model)).degeneracy;
  if (g > 1) return { degenerate: g };
  const r = await minimumGap(model, { schedule: o.schedule, points: o.points ?? 41, levels: 1 });
  return {
    minGap: r.minGap,
    sAtMin: r.sAtMin,
    groundDegeneracy: r.groundDegeneracy,
    evaluations: r.s.length + r.refinement.evaluations,
    matvecs: r.matvecs,
  };
}
