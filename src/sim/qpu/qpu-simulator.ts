/**
 * `qpu-sim`: a QPU emulator shaped like a Leap solver (dwave-system's DWaveSampler on a QPU): a structured
 * sampler whose `properties` mirror a solver description, which checks problems and parameters as Ocean and
 * the solver do, and which samples on the problem's active qubits along the profile's published schedule at
 * the profile's temperature, with the path-integral Monte Carlo engine (src/sim/mc) by default or the engine
 * x_engine names (./engines.ts).
 *
 * A run, phase by phase:
 *   rules           the solver's rules: parameters, structure, the forward or reverse anneal path, ranges
 *                   (auto_scale off), the run-duration limit, the per-qubit controls (anneal offsets, h gain,
 *                   flux biases), and the auto_scale factor (./rules);
 *   emulation       engine, temperature, sweeps, tables and the controls' physics (./emulation.ts); the
 *                   engine's limits, and warnings where the anneal is outside its validity range (./validity.ts);
 *   timing          the SAPI timing record (./run-timing.ts);
 *   gauge and noise per programming (one per spin-reversal transform, or one): programmed h, J =
 *                   (submitted Ising h, J) / auto_scale factor, gauge-transformed, plus Gaussian noise
 *                   N(0, x_h_noise_sigma²) on every active qubit's h and N(0, x_j_noise_sigma²) on every
 *                   active coupler (./programming.ts, ./programmings.ts), then the background susceptibility
 *                   (./susceptibility.ts, x_background_susceptibility);
 *   engine          H(s) = −A(s)/2 Σσx + B(s)/2 H_P(programmed), per qubit with controls
 *                   (src/hamiltonian/schedule/qubit-controls.ts), β = 1/(k_B·T/h) in 1/GHz at x_temperature_mk;
 *                   num_sweeps = x_num_sweeps, or x_sweeps_per_us × anneal duration (µs); x_trotter_slices
 *                   Trotter slices (./engines.ts);
 *   readout         each returned spin flips with probability x_readout_flip_probability; energies are those
 *                   of the submitted, noise-free, unscaled problem (offset included) (./readout.ts).
 * info: timing (SAPI µs keys), problem_id (a fresh UUID), problem_label, solver, warnings, emulation.
 */

import { randomUUID } from 'node:crypto';
import { ParameterError } from '../../errors.js';
import { forwardPath, parseAnnealPoints } from '../../hamiltonian/schedule/paths.js';
import { pathDuration } from '../../hamiltonian/schedule/types.js';
import { chimeraGraph, pegasusGraph, type Topology, zephyrGraph } from '../../topology/index.js';
import { Rng, randomSeed } from '../rng.js';
import type { ResolvedParameters, StructuredSampler } from '../sampler.js';
import { BaseSampler, type SampleJob, type SampleOutcome } from '../sampler-base.js';
import { controlsInfo, qpuEmulation } from './emulation.js';
import { checkEngine } from './engines.js';
import { DEFAULT_QPU_PROFILE, findQpuProfile, type QpuProfile, qpuProfileNames } from './profiles.js';
import { runProgrammings } from './programmings.js';
import { type QpuParameters, qpuParameterSpecs } from './qpu-parameters.js';
import { answerSampleSet } from './readout.js';
import { solverRules } from './rules/index.js';
import { qpuRunTiming } from './run-timing.js';
import { engineWarnings } from './validity.js';

export {
  DEFAULT_H_NOISE_SIGMA,
  DEFAULT_J_NOISE_SIGMA,
  DEFAULT_TROTTER_SLICES,
  type QpuParameters,
  qpuParameterSpecs,
} from './qpu-parameters.js';

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

export class QpuSimulator extends BaseSampler<QpuParameters> implements StructuredSampler {
  readonly name = 'qpu-sim';
  readonly profile: QpuProfile;
  /** The working graph (qubits and couplers that work). */
  readonly topology: Topology;
  readonly parameters: QpuParameters;
  private cachedNodes: number[] | undefined;
  private cachedEdges: [number, number][] | undefined;
  private cachedProps: Record<string, unknown> | undefined;

