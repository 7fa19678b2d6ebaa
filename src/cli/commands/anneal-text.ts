/** The text (non-`--json`) output of `qaxai anneal`: one anneal point in words (src/util/format.ts). */

import { DEFAULT_TEMPERATURE_MK } from '../../sim/mc/anneal-params.js';
import type { AnnealPoint, AnnealPointOptions } from '../../studies/anneal-point.js';
import {
  defaultsLine,
  formatEnergy,
  formatEnergyDifference,
  formatNumber,
  formatSeconds,
  formatTime,
  formatWithError,
  NO_VALUE,
  plural,
  wroteLine,
} from '../../util/format.js';

/** The kernels of a run in words (gpu.js backends; the float64 statevector kernels and their threads). */
export function kernelDescription(kernel: string, threads: number): string {
  if (kernel === 'gpu.js:webgpu') return 'gpu.js on WebGPU (float32)';
  if (kernel.startsWith('gpu.js:'))
    return `gpu.js ${kernel.slice(7)} backend on the CPU (float32; no WebGPU adapter found)`;
  return `${kernel === 'wasm' ? 'WebAssembly SIMD' : 'TypeScript'} (float64) on ${plural(threads, 'thread')}`;
}

/** The method's settings that came from defaults (not from flags), with the flag that sets each. */
export function methodDefaults(point: AnnealPoint, given: AnnealPointOptions): string[] {
  if (point.method === 'statevector')
    return given.dt === undefined && given.steps === undefined
      ? [
          `dt for a success-probability error ≤ ${formatNumber(point.convergence.tolerance)} (--dt, --tolerance)`,
        ]
      : [];
  const p = (point.samplerInfo.parameters ?? {}) as Record<string, unknown>;
  const out: string[] = [];
  if (given.numReads === undefined) out.push(`${point.numReads} reads (--num-reads)`);
  if (given.numSlices === undefined && typeof p.num_slices === 'number')
    out.push(`${p.num_slices} Trotter slices (--num-slices)`);
  if (point.energyUnit === 'GHz' && given.temperature === undefined && given.beta === undefined)
    out.push(`temperature ${DEFAULT_TEMPERATURE_MK} mK (--temperature)`);
  if (given.seed === undefined)
    out.push(`seed ${String(point.samplerInfo.seed)} (random; --seed repeats the run)`);
  return out;
}

export interface AnnealTextOptions {
  /** Settings that came from defaults, in words with their flags. */
  defaults?: readonly string[];
  /** The overlap plot written. */
  svg?: string;
}

export function annealPointText(point: AnnealPoint, o: AnnealTextOptions = {}): string {
  const tts = point.tts99 === null ? `${NO_VALUE} (p = 0)` : formatTime(point.tts99, point.timeUnit, 5);
  const lines = [
    `${point.method} anneal, ${point.schedule} schedule, ${point.pathKind} path of ${formatTime(point.duration, point.timeUnit)}, n = ${point.n}`,
    `success probability ${successText(point)}`,
    `ground energy ${groundText(point)}`,
    `⟨H_P⟩ ${formatNumber(point.expectedEnergy)}, residual energy ${formatEnergyDifference(point.residualEnergy, point.groundEnergy)}`,
    `TTS99 ${tts}`,
    ...(point.method === 'statevector'
      ? [
          `${point.steps} steps of dt = ${formatTime(point.dt, point.dtUnit, 4)}; ${convergenceText(point.convergence)}`,
          `kernels: ${kernelDescription(point.kernel, point.threads)}`,
        ]
      : [
          `${point.steps ?? NO_VALUE} sweeps`,
          ...(point.kernel ? [`kernels: ${kernelDescription(point.kernel, 1)}`] : []),
        ]),
    `wall time ${formatSeconds(point.wallSeconds)}`,
    defaultsLine(o.defaults ?? []),
    o.svg && wroteLine('overlap plot', o.svg),
  ];
  return lines.filter((l) => l).join('\n');
}

function successText(point: AnnealPoint): string {
  if (point.method === 'statevector') return formatNumber(point.successProbability);
  const hits = Math.round(point.successProbability * point.numReads);
  const err = point.successProbabilityStdErr > 0 ? '; ± one binomial standard error' : '';
  return `${formatWithError(point.successProbability, point.successProbabilityStdErr)} (${hits} of ${point.numReads} reads in the ground set${err})`;
}

function groundText(point: AnnealPoint): string {
  if (point.method === 'pimc' && !point.groundEnergyExact)
    return `${formatEnergy(point.groundEnergy)} (the lowest energy seen: n > 26 is not enumerated)`;
  return `${formatEnergy(point.groundEnergy)} (degeneracy ${point.groundDegeneracy})`;
}

function convergenceText(c: {
  checked: boolean;
  estimatedError: number | null;
  converged: boolean | null;
}): string {
  if (!c.checked) return 'not checked at dt/2 (--no-convergence-check)';
  const err = `estimated error of the success probability ${formatNumber(c.estimatedError, 2)}`;
  return c.converged === false ? `${err} (NOT converged: give a smaller --dt)` : err;
}
