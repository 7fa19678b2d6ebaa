/**
 * `qpu-sim`: a QPU emulator shaped like a Leap solver (dwave-system's DWaveSampler on a QPU): a structured
 * sampler whose `properties` mirror a solver description, which checks problems and parameters as Ocean and
 * the solver do, and which samples with the path-integral Monte Carlo engine (src/sim/mc) on the problem's
 * active qubits, along the profile's published schedule at the profile's temperature.
 *
 * Physics per programming (one per spin-reversal transform, or one when none):
 *   programmed h, J = (submitted Ising h, J) / auto_scale factor, gauge-transformed, plus Gaussian noise
 *   N(0, x_h_noise_sigma²) on every active qubit's h and N(0, x_j_noise_sigma²) on every active coupler;
 *   H(s) = −A(s)/2 Σσx + B(s)/2 H_P(programmed), β = 1/(k_B·T/h) in 1/GHz at x_temperature_mk;
 *   num_sweeps = x_num_sweeps, or x_sweeps_per_us × anneal duration (µs); x_trotter_slices Trotter slices;
 *   each returned spin flips with probability x_readout_flip_probability.
 * Energies in the returned sample set are those of the submitted, noise-free, unscaled problem (offset
 * included). Timing is the solver's timing model (./timing.ts); info.problem_id is a fresh UUID.
 */

