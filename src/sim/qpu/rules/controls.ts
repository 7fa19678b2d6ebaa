/**
 * The per-qubit controls of a checked problem, on its variables (src/hamiltonian/schedule/qubit-controls.ts
 * states their physics): anneal_offsets and flux_biases are lists over every fabricated qubit (./parameters.ts
 * checks their length and the offset ranges); here each active qubit's entry must be a finite number (an
 * unused qubit's may be anything, NaN included, as Ocean's mock solver writes them), and offsets are quantized
 * to the solver's anneal_offset_step, as its DACs do (rounded to the nearest step and kept within the qubit's
 * anneal_offset_ranges entry). Units: offsets in normalized control-bias units, flux biases in Φ0, h-gain
 * times in µs.
 */

import { ParameterError } from '../../../errors.js';
import type { QubitControls } from '../../../hamiltonian/schedule/qubit-controls.js';
import type { QpuSolverProperties } from './properties.js';

type Point = readonly [number, number];

/** An offset rounded to the nearest multiple of |step| (unchanged without a step), kept within `range`. */
export function quantizeAnnealOffset(
  offset: number,
  step: number | undefined,
  range?: readonly [number, number] | null,
): number {
  const q = step ? Math.abs(step) : 0;
  let x = q > 0 ? Math.round(offset / q) * q : offset;
  if (range) x = Math.min(range[1], Math.max(range[0], x));
  return x === 0 ? 0 : x;
}

function perVariable(list: unknown, param: string, qubits: Int32Array): Float64Array | undefined {
  if (!Array.isArray(list)) return undefined;
  const out = new Float64Array(qubits.length);
  qubits.forEach((q, i) => {
    const x = list[q];
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw new ParameterError(
        `${param}: qubit ${q} is active in the problem but its entry is ${JSON.stringify(x ?? null)}; give a finite number (0 for none)`,
        { field: param },
      );
    out[i] = x;
  });
  return out.some((x) => x !== 0) ? out : undefined;
}

/**
 * The controls of a problem on `qubits` (its variables' qubits, model order), or undefined when they leave the
 * anneal unchanged (no offset after quantization, g ≡ 1, no flux bias). The h gain is the checked
 * h_gain_schedule (./parameters.ts applies the QPU's h-gain rules).
 */
export function qubitControlsOf(
  params: Readonly<Record<string, unknown>>,
  qubits: Int32Array,
  p: QpuSolverProperties,
): QubitControls | undefined {
  const raw = perVariable(params.anneal_offsets, 'anneal_offsets', qubits);
  const offsets = raw?.map((d, i) =>
    quantizeAnnealOffset(d, p.anneal_offset_step, p.anneal_offset_ranges?.[qubits[i]!]),
  );
  const fluxBiases = perVariable(params.flux_biases, 'flux_biases', qubits);
  const gain = Array.isArray(params.h_gain_schedule) ? (params.h_gain_schedule as Point[]) : undefined;
  const c: QubitControls = {
    ...(offsets?.some((x) => x !== 0) ? { offsets } : {}),
    ...(gain?.some((pt) => pt[1] !== 1) ? { hGain: gain.map((pt) => [pt[0], pt[1]] as const) } : {}),
    ...(fluxBiases ? { fluxBiases } : {}),
  };
  return Object.keys(c).length ? c : undefined;
}
