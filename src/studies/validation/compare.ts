/**
 * Compares a real QPU result with an emulator run on the same problem: P(ground) and P(first excited level),
 * energy-histogram total variation distance, mean residual energy, chain-break fraction, and the effective
 * inverse temperature of each by a maximum-likelihood Boltzmann fit over the lowest exact levels.
 *
 * The ground energy comes from exact enumeration when the model has at most 40 variables (with the low
 * spectrum and its degeneracies), else it is the best energy either run found ("best-known").
 */

import { InputError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import { energiesOnModel } from '../../hamiltonian/sample-set-energies.js';
import { EXACT_MAX_VARIABLES, solveExact } from '../../sim/exact/solve-exact.js';
import { energiesEqual } from '../../sim/statevector/problem-energies.js';
import type { QpuResult } from './qpu-result.js';
import {
  type EnergyHistogram,
  energyHistogram,
  fitBoltzmannBeta,
  levelProbability,
  meanResidualEnergy,
  totalVariationDistance,
} from './stats.js';

/** |P_sim − P_qpu| of the ground or first excited level above which an instance is flagged. */
export const FLAG_DELTA_P = 0.1;

export interface Pair<T> {
  qpu: T;
  sim: T;
}

export interface ValidationReport {
  numVariables: number;
  groundEnergy: number;
  groundEnergySource: 'exact' | 'best-known';
  groundDegeneracy: number | null;
  firstExcitedEnergy: number | null;
  pGround: Pair<number>;
  pFirstExcited: Pair<number | null>;
  /** |ΔP(ground)| or |ΔP(first excited)| above {@link FLAG_DELTA_P}. */
  flagged: boolean;
  /** The exact low levels' energies (n ≤ 40), so that levels no read reached still show. */
  exactLevels: number[] | null;
  /** The emulator's own account of its settings (qpu-sim's info.emulation), when it gives one. */
  emulation: Record<string, unknown> | null;
  energyTvd: number;
  meanResidualEnergy: Pair<number>;
  /** Inverse temperature in 1/(model energy unit); null where the fit is not defined. */
  effectiveBeta: Pair<number | null>;
  effectiveBetaStderr: Pair<number | null>;
  chainBreakFraction: Pair<number | null>;
  samples: Pair<number>;
  histograms: Pair<{ energies: number[]; counts: number[] }>;
}

/** Histogram of a result's reads, with energies recomputed on the model when the samples are known. */
export function histogramOnModel(bqm: BinaryQuadraticModel, ss: SampleSet, what: string): EnergyHistogram {
  return energyHistogram(energiesOnModel(bqm, ss, what), ss.numOccurrences);
}

/** Mean chain-break fraction over reads, when the sample set carries the vector. */
export function meanChainBreakFraction(ss: SampleSet | undefined): number | null {
  const v = ss?.vectors.chain_break_fraction;
  if (!ss || !v) return null;
  const occ = ss.numOccurrences;
  let s = 0;
  let n = 0;
  (v.data as number[]).forEach((x, r) => {
    s += x * occ[r]!;
    n += occ[r]!;
  });
  return n === 0 ? null : s / n;
}

/** Exact low spectrum for n ≤ 40, else undefined. */
export async function exactLevels(
  bqm: BinaryQuadraticModel,
  levels = 12,
): Promise<Array<{ energy: number; degeneracy: number }> | undefined> {
  if (bqm.numVariables > EXACT_MAX_VARIABLES) return undefined;
  return (await solveExact(bqm, { levels, maxGroundStates: 0 })).spectrum;
}

export function compareResults(
  bqm: BinaryQuadraticModel,
  qpu: QpuResult,
  sim: SampleSet,
  spectrum: Array<{ energy: number; degeneracy: number }> | undefined,
): ValidationReport {
  const hq = qpu.sampleSet ? histogramOnModel(bqm, qpu.sampleSet, qpu.source) : qpu.storedHistogram;
  const hs = histogramOnModel(bqm, sim, 'the emulator sample set');
  const best = Math.min(
    hq.energies[0] ?? Number.POSITIVE_INFINITY,
    hs.energies[0] ?? Number.POSITIVE_INFINITY,
  );
  const e0 = spectrum ? spectrum[0]!.energy : best;
  if (spectrum && hq.energies.length && hq.energies[0]! < e0 && !energiesEqual(hq.energies[0]!, e0))
    throw new InputError(
      `${qpu.source}: the QPU result reports energy ${hq.energies[0]} below the model's exact ground energy ` +
        `${e0}; it cannot belong to this model (give the model it was run on)`,
      { field: '--model' },
    );
  const e1 = spectrum ? (spectrum[1]?.energy ?? null) : null;
  const boltzmann = (h: EnergyHistogram) => (spectrum ? fitBoltzmannBeta(spectrum, h) : undefined);
  const fq = boltzmann(hq);
  const fs = boltzmann(hs);
  const pGround = { qpu: levelProbability(hq, e0), sim: levelProbability(hs, e0) };
  const pFirstExcited = {
    qpu: e1 === null ? null : levelProbability(hq, e1),
    sim: e1 === null ? null : levelProbability(hs, e1),
  };
  const off = (p: Pair<number | null>) =>
    p.qpu !== null && p.sim !== null && Math.abs(p.sim - p.qpu) > FLAG_DELTA_P;
  const emulation = sim.info.emulation;
  return {
    numVariables: bqm.numVariables,
    groundEnergy: e0,
    groundEnergySource: spectrum ? 'exact' : 'best-known',
    groundDegeneracy: spectrum ? spectrum[0]!.degeneracy : null,
    firstExcitedEnergy: e1,
    pGround,
    pFirstExcited,
    flagged: off(pGround) || off(pFirstExcited),
    exactLevels: spectrum ? spectrum.map((l) => l.energy) : null,
    emulation:
      emulation && typeof emulation === 'object' ? { ...(emulation as Record<string, unknown>) } : null,
    energyTvd: totalVariationDistance(hq, hs),
    meanResidualEnergy: { qpu: meanResidualEnergy(hq, e0), sim: meanResidualEnergy(hs, e0) },
    effectiveBeta: { qpu: fq?.beta ?? null, sim: fs?.beta ?? null },
    effectiveBetaStderr: { qpu: fq?.stderr ?? null, sim: fs?.stderr ?? null },
    chainBreakFraction: { qpu: meanChainBreakFraction(qpu.sampleSet), sim: meanChainBreakFraction(sim) },
    samples: { qpu: hq.total, sim: hs.total },
    histograms: {
      qpu: { energies: hq.energies, counts: hq.counts },
      sim: { energies: hs.energies, counts: hs.counts },
    },
  };
}