import { randomUUID } from 'node:crypto';
import { ParameterError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { type CompiledModel, compileModel, energyOfRow } from '../../hamiltonian/compiled.js';
import { SampleSet } from '../../hamiltonian/sample-set.js';
import { getSchedule } from '../../hamiltonian/schedule/catalog.js';
import { forwardPath, parseAnnealPoints } from '../../hamiltonian/schedule/paths.js';
import { pathDuration } from '../../hamiltonian/schedule/types.js';
import { mkToBeta } from '../../hamiltonian/schedule/units.js';
import { chimeraGraph, pegasusGraph, type Topology, zephyrGraph } from '../../topology/index.js';
import { DEFAULT_SWEEPS_PER_US } from '../mc/anneal-params.js';
import { buildAnnealTable } from '../mc/anneal-table.js';
import { simulatePimcGpu } from '../mc/gpu-pimc-reads.js';
import { simulatePimc } from '../mc/pimc.js';
import { Rng, randomSeed, SEED_LIMIT } from '../rng.js';
import {
  type ParameterSpecs,
  resolveParameters,
  type SampleOptions,
  type SampleParams,
  type StructuredSampler,
  throwIfAborted,
} from '../sampler.js';
import { DEFAULT_QPU_PROFILE, findQpuProfile, type QpuProfile, qpuProfileNames } from './profiles.js';
import { solverRules } from './rules/index.js';
import { qpuTiming } from './timing.js';

export const DEFAULT_TROTTER_SLICES = 32;
export const DEFAULT_H_NOISE_SIGMA = 0.02;
export const DEFAULT_J_NOISE_SIGMA = 0.02;

/** The full lattice of a profile (Pegasus: the fabric, as a QPU is fabricated). */
export function profileLattice(p: QpuProfile): Topology {
  const s = p.topology.shape;
  if (p.topology.type === 'chimera') return chimeraGraph(s[0]!, s[1]!, s[2]!);
  if (p.topology.type === 'pegasus') return pegasusGraph(s[0]!);
  return zephyrGraph(s[0]!, s[1]!);
}

export interface QpuSimulatorOptions {
  /** Profile name (default Advantage_system4.1) or a profile object. */
  profile?: string | QpuProfile;
  /**
   * The working graph: a subgraph of the profile's lattice (e.g. topologyFromJson of a Leap solver
   * description, or lattice.withFaults({brokenNodes})). Default: every qubit and coupler working.
   */
  workingGraph?: Topology;
  /** Worker threads for the PIMC reads. */
  threads?: number;
}

/** The profile of a name (default Advantage_system4.1); an unknown name is a ParameterError naming `solver`. */
export function resolveQpuProfile(p: string | QpuProfile | undefined): QpuProfile {
  if (typeof p === 'object') return p;
  const name = p ?? DEFAULT_QPU_PROFILE;
  const prof = findQpuProfile(name);
  if (!prof)
    throw new ParameterError(
      `solver: unknown QPU profile ${JSON.stringify(name)}; qpu-sim has ${qpuProfileNames().join(', ')}`,
      {
        field: 'solver',
      },
    );
  return prof;
}

export class QpuSimulator implements StructuredSampler {
  readonly name = 'qpu-sim';
  readonly profile: QpuProfile;
  /** The working graph (qubits and couplers that work). */
  readonly topology: Topology;
  readonly parameters: ParameterSpecs;
  private readonly threads: number | undefined;
  private cachedNodes: number[] | undefined;
  private cachedEdges: [number, number][] | undefined;
  private cachedProps: Record<string, unknown> | undefined;

  constructor(opts: QpuSimulatorOptions = {}) {
    this.profile = resolveQpuProfile(opts.profile);
    const lattice = profileLattice(this.profile);
    if (opts.workingGraph) {
      const g = opts.workingGraph;
      if (g.family !== lattice.family || g.shape.join(',') !== lattice.shape.join(','))
        throw new ParameterError(
          `workingGraph: ${g.describe()} is not a working graph of ${this.profile.name}'s ${lattice.describe()}`,
          { field: 'workingGraph' },
        );
      this.topology = g;
    } else this.topology = lattice;
    this.threads = opts.threads;
    this.parameters = qpuParameterSpecs(this.profile);
  }

  get solver(): string {
    return this.profile.name;
  }

  get nodelist(): number[] {
    this.cachedNodes ??= Array.from(this.topology.nodes);
    return this.cachedNodes;
  }

  get edgelist(): [number, number][] {
    this.cachedEdges ??= this.topology.edgePairs();
    return this.cachedEdges;
  }

  /** A Leap solver's `properties` (dwave.md §1.3) for this profile and working graph. */
  get properties(): Record<string, unknown> {
    if (!this.cachedProps) {
      const p = this.profile;
      const params: Record<string, string> = {};
      for (const [k, spec] of Object.entries(this.parameters)) params[k] = spec.doc;
      this.cachedProps = {
        chip_id: p.name,
        category: 'qpu',
        supported_problem_types: ['ising', 'qubo'],
        num_qubits: this.topology.indexSpace,
        qubits: this.nodelist,
        couplers: this.edgelist,
        topology: { type: p.topology.type, shape: [...p.topology.shape] },
        h_range: p.h_range,
        j_range: p.j_range,
        extended_j_range: p.extended_j_range,
        ...(p.per_qubit_coupling_range ? { per_qubit_coupling_range: p.per_qubit_coupling_range } : {}),
        ...(p.per_group_coupling_range ? { per_group_coupling_range: p.per_group_coupling_range } : {}),
        annealing_time_range: p.annealing_time_range,
        ...(p.fast_anneal_time_range ? { fast_anneal_time_range: p.fast_anneal_time_range } : {}),
        default_annealing_time: p.default_annealing_time,
        num_reads_range: p.num_reads_range,
        max_anneal_schedule_points: p.max_anneal_schedule_points,
        max_h_gain_schedule_points: p.max_h_gain_schedule_points,
        h_gain_schedule_range: p.h_gain_schedule_range,
        problem_run_duration_range: p.problem_run_duration_range,
        default_programming_thermalization: p.problem_timing_data.default_programming_thermalization,
        programming_thermalization_range: p.programming_thermalization_range,
        default_readout_thermalization: p.problem_timing_data.default_readout_thermalization,
        readout_thermalization_range: p.readout_thermalization_range,
        problem_timing_data: p.problem_timing_data,
        parameters: params,
        vfyc: false,
        tags: [],
        quota_conversion_rate: 1,
        x_emulator: {
          engine: 'pimc',
          schedule: p.schedule,
          ...(p.fastSchedule ? { fast_schedule: p.fastSchedule } : {}),
          temperature_mk: p.temperatureMk,
          working_graph: this.topology.describe(),
        },
      };
    }
    return this.cachedProps;
  }

  async sample(
    bqm: BinaryQuadraticModel,
    params: SampleParams = {},
    options: SampleOptions = {},
  ): Promise<SampleSet> {
    const t0 = performance.now();
    const prof = this.profile;
    const p = resolveParameters(this.name, this.parameters, params);
    if (p.seed !== undefined && p.x_seed !== undefined && p.seed !== p.x_seed)
      throw new ParameterError('x_seed: give seed or x_seed, not both with different values', {
        field: 'x_seed',
      });
    const seed = (p.x_seed as number | undefined) ?? (p.seed as number | undefined) ?? randomSeed();
    // the QPU's rules (./rules): parameters, structure, anneal path, ranges, run duration
    const rules = solverRules(this.properties, { graph: this.topology });
    const raw = p.anneal_schedule;
    const checked = rules.check(
      bqm,
      typeof raw === 'string' ? { ...p, anneal_schedule: parseAnnealPoints(raw, 'anneal_schedule') } : p,
    );
    const { ising: model, qubits, fastAnneal: fast } = checked;
    const n = model.n;
    const path = checked.path ?? forwardPath(prof.default_annealing_time, 'us');
    const initial = path.initialState;
    const reverse = path.kind === 'reverse';
    const duration = pathDuration(path);
    const scale = checked.autoScale ? rules.autoScaleFactor(checked) : 1;

    const numReads = p.num_reads as number;
    const progTherm =
      (p.programming_thermalization as number | undefined) ??
      prof.problem_timing_data.default_programming_thermalization;
    const readTherm =
      (p.readout_thermalization as number | undefined) ??
      prof.problem_timing_data.default_readout_thermalization;
    const nsrt = p.num_spin_reversal_transforms as number;
    const programmings = Math.max(1, Math.min(nsrt, numReads));
    const reinit = p.reinitialize_state !== false;
    const timing = qpuTiming(prof.problem_timing_data, {
      numQubits: n,
      numReads,
      annealTime: duration,
      reverse,
      reinitializeState: reinit,
      programmingThermalization: progTherm,
      readoutThermalization: readTherm,
      reduceIntersampleCorrelation: p.reduce_intersample_correlation === true,
      programmings,
    });

    // emulation
    const temperatureMk = (p.x_temperature_mk as number | undefined) ?? prof.temperatureMk;
    const beta = mkToBeta(temperatureMk);
    const numSweeps =
      (p.x_num_sweeps as number | undefined) ??
      Math.max(
        1,
        Math.round(((p.x_sweeps_per_us as number | undefined) ?? DEFAULT_SWEEPS_PER_US) * duration),
      );
    const scheduleName = fast ? prof.fastSchedule! : prof.schedule;
    const table = buildAnnealTable(getSchedule(scheduleName), path, beta, numSweeps);
    const slices = p.x_trotter_slices as number;
    const sigmaH = p.x_h_noise_sigma as number;
    const sigmaJ = p.x_j_noise_sigma as number;
    const flipP = p.x_readout_flip_probability as number;
    const perRead = p.x_noise === 'per_read';
    const rng = Rng.fromSeed(seed, 0x71707573);
    const entryEdge = csrEdgeIndex(model);
    const spins = new Int8Array(numReads * n);
    let done = 0;
    let updates = 0;
    let kernel = 'cpu';
    for (let b = 0; b < programmings; b++) {
      throwIfAborted(options.signal);
      const reads = Math.floor(numReads / programmings) + (b < numReads % programmings ? 1 : 0);
      const gauge = new Int8Array(n).fill(1);
      if (nsrt > 0) for (let i = 0; i < n; i++) gauge[i] = rng.nextSpin();
      // reads share one programmed model unless noise is drawn per read; a non-reinitialised reverse anneal
      // carries each read's final state into the next read
      const chunks = perRead || (reverse && !reinit) ? reads : 1;
      let carry = initial ? Int8Array.from(initial, (s, i) => s * gauge[i]!) : undefined;
      for (let c = 0; c < chunks; c++) {
        const count = chunks === 1 ? reads : 1;
        const programmed = programModel(model, entryEdge, scale, gauge, sigmaH, sigmaJ, rng);
        const common = {
          numSlices: slices,
          numReads: count,
          seed: rng.nextUint32(),
          ...(carry ? { initialState: carry } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.onProgress
            ? {
                onProgress: (q: { done: number }) =>
                  options.onProgress!({ done: done + q.done, total: numReads, label: 'qpu-sim reads' }),
              }
            : {}),
        };
        const res =
          p.x_backend === 'gpu'
            ? await simulatePimcGpu(programmed, table, common)
            : await simulatePimc(programmed, table, {
                ...common,
                ...(this.threads !== undefined ? { threads: this.threads } : {}),
              });
        if ('backend' in res) kernel = `gpu.js:${res.backend}`;
        updates += res.updates;
        if (reverse && !reinit) carry = res.spins.slice(res.spins.length - n);
        for (let r = 0; r < count; r++) {
          const dst = (done + r) * n;
          for (let i = 0; i < n; i++) {
            let s = res.spins[r * n + i]! * gauge[i]!;
            if (flipP > 0 && rng.next() < flipP) s = -s;
            spins[dst + i] = s;
          }
        }
        done += count;
      }
    }

    // energies of the submitted problem, columns in qubit order
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => qubits[a]! - qubits[b]!);
    const binary = bqm.vartype === 'BINARY';
    const submitted = compileModel(bqm);
    const energy = new Float64Array(numReads);
    const samples = new Int8Array(numReads * n);
    const row = new Int8Array(n);
    for (let r = 0; r < numReads; r++) {
      for (let i = 0; i < n; i++) row[i] = binary ? (spins[r * n + i]! > 0 ? 1 : 0) : spins[r * n + i]!;
      energy[r] = n === 0 ? bqm.offset : energyOfRow(submitted, row);
      for (let k = 0; k < n; k++) samples[r * n + k] = row[order[k]!]!;
    }
    const answerMode = (p.answer_mode as string | undefined) ?? (reverse ? 'raw' : 'histogram');
    const parameters: Record<string, unknown> = { ...p, seed, answer_mode: answerMode };
    delete parameters.x_seed;
    if (!reverse && p.annealing_time === undefined && p.anneal_schedule === undefined)
      parameters.annealing_time = duration;
    const info: Record<string, unknown> = {
      timing,
      problem_id: randomUUID(),
      ...(typeof p.label === 'string' ? { problem_label: p.label } : {}),
      sampler: this.name,
      solver: prof.name,
      parameters,
      seed,
      emulation: {
        engine: 'pimc',
        schedule: scheduleName,
        path: path.points.map((q) => [q[0], q[1]]),
        temperature_mk: temperatureMk,
        beta_per_ghz: beta,
        num_sweeps: numSweeps,
        trotter_slices: slices,
        auto_scale_factor: scale,
        h_noise_sigma: sigmaH,
        j_noise_sigma: sigmaJ,
        noise: perRead ? 'per_read' : 'per_programming',
        readout_flip_probability: flipP,
        programmings,
        spin_updates: updates,
        kernel,
        wall_seconds: (performance.now() - t0) / 1000,
      },
    };
    let ss = new SampleSet({
      variables: order.map((i) => qubits[i]!),
      vartype: bqm.vartype,
      samples,
      energy,
      vectors: {
        num_occurrences: { dataType: 'int32', shape: [numReads], data: new Array(numReads).fill(1) },
      },
      info,
    });
    if (answerMode === 'histogram') {
      ss = ss.aggregate().sorted();
      ss.info = info;
    }
    return ss;
  }
}

