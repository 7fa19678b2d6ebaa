import type { AnnealingSchedule } from './types.js';

/**
 * The dimensionless `linear` schedule (ħ = 1): H(s) = −(1 − s) Σσx + s H_P, so Γ = A = 1 − s and Λ = B = s,
 * with time in units of ħ/energy (τ). No ½ factors: this is the convention of cli.md and of the seed paper.
 */
export const linearSchedule: AnnealingSchedule = {
  name: 'linear',
  energyUnit: 'dimensionless',
  A: (s) => 1 - s,
  B: (s) => s,
  transverse: (s) => 1 - s,
  problem: (s) => s,
  angularFactor: 1,
  timeUnit: 'hbar/energy',
};
