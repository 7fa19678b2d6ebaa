/**
 * The per-image annealing physics the paper reports, behind a small function type so the XAI layer works
 * with whatever engine is present: the minimum gap Δ_min of H(s) = −(1 − s) Σσx + s H_P, the s = t/τ where
 * it falls, and the success probability F (probability of H_P's ground set at the end of the anneal).
 */

import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';

export interface AnnealStats {
  /** E_g(s) − E_0(s) minimised over s ∈ [0, 1] (g = ground degeneracy of H_P), energy units of H_P. */
  minGap: number | null;
  /** s = t/τ at the minimum gap. */
  sAtMin: number | null;
  /** Success probability F at the end of the anneal with annealing time τ. */
  successProbability: number | null;
  groundDegeneracy?: number;
  /** Which engine produced these numbers. */
  engine: string;
}

export interface AnnealQuery {
  tau: number;
  dt: number;
  /** `info` of the sample set the sampler returned for this problem (a statevector sampler may carry F). */
  sampleInfo?: Record<string, unknown>;
  /** Compute the minimum gap (default true); false when only F is wanted. */
  gap?: boolean;
}

export type AnnealAnalyzer = (bqm: BinaryQuadraticModel, q: AnnealQuery) => Promise<AnnealStats>;
