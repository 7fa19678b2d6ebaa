/**
 * `statevector`: exact closed-system annealing (./anneal.ts) as a sampler. The final state is measured
 * num_reads times in the computational basis (seeded); rows are aggregated with counts. info carries the
 * exact success probability, ⟨H_P⟩ and the step used, so a sample set is also a record of the run.
 *
 * Parameters (Ocean names): schedule (default linear), annealing_time (µs for D-Wave schedules, τ for linear;
 * default 20 µs / τ = 10), anneal_schedule [[t, s], …] (a path; starting at s = 1 makes a reverse anneal with
 * initial_state), dt, num_reads, seed.
 */

import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { SampleSet } from '../../hamiltonian/sample-set.js';
import type { AnnealingSchedule, AnnealPath } from '../../hamiltonian/schedule/types.js';
import { snakeCaseKeys } from '../../util/snake-case.js';
import { type PathParameters, scheduleAndPathFromParams } from '../anneal-path-params.js';
import { Rng } from '../rng.js';
import { defineParameters, seedParameter } from '../sampler.js';
import { BaseSampler, type SampleJob, type SampleOutcome } from '../sampler-base.js';
import { annealCompiled, GPU_MAX_QUBITS, STATEVECTOR_BACKENDS } from './anneal.js';

export const statevectorParameterSpecs = defineParameters({
  num_reads: { kind: 'integer', min: 1, default: 100, doc: 'measurements of the final state (shots)' },
  seed: seedParameter(
    'seed of the measurement shots, integer in [0, 2^32) (default: random, recorded in info.seed)',
  ),
  schedule: {
    kind: 'string',
    default: 'linear',
    doc: 'annealing schedule: linear (dimensionless, ħ = 1) or a D-Wave solver name (NAME, NAME:fast; GHz)',
  },
  annealing_time: {
    kind: 'number',
    min: 0,
    exclusiveMin: true,
    doc: 'anneal duration: µs for D-Wave schedules (default 20), τ (ħ/energy) for linear (default 10)',
  },
  anneal_schedule: {
    kind: 'json',
    doc: 'piecewise-linear s(t) as [[t, s], …] or "t,s t,s …" (µs, or τ for linear); starting at s = 1 makes a reverse anneal',
    check: (v) =>
      typeof v === 'string' || Array.isArray(v) ? undefined : 'expected [[t, s], …] or "t,s t,s …"',
  },
  initial_state: {
    kind: 'json',
    doc: 'reverse-anneal start state: ±1 per variable in model order (0/1 for BINARY), or a {label: value} object',
  },
  dt: {
    kind: 'number',
    min: 0,
    exclusiveMin: true,
    doc: 'Trotter step in ns (D-Wave schedules) or ħ/energy (linear); default: automatic, accurate to 1e-4 in the success probability',
  },
  convergence_check: {
    kind: 'boolean',
    default: true,
    doc: 'repeat at dt/2 and report the difference in info',
  },
  backend: {
    kind: 'enum',
    values: [...STATEVECTOR_BACKENDS],
    default: 'cpu',
    doc: `cpu: float64 WebAssembly kernels on threads; gpu: gpu.js float32 kernels on WebGPU (gpu.js's WebAssembly backend where no adapter exists), n ≤ ${GPU_MAX_QUBITS}; info.kernel says which ran`,
  },
});

/** Schedule and path from sampler parameters (already validated). */
export function resolveStatevectorPath(
  p: PathParameters,
  bqm: BinaryQuadraticModel,
): { schedule: AnnealingSchedule; path: AnnealPath } {
  return scheduleAndPathFromParams(p, bqm, 'linear');
}

/**
 * Draws `shots` basis states from |ψ|² (interleaved amplitudes) with sorted uniforms and one cumulative pass;
 * returns (basis index, count) pairs.
 */
export function measureShots(amps: Float64Array, shots: number, rng: Rng): Map<number, number> {
  const u = Float64Array.from({ length: shots }, () => rng.nextDouble()).sort();
  let total = 0;
  for (let i = 0; i < amps.length; i += 2) total += amps[i]! * amps[i]! + amps[i + 1]! * amps[i + 1]!;
  const out = new Map<number, number>();
  let acc = 0;
  let k = 0;
  const N = amps.length / 2;
  for (let z = 0; z < N && k < shots; z++) {
    acc += (amps[2 * z]! * amps[2 * z]! + amps[2 * z + 1]! * amps[2 * z + 1]!) / total;
    while (k < shots && (u[k]! < acc || z === N - 1)) {
      out.set(z, (out.get(z) ?? 0) + 1);
      k++;
    }
  }
  return out;
}

/**
 * info (besides sampler, parameters, seed, timing): success_probability (exact, of the final state),
 * expected_energy ⟨H_P⟩, ground_energy, ground_degeneracy, steps, dt, time_unit, kernel, threads, convergence
 * ({checked, dt_compared, delta_success_probability, delta_expected_energy, fidelity, estimated_error,
 * tolerance, converged, runs}).
 */
export class StatevectorSampler extends BaseSampler<typeof statevectorParameterSpecs> {
  readonly name = 'statevector';
  readonly parameters = statevectorParameterSpecs;
  readonly properties = {
    description: 'exact closed-system quantum annealing (second-order Trotter–Suzuki statevector)',
    max_qubits: 28,
  };

  protected async run(job: SampleJob<typeof statevectorParameterSpecs>): Promise<SampleOutcome> {
    const { bqm, params: p, seed, spinModel: model } = job;
    const { schedule, path } = resolveStatevectorPath(p, bqm);
    const r = await job.sampling(() =>
      annealCompiled(model, {
        schedule,
        path,
        ...(p.dt !== undefined ? { dt: p.dt } : {}),
        convergenceCheck: p.convergence_check,
        backend: p.backend,
        keepState: true,
        ...job.engineOptions,
      }),
    );
    const counts = measureShots(r.state!, p.num_reads, Rng.fromSeed(seed));
    const n = model.n;
    const binary = bqm.vartype === 'BINARY';
    const rows = [...counts.entries()];
    const samples = new Int8Array(rows.length * n);
    rows.forEach(([z, _], row) => {
      for (let i = 0; i < n; i++) {
        const up = Math.floor(z / 2 ** i) % 2 === 0;
        samples[row * n + i] = binary ? (up ? 1 : 0) : up ? 1 : -1;
      }
    });
    return {
      sampleSet: SampleSet.fromSamplesBqm(bqm, samples, { numOccurrences: rows.map(([, k]) => k) }).sorted(),
      parameters: { schedule: schedule.name },
      info: {
        success_probability: r.successProbability,
        expected_energy: r.expectedEnergy,
        ground_energy: r.groundEnergy,
        ground_degeneracy: r.groundDegeneracy,
        steps: r.steps,
        dt: r.dt,
        time_unit: r.timeUnit,
        kernel: r.kernel,
        threads: r.threads,
        convergence: snakeCaseKeys(r.convergence),
      },
    };
  }
}
