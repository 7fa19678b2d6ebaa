/**
 * What the gap search works with, settled before the first evaluation: the checks on the request, the gap
 * level g (the ground degeneracy at s = 1, ../gap.ts's gap rule), how many levels each phase solves for, which
 * eigensolver serves the scan and which the refinement, and the tolerances.
 */

import { CapacityError, InputError } from '../../../errors.js';
import type { CompiledModel } from '../../../hamiltonian/compiled.js';
import type { AnnealingSchedule } from '../../../hamiltonian/schedule/types.js';
import { buildDiagonal, type Diagonal } from '../../statevector/diagonal.js';
import { checkCapacity, type MemoryPlan } from '../../statevector/memory.js';
import { groundLevel } from '../../statevector/observables.js';
import { defaultThreadCount } from '../../threads/pool.js';
import type { Sector } from '../block-lanczos.js';
import { DENSE_MAX_QUBITS, symmetricEigensystem } from '../dense.js';
import { createLevelSolver, type LevelSolver, type SpectrumMethod } from '../levels.js';
import { symmetricSector } from '../symmetric-sector.js';
import type { GapOptions } from './types.js';

/** Largest n for the Krylov path. */
export const LANCZOS_MAX_QUBITS = 24;
/** Largest ground degeneracy the gap rule is applied to (g + 1 levels at every point). */
export const MAX_GAP_LEVEL = 64;
/**
 * Largest n the automatic choice diagonalises densely (2^6 = 64 rows, ≈ 3 ms a point). From n = 7 block Lanczos
 * finds the same levels, copies included, to 1e-10 and is 2–15× faster (a 256-row dense eigensystem costs 0.13 s).
 */
export const DENSE_AUTO_MAX_QUBITS = 6;

export interface GapPlan {
  n: number;
  /** 2^n. */
  N: number;
  diag: Diagonal;
  schedule: AnnealingSchedule;
  sector: Sector;
  /** Index of the gap level: H_P's ground degeneracy (inside the sector for `symmetric`). */
  g: number;
  /** Levels solved for at the scan points (and reported). */
  K: number;
  /** Levels the gap needs, 0…g. */
  kGap: number;
  /** Whether the scan needs every copy of its extra levels (K > g + 1). */
  copiesInScan: boolean;
  /** The scan's eigensolver. */
  method: SpectrumMethod;
  scanSolver: LevelSolver;
  refineSolver: LevelSolver;
  points: number;
  rtol: number;
  scanTol: number;
  /** Certification margin (GapOptions.certifyMargin). */
  margin: number;
  maxExtra: number;
  /** What the gap means for this problem. */
  note: string;
}

function krylovMemory(n: number, k: number): MemoryPlan {
  const N = 2 ** n;
  // the smallest basis the solvers work with, the Ritz vectors held for warm starts, and the product buffers
  const vectors = (Math.min(N, 60) + 3 * k + 8) * 8 * N;
  return { state: 0, diagonal: 10 * N, extra: vectors, total: vectors + 10 * N };
}

/** Degeneracy of H_P's ground level inside the symmetric sector. */
function sectorGroundDegeneracy(n: number, diag: Diagonal): number {
  const vals = symmetricEigensystem(symmetricSector(n, diag).P).values;
  const e0 = vals[0]!;
  let g = 0;
  for (const v of vals) if (Math.abs(v - e0) <= 1e-9 * Math.max(1, Math.abs(e0))) g++;
  return g;
}

