/** The minimum-gap search's options and result (../gap.ts) and the data its phases pass between them. */

import type { AnnealingSchedule } from '../../../hamiltonian/schedule/types.js';
import type { Progress } from '../../sampler.js';
import type { Sector } from '../block-lanczos.js';
import type { SpectrumMethod } from '../levels.js';

export interface GapOptions {
  schedule: AnnealingSchedule;
  /** Coarse scan points over [0, 1] (default 101). */
  points?: number;
  /** Levels to report at each scan point (default g + 3, at least 4). */
  levels?: number;
  sector?: Sector;
  method?: 'auto' | SpectrumMethod;
  /** Worker threads for Lanczos products from n = 16 (default: all cores). */
  threads?: number;
  /** Relative tolerance of the minimum gap (default 1e-6). */
  rtol?: number;
  /**
   * Eigenvalue tolerance at the scan points, relative to the scale Γn + |Λ|·max|E| of H (default 1e-9);
   * refinement always works to rtol/100 of the gap.
   */
  scanTol?: number;
  /**
   * Certification margin: intervals whose concavity lower bound stays above (1 − margin)·minimum are clear
   * (default 0.05).
   */
  certifyMargin?: number;
  /** Most evaluations the certification may add (default max(12, points/2)). */
  maxExtra?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface GapResult {
  minGap: number;
  sAtMin: number;
  groundDegeneracy: number;
  /** Index g of the level whose distance to E_0 is the gap. */
  gapLevel: number;
  units: 'GHz' | 'dimensionless';
  sector: Sector;
  method: SpectrumMethod | 'sector-dense';
  s: number[];
  /** levels[i][j]: level j at s[i]. */
  levels: number[][];
  /** gaps[i] = levels[i][g] − levels[i][0]. */
  gaps: number[];
  /** The levels at sAtMin. */
  levelsAtMin: number[];
  /** Candidates refined, evaluations after the scan, and those the certification added. */
  refinement: { candidates: number; evaluations: number; certification: number };
  /** Whether every interval's concavity bound cleared the minimum (see ../gap.ts). */
  certified: boolean;
  /** Hamiltonian products spent (eigensolvers and the bound's Σσx products). */
  matvecs: number;
  /** Every evaluated point (scan, refinement, certification), sorted by s. */
  evaluated: { s: number[]; gaps: number[] };
  /** What the gap means for this problem (degenerate ground level, symmetric sector…). */
  note: string;
  wallSeconds: number;
}

/** Orthogonal-ish vectors with ⟨y_i|Σσx|y_j⟩, ⟨y_i|H_P|y_j⟩ and ⟨y_i|y_j⟩ (row-major r×r). */
export interface RitzBlock {
  Y: Float64Array[];
  X: Float64Array;
  P: Float64Array;
  G: Float64Array;
}

/** The blocks of two points' vectors together (cross terms a×b, each row-major). */
export interface CrossBlock {
  X: Float64Array;
  P: Float64Array;
  G: Float64Array;
}

/** Two points' vector blocks and their cross terms: the subspace of the Rayleigh–Ritz upper bounds. */
export interface ProjectedPair {
  a: RitzBlock;
  b: RitzBlock;
  cross: CrossBlock;
}

/** One evaluated value of s. */
export interface Point {
  s: number;
  gamma: number;
  lambda: number;
  values: Float64Array;
  sx: number[];
  hp: number[];
  gap: number;
  /** d(gap)/ds (Hellmann–Feynman). */
  slope: number;
  vectors: Float64Array[] | undefined;
  /** Vectors of levels 0…g (or exact states at the closed-form ends) and their Σσx, H_P and overlap blocks. */
  ritz?: RitzBlock | undefined;
}