/** For each CSR entry of `m`, the index of its edge in m.edgeU/edgeV. */
function csrEdgeIndex(m: CompiledModel): Int32Array {
  const key = new Map<number, number>();
  for (let k = 0; k < m.edgeU.length; k++) key.set(m.edgeU[k]! * m.n + m.edgeV[k]!, k);
  const out = new Int32Array(m.colIdx.length);
  for (let i = 0; i < m.n; i++)
    for (let e = m.rowPtr[i]!; e < m.rowPtr[i + 1]!; e++) {
      const j = m.colIdx[e]!;
      out[e] = key.get(Math.min(i, j) * m.n + Math.max(i, j))!;
    }
  return out;
}

/** The programmed Ising model: scaled, gauge-transformed, with Gaussian noise on h and on each coupler's J. */
function programModel(
  m: CompiledModel,
  entryEdge: Int32Array,
  scale: number,
  gauge: Int8Array,
  sigmaH: number,
  sigmaJ: number,
  rng: Rng,
): CompiledModel {
  const linear = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++)
    linear[i] = (gauge[i]! * m.linear[i]!) / scale + (sigmaH > 0 ? sigmaH * rng.nextGaussian() : 0);
  const edgeW = new Float64Array(m.edgeW.length);
  for (let k = 0; k < edgeW.length; k++)
    edgeW[k] =
      (gauge[m.edgeU[k]!]! * gauge[m.edgeV[k]!]! * m.edgeW[k]!) / scale +
      (sigmaJ > 0 ? sigmaJ * rng.nextGaussian() : 0);
  const weights = Float64Array.from(entryEdge, (k) => edgeW[k]!);
  return { ...m, offset: 0, linear, weights, edgeW };
}

/** The parameters of qpu-sim for a profile: Ocean's QPU parameter names plus x_ emulator knobs. */
export function qpuParameterSpecs(p: QpuProfile): ParameterSpecs {
  const range = (r: readonly [number, number]) => `[${r[0]}, ${r[1]}]`;
  return {
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
    seed: {
      kind: 'integer',
      min: 0,
      max: SEED_LIMIT - 1,
      doc: 'random seed of the emulation (same as x_seed; default random, recorded in info.seed)',
    },
    x_seed: {
      kind: 'integer',
      min: 0,
      max: SEED_LIMIT - 1,
      doc: 'random seed of the emulation (alias of seed)',
    },
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
  };
}
