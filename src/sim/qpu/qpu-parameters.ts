/**
 * The parameters of `qpu-sim` for a profile: Ocean's QPU parameter names (with the profile's ranges) plus the
 * emulator's `x_` knobs (temperature, noise, readout errors, engine, PIMC sweeps and slices, backend).
 * anneal_offsets, h_gain_schedule and flux_biases carry their physics into every engine
 * (src/hamiltonian/schedule/qubit-controls.ts); flux_drift_compensation false adds an uncompensated static
 * flux drift per qubit (x_flux_drift_phi0).
 */

import { DEFAULT_SWEEPS_PER_US } from '../mc/anneal-params.js';
import { defineParameters, seedParameter } from '../sampler.js';
import type { QpuProfile } from './profiles.js';

export const DEFAULT_TROTTER_SLICES = 32;
export const DEFAULT_H_NOISE_SIGMA = 0.02;
export const DEFAULT_J_NOISE_SIGMA = 0.02;
/** RMS of the uncompensated flux drift per qubit (Φ0): D-Wave's order of magnitude of the RMS flux noise. */
export const DEFAULT_FLUX_DRIFT_PHI0 = 1e-5;
/** The engines qpu-sim can run the anneal on. */
export const QPU_ENGINES = ['pimc', 'svmc', 'svmc-tf', 'statevector'] as const;
export type QpuEngine = (typeof QPU_ENGINES)[number];