  constructor(opts: QpuSimulatorOptions = {}) {
    super(opts.threads);
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
        anneal_offset_ranges: this.annealOffsetRanges(),
        anneal_offset_step: p.anneal_offset_step,
        anneal_offset_step_phi0: p.anneal_offset_step_phi0,
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
          m_afm_ph: p.mAfmPh,
          working_graph: this.topology.describe(),
        },
      };
    }
    return this.cachedProps;
  }

  /** anneal_offset_ranges: the profile's range for each working qubit, [0, 0] for the others (all fabricated). */
  private annealOffsetRanges(): Array<[number, number]> {
    const working = new Set(this.nodelist);
    const r = this.profile.anneal_offset_range;
    return Array.from({ length: this.topology.indexSpace }, (_, q) =>
      working.has(q) ? ([r[0], r[1]] as [number, number]) : [0, 0],
    );
  }

  /** seed and its alias x_seed (they may not differ), or a fresh seed. */
  protected override seedOf(p: ResolvedParameters<QpuParameters>): number {
    if (p.seed !== undefined && p.x_seed !== undefined && p.seed !== p.x_seed)
      throw new ParameterError('x_seed: give seed or x_seed, not both with different values', {
        field: 'x_seed',
      });
    return p.x_seed ?? p.seed ?? randomSeed();
  }

  protected async run(job: SampleJob<QpuParameters>): Promise<SampleOutcome> {
    const t0 = performance.now();
    const { bqm, params: p, seed } = job;
    const prof = this.profile;
    // the QPU's rules (./rules): parameters, structure, anneal path, ranges, run duration
    const rules = solverRules(this.properties, { graph: this.topology });
    const raw = p.anneal_schedule;
    const checked = rules.check(
      bqm,
      typeof raw === 'string' ? { ...p, anneal_schedule: parseAnnealPoints(raw, 'anneal_schedule') } : p,
    );
    const { ising: model, qubits } = checked;
    const path = checked.path ?? forwardPath(prof.default_annealing_time, 'us');
    const initial = path.initialState;
    const scheduleName = checked.fastAnneal ? prof.fastSchedule! : prof.schedule;
    const scale = checked.autoScale ? rules.autoScaleFactor(checked) : 1;
    const reverse = path.kind === 'reverse';
    const duration = pathDuration(path);
    const numReads = p.num_reads;
    const nsrt = p.num_spin_reversal_transforms;
    const programmings = Math.max(1, Math.min(nsrt, numReads));
    const timing = qpuRunTiming(p, prof, { numQubits: model.n, duration, reverse, programmings });
    const emu = qpuEmulation(p, prof, path, scheduleName, checked.controls, model.n);
    checkEngine(emu, model.n);
    const warnings = engineWarnings(emu.engine, duration, model.n);
    const rng = Rng.fromSeed(seed, 0x71707573);
    const plan = {
      model,
      scale,
      numReads,
      programmings,
      spinReversal: nsrt > 0,
      initial,
      carryState: reverse && !p.reinitialize_state,
    };
    const run = await job.sampling(() => runProgrammings(plan, emu, rng, job.engineOptions));
    const answerMode = p.answer_mode ?? (reverse ? 'raw' : 'histogram');
    const annealingTime =
      !reverse && p.annealing_time === undefined && p.anneal_schedule === undefined ? duration : undefined;
    return {
      sampleSet: answerSampleSet(bqm, qubits, run.spins, numReads, answerMode, p.max_answers),
      parameters: {
        answer_mode: answerMode,
        x_seed: undefined,
        ...(annealingTime !== undefined ? { annealing_time: annealingTime } : {}),
      },
      info: {
        timing,
        problem_id: randomUUID(),
        ...(typeof p.label === 'string' ? { problem_label: p.label } : {}),
        solver: prof.name,
        ...(warnings.length ? { warnings } : {}),
        emulation: {
          engine: emu.engine,
          schedule: scheduleName,
          path: path.points.map((q) => [q[0], q[1]]),
          temperature_mk: emu.temperatureMk,
          beta_per_ghz: emu.beta,
          num_sweeps: emu.numSweeps,
          trotter_slices: emu.slices,
          auto_scale_factor: scale,
          h_noise_sigma: emu.noise.sigmaH,
          j_noise_sigma: emu.noise.sigmaJ,
          ...(emu.chi !== 0 ? { background_susceptibility: emu.chi } : {}),
          ...(emu.transverseScale !== 1 ? { transverse_scale: emu.transverseScale } : {}),
          noise: emu.perRead ? 'per_read' : 'per_programming',
          readout_flip_probability: emu.readoutFlipProbability,
          ...(emu.controls ? { qubit_controls: controlsInfo(emu) } : {}),
          programmings,
          spin_updates: run.spinUpdates,
          kernel: run.kernel,
          wall_seconds: (performance.now() - t0) / 1000,
        },
      },
    };
  }
}
