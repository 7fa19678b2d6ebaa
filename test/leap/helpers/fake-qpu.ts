/**
 * A tiny QPU-shaped test double (test/ only): Chimera C(1,1,4) with qubit 5 broken, Leap-like properties,
 * and a sampler that runs greedy descent from seeded random starts. It stands in for qpu-sim where the test
 * is about the protocol, not the physics.
 */

import type { BinaryQuadraticModel } from '../../../src/hamiltonian/bqm.js';
import { SampleSet } from '../../../src/hamiltonian/sample-set.js';
import { Rng } from '../../../src/sim/rng.js';
import {
  type ParameterSpecs,
  resolveParameters,
  type SampleOptions,
  type SampleParams,
  type StructuredSampler,
  throwIfAborted,
} from '../../../src/sim/sampler.js';
import { AbstractSampler } from '../../../src/sim/sampler-base.js';

const QUBITS = [0, 1, 2, 3, 4, 6, 7];
const COUPLERS: Array<[number, number]> = [];
for (const a of [0, 1, 2, 3]) for (const b of [4, 6, 7]) COUPLERS.push([a, b]);

export class FakeQpu extends AbstractSampler implements StructuredSampler {
  readonly name = 'fake-qpu';
  readonly nodelist = QUBITS;
  readonly edgelist = COUPLERS;
  /** Problems sampled (tests check for duplicate runs). */
  runs = 0;
  /** Parameters of the last run, as the server handed them over. */
  lastParams: SampleParams = {};
  readonly parameters: ParameterSpecs = {
    num_reads: { kind: 'integer', min: 1, max: 1000, default: 1, doc: 'reads' },
    annealing_time: { kind: 'number', doc: 'µs' },
    auto_scale: { kind: 'boolean', doc: 'rescale' },
    seed: { kind: 'integer', min: 0, doc: 'seed' },
    anneal_schedule: { kind: 'json', doc: 'schedule' },
    initial_state: { kind: 'json', doc: 'initial state' },
  };
  readonly properties: Record<string, unknown>;

  constructor(private readonly opts: { delayMs?: number; fail?: string } = {}) {
    super();
    this.properties = {
      qubits: QUBITS,
      couplers: COUPLERS,
      num_qubits: 8,
      topology: { type: 'chimera', shape: [1, 1, 4] },
      category: 'qpu',
      supported_problem_types: ['ising', 'qubo'],
      h_range: [-4, 4],
      j_range: [-1, 1],
      extended_j_range: [-2, 1],
      per_qubit_coupling_range: [-9, 6],
      annealing_time_range: [0.5, 2000],
      default_annealing_time: 20,
      max_anneal_schedule_points: 12,
      num_reads_range: [1, 1000],
      parameters: {
        num_reads: 'Number of states to read (answers to return).',
        annealing_time: 'Quantum annealing duration, in microseconds.',
        auto_scale: 'Automatically rescale h and J values to the full range.',
        answer_mode: 'Format of returned answers: histogram or raw.',
        anneal_schedule: 'Annealing schedule as [[t, s], …].',
        initial_state: 'Initial state for reverse annealing.',
        programming_thermalization: 'µs after programming.',
        seed: 'Seed of the test double.',
      },
    };
  }

  async sample(
    bqm: BinaryQuadraticModel,
    params: SampleParams = {},
    options: SampleOptions = {},
  ): Promise<SampleSet> {
    this.runs++;
    this.lastParams = params;
    const p = resolveParameters(this.name, this.parameters, params);
    if (this.opts.fail) throw new Error(this.opts.fail);
    if (this.opts.delayMs) {
      const end = Date.now() + this.opts.delayMs;
      while (Date.now() < end) {
        throwIfAborted(options.signal);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    throwIfAborted(options.signal);
    const spin = bqm.vartype === 'SPIN' ? bqm : bqm.changeVartype('SPIN');
    const n = spin.numVariables;
    const reads = p.num_reads as number;
    const rng = Rng.fromSeed((p.seed as number | undefined) ?? 7);
    const samples = new Int8Array(reads * n);
    for (let r = 0; r < reads; r++) {
      const s = new Int8Array(n);
      for (let i = 0; i < n; i++) s[i] = rng.nextSpin();
      for (let improved = true; improved; ) {
        improved = false;
        for (let i = 0; i < n; i++) {
          let field = spin.linearAt(i);
          for (const [j, b] of spin.neighborsAt(i)) field += b * s[j]!;
          if (field * s[i]! > 0) {
            s[i] = -s[i]! as 1 | -1;
            improved = true;
          }
        }
      }
      samples.set(s, r * n);
    }
    const ss = SampleSet.fromSamplesBqm(spin, samples);
    const out = bqm.vartype === 'SPIN' ? ss : ss.changeVartype('BINARY', 0);
    out.info = {
      timing: { qpu_access_time: 100 + reads, qpu_programming_time: 100, qpu_sampling_time: reads },
    };
    return out;
  }
}
