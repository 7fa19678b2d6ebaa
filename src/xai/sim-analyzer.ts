/**
 * The annealing analyzer built from the simulator's engines (src/sim): the success probability F of a
 * statevector anneal on the linear schedule and the minimum gap of H(s). Returns undefined when the
 * engines it needs are not available in this build.
 */

import type { AnnealAnalyzer } from './anneal-stats.js';

export interface AnalyzerOptions {
  /** 'paper': H(s) = −(1 − s)Σσx + s H_P; 'code': the authors' driver scaled by 1/d. */
  driver?: 'paper' | 'code';
}

export function defaultAnnealAnalyzer(_o: AnalyzerOptions = {}): AnnealAnalyzer | undefined {
  return undefined;
}