/** The parameter specs of qpu-sim on profile `p` (typed: see {@link QpuParameters}). */
export function qpuParameterSpecs(p: QpuProfile) {
  const range = (r: readonly [number, number]) => `[${r[0]}, ${r[1]}]`;
  return defineParameters({
    num_reads: {
      kind: 'integer',
      min: p.num_reads_range[0],
      max: p.num_reads_range[1],
      default: 1,
      property: 'num_reads_range',
      doc: `number of reads (samples), within num_reads_range ${range(p.num_reads_range)}`,
    },
    annealing_time: {
      kind: 'number',
      property: 'annealing_time_range',
      doc: `anneal duration in µs (default ${p.default_annealing_time}), within annealing_time_range ${range(p.annealing_time_range)}; exclusive with anneal_schedule`,
    },
    anneal_schedule: {
      kind: 'json',
      property: 'max_anneal_schedule_points',
      doc: 'piecewise-linear s(t) as [[t, s], …] (µs): starts at t = 0 with s = 0 (forward) or s = 1 (reverse, needs initial_state), ends at s = 1',
    },
    initial_state: {
      kind: 'json',
      doc: 'reverse-anneal start state: {qubit: value}, [[qubit, value], …] or a dense list over all qubits (3 = unused); ±1 (Ising) or 0/1 (QUBO)',
    },
    reinitialize_state: {
      kind: 'boolean',
      default: true,
      doc: 'reverse anneal: start every read from initial_state (true) or from the previous read’s final state (false)',
    },
    auto_scale: {
      kind: 'boolean',
      default: true,
      doc: 'divide h and J by the largest ratio to their ranges (h_range, extended_j_range, coupling ranges) so they fill them; false requires values within the ranges',
    },
    answer_mode: {
      kind: 'enum',
      values: ['histogram', 'raw'],
      doc: 'histogram (default; unique samples sorted by energy with num_occurrences) or raw (one row per read in read order; default for reverse anneals)',
    },
    max_answers: {
      kind: 'integer',
      min: 1,
      doc: 'most answers returned (default num_reads): histogram, the max_answers lowest-energy distinct samples; raw, the first max_answers reads',
    },
    anneal_offsets: {
      kind: 'json',
      property: 'anneal_offset_ranges',
      doc: 'per-qubit anneal offsets δc in normalized control-bias units (> 0 advances the qubit), one per fabricated qubit within anneal_offset_ranges, quantized to anneal_offset_step: the qubit follows A(c⁻¹(c(s)+δc)), B(…)',
    },
    flux_biases: {
      kind: 'json',
      doc: `per-qubit flux-bias offsets Φ in Φ0, one per fabricated qubit (needs auto_scale false; sign opposite to h): a longitudinal field −I_p(s)·Φ0·Φ σz with I_p = √(B(s)/(2·M_AFM)), M_AFM = ${p.mAfmPh} pH`,
    },
    flux_drift_compensation: {
      kind: 'boolean',
      default: true,
      doc: 'compensate for flux drift (default true); false leaves each qubit a static flux drift N(0, x_flux_drift_phi0²) per programming',
    },
    h_gain_schedule: {
      kind: 'json',
      property: 'h_gain_schedule_range',
      doc: 'time-dependent gain g(t) on h as [[t, g], …] (µs, piecewise linear), within h_gain_schedule_range',
    },
    num_spin_reversal_transforms: {
      kind: 'integer',
      min: 0,
      default: 0,
      doc: 'gauge transforms: the reads are split over this many programmings, each with a random gauge (and its own noise draw)',
    },
    fast_anneal: {
      kind: 'boolean',
      default: false,
      doc: `fast-anneal protocol (the solver's fast schedule sheet; annealing time within fast_anneal_time_range${p.fast_anneal_time_range ? ` ${range(p.fast_anneal_time_range)}` : ', not available on this solver'}; h must be 0)`,
    },
    programming_thermalization: {
      kind: 'number',
      min: p.programming_thermalization_range[0],
      max: p.programming_thermalization_range[1],
      doc: `µs waited after programming (timing only; default ${p.problem_timing_data.default_programming_thermalization})`,
    },
    readout_thermalization: {
      kind: 'number',
      min: p.readout_thermalization_range[0],
      max: p.readout_thermalization_range[1],
      doc: `µs waited after each readout (timing only; default ${p.problem_timing_data.default_readout_thermalization})`,
    },
    reduce_intersample_correlation: {
      kind: 'boolean',
      default: false,
      doc: 'add the decorrelation delay between reads (timing only)',
    },
    label: { kind: 'string', doc: 'problem label, returned as info.problem_label' },
    seed: seedParameter(
      'random seed of the emulation (same as x_seed; default random, recorded in info.seed)',
    ),
    x_seed: seedParameter('random seed of the emulation (alias of seed)'),
    x_temperature_mk: {
      kind: 'number',
      min: 0,
      exclusiveMin: true,
      doc: `emulated QPU temperature in mK (default ${p.temperatureMk}); k_B·T/h = 0.020837 GHz per mK`,
    },
    x_h_noise_sigma: {
      kind: 'number',
      min: 0,
      default: DEFAULT_H_NOISE_SIGMA,
      doc: 'standard deviation of the Gaussian error added to each programmed h (in units of the programmed, scaled h)',
    },
    x_j_noise_sigma: {
      kind: 'number',
      min: 0,
      default: DEFAULT_J_NOISE_SIGMA,
      doc: 'standard deviation of the Gaussian error added to each programmed J',
    },
    x_noise: {
      kind: 'enum',
      values: ['per_programming', 'per_read'],
      default: 'per_programming',
      doc: 'draw the h/J errors once per programming (default) or afresh for every read',
    },
    x_background_susceptibility: {
      kind: 'number',
      max: 0,
      default: 0,
      doc: "χ of the background susceptibility (D-Wave's ICE: next-nearest-neighbour couplings χ·J_ij·J_jk and h leakage χ·J_ij·h_j on the programmed model); 0 (default) leaves it out, D-Wave's figure shows about −0.015 at freeze-out",
    },
    x_transverse_scale: {
      kind: 'number',
      min: 0,
      exclusiveMin: true,
      default: 1,
      doc: 'factor on the published A(s) (default 1): D-Wave notes the published schedules can differ from a QPU by up to 30 %',
    },
    x_flux_drift_phi0: {
      kind: 'number',
      min: 0,
      default: DEFAULT_FLUX_DRIFT_PHI0,
      doc: `standard deviation (Φ0) of each qubit's static flux drift when flux_drift_compensation is false (default ${DEFAULT_FLUX_DRIFT_PHI0}, the order of D-Wave's documented RMS flux noise)`,
    },
    x_engine: {
      kind: 'enum',
      values: [...QPU_ENGINES],
      default: 'pimc',
      doc: 'the anneal engine: pimc (path-integral Monte Carlo, thermal; the calibrated default), svmc or svmc-tf (spin-vector Monte Carlo), or statevector (closed-system dynamics on the schedule, ≤ 27 active qubits: the coherent regime of fast anneals)',
    },
    x_readout_flip_probability: {
      kind: 'number',
      min: 0,
      max: 0.5,
      default: 0,
      doc: 'probability that each returned spin is flipped at readout',
    },
    x_num_sweeps: {
      kind: 'integer',
      min: 1,
      doc: 'PIMC sweeps per read (default: x_sweeps_per_us × anneal duration)',
    },
    x_sweeps_per_us: {
      kind: 'number',
      min: 0,
      exclusiveMin: true,
      doc: `PIMC sweeps per µs of anneal when x_num_sweeps is not given (default ${DEFAULT_SWEEPS_PER_US})`,
    },
    x_trotter_slices: {
      kind: 'integer',
      min: 2,
      default: DEFAULT_TROTTER_SLICES,
      doc: 'Trotter slices of the PIMC engine',
    },
    x_backend: {
      kind: 'enum',
      values: ['cpu', 'gpu'],
      default: 'cpu',
      doc: 'PIMC engine: cpu (WebAssembly kernels with worldline cluster moves, on threads; the calibrated default) or gpu (gpu.js checkerboard Metropolis, float32, all reads of a programming at once; WebGPU where an adapter exists); info.emulation.kernel says which ran',
    },
  });
}

/** The spec record type of qpu-sim (the same keys on every profile). */
export type QpuParameters = ReturnType<typeof qpuParameterSpecs>;