/** Checks the request and settles the search's levels, solvers and tolerances. */
export function planGapSearch(model: CompiledModel, opts: GapOptions): GapPlan {
  const n = model.n;
  const sector = opts.sector ?? 'full';
  const points = opts.points ?? 101;
  if (!Number.isInteger(points) || points < 3 || points > 100000)
    throw new InputError(`points: ${points} must be an integer in [3, 100000]`, { field: 'points' });
  if (n === 0)
    throw new InputError('model: the model has no variables, so H(s) has a single level and no gap', {
      field: 'model',
    });
  if (opts.method === 'dense' && n > DENSE_MAX_QUBITS)
    throw new CapacityError(
      `method dense: handles n ≤ ${DENSE_MAX_QUBITS}; this model has ${n} (use lanczos)`,
      { field: 'method' },
    );
  if (n > LANCZOS_MAX_QUBITS)
    throw new CapacityError(
      `gap: spectra are computed for n ≤ ${LANCZOS_MAX_QUBITS} qubits; this model has ${n} (2^${n} amplitudes per Lanczos vector)`,
      { field: 'model' },
    );
  const threads = Math.max(1, opts.threads ?? defaultThreadCount());
  const diag = buildDiagonal(model, { shared: threads > 1 && n >= 16 });
  const ground = groundLevel(diag);
  let g = ground.groundDegeneracy;
  let note: string;
  if (sector === 'symmetric') {
    g = sectorGroundDegeneracy(n, diag);
    note =
      `gap inside the symmetric sector (the subspace a forward anneal from |+⟩ explores); ` +
      (g > 1
        ? `its ground level at s = 1 is ${g}-fold, so the gap is E_${g} − E_0 there`
        : 'E_1 − E_0 in that sector');
  } else if (g > 1)
    note =
      `H_P's ground level is ${g}-fold degenerate (${g} states at E = ${ground.groundEnergy}), so the gap is E_${g}(s) − E_0(s): ` +
      `the first level that does not join the ground level at s = 1. ${
        g === 2 ? 'Level E_1 closes' : `Levels E_1 to E_${g - 1} close`
      } onto E_0 as s → 1 and ${g === 2 ? 'does' : 'do'} not limit the anneal's success.`;
  else note = 'E_1(s) − E_0(s); the ground state of H_P is unique';
  if (g > MAX_GAP_LEVEL)
    throw new CapacityError(
      `H_P's ground level is ${g}-fold degenerate (often variables with no bias or coupling): the gap E_${g} − E_0 needs ${g + 1} levels at every s, ` +
        `more than the ${MAX_GAP_LEVEL + 1} the gap search computes; remove or bias the free variables`,
      { field: 'model' },
    );
  const K = Math.min(2 ** n, Math.max(opts.levels ?? Math.max(4, g + 3), g + 1));
  const kGap = Math.min(2 ** n, g + 1);
  // Which solver where. The gap itself needs every copy of the levels below E_g only when g > 1 (E_0 is simple
  // for Γ > 0); copies of the extra reported levels (K > g + 1) need the block solver or dense matrices at the
  // scan points, while refinement only needs the gap.
  const copiesInScan = K > kGap;
  const denseScan =
    opts.method === 'dense' ||
    (opts.method !== 'lanczos' && (n <= 4 || (n <= DENSE_AUTO_MAX_QUBITS && copiesInScan)));
  const denseRefine =
    opts.method === 'dense' ||
    (opts.method !== 'lanczos' && (n <= 4 || (n <= DENSE_AUTO_MAX_QUBITS && g > 1)));
  const method: SpectrumMethod = denseScan ? 'dense' : 'lanczos';
  if (sector === 'full' && (!denseScan || !denseRefine))
    checkCapacity(n, krylovMemory(n, K), 'gap search (Lanczos)');
  const scanSolver = createLevelSolver(n, diag, opts.schedule, method, sector, threads);
  const refineSolver =
    denseRefine === denseScan
      ? scanSolver
      : createLevelSolver(n, diag, opts.schedule, denseRefine ? 'dense' : 'lanczos', sector, threads);
  return {
    n,
    N: 2 ** n,
    diag,
    schedule: opts.schedule,
    sector,
    g,
    K,
    kGap,
    copiesInScan,
    method,
    scanSolver,
    refineSolver,
    points,
    rtol: opts.rtol ?? 1e-6,
    scanTol: opts.scanTol ?? 1e-9,
    margin: opts.certifyMargin ?? 0.05,
    maxExtra: opts.maxExtra ?? Math.max(12, Math.ceil(points / 2)),
    note,
  };
}
