/**
 * The spectrum of H(s) = −Γ(s) Σσx + Λ(s) H_P for the web app's plots and gap jobs: the engine's minimum-gap
 * search (src/sim/spectrum/gap.ts: scan, Brent refinement, cli.md's degeneracy rule) under the web app's size
 * limit. Levels come back as levels[i][j] (level j at s[i]), as `qaxai gap --json` prints them.
 */

import { CapacityError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { compileModel } from '../../hamiltonian/compiled.js';
import type { AnnealingSchedule } from '../../hamiltonian/schedule/types.js';
import type { Progress } from '../../sim/sampler.js';
import { type GapResult, minimumGap } from '../../sim/spectrum/gap.js';

/** Largest problem the web app scans (each scan point costs a few Lanczos vectors of 2^n doubles). */
export const SPECTRUM_MAX_QUBITS = 20;
/** Most levels a scan reports. */
export const SPECTRUM_MAX_LEVELS = 32;

export interface SpectrumOptions {
  schedule: AnnealingSchedule;
  points: number;
  levels?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export type SpectrumResult = GapResult & { n: number; schedule: string };

export async function spectrumScan(bqm: BinaryQuadraticModel, o: SpectrumOptions): Promise<SpectrumResult> {
  const model = compileModel(bqm, 'SPIN');
  if (model.n > SPECTRUM_MAX_QUBITS)
    throw new CapacityError(
      `problem: has ${model.n} variables; spectrum scans in the web app take at most ${SPECTRUM_MAX_QUBITS} (use qaxai gap for up to 24)`,
      { field: 'problem' },
    );
  const r = await minimumGap(model, {
    schedule: o.schedule,
    points: o.points,
    // dense diagonalisation (ml-matrix, with eigenvectors) is the slower choice past n = 6
    method: model.n <= 6 ? 'dense' : 'lanczos',
    ...(o.levels !== undefined ? { levels: o.levels } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  return { ...r, n: model.n, schedule: o.schedule.name };
}
