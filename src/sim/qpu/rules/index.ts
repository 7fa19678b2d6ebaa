/**
 * One set of QPU rules: what a D-Wave solver checks about a submitted problem, read from its published
 * `properties` (a Leap solver description's, or `QpuSimulator.properties`). The Leap client runs them before
 * sending, the SAPI server on submission, and qpu-sim before sampling, so all three refuse the same problem
 * with the same message (an InputError naming the field and the fix). Pure: no file or network access.
 *
 * `solverRules(properties).check(bqm, params)` applies, in this order:
 *   1. the parameters (./parameters.ts): names, types, num_reads, fast_anneal, annealing_time / anneal_schedule /
 *      h_gain_schedule (src/hamiltonian/schedule/qpu-rules.ts), thermalization, answer_mode, flux_biases,
 *      anneal_offsets;
 *   2. the structure (./structure.ts): variables on working qubits, interactions on working couplers;
 *   3. fast_anneal's zero linear biases (./biases.ts);
 *   4. the anneal path (./anneal.ts): reverse anneals need initial_state, forward ones take none;
 *   5. with auto_scale false, the bias ranges (./biases.ts) on the Ising form;
 *   6. the run duration (./run-duration.ts);
 *   7. the per-qubit controls on the active qubits (./controls.ts): finite anneal_offsets and flux_biases,
 *      offsets quantized to anneal_offset_step.
 * Where the QPU's documented behaviour needs a choice, the rule says which and why in a comment, after D-Wave's
 * SAPI documentation.
 */

import type { BinaryQuadraticModel } from '../../../hamiltonian/bqm.js';
import { compileModel, type LabelledCompiledModel } from '../../../hamiltonian/compiled.js';
import type { QubitControls } from '../../../hamiltonian/schedule/qubit-controls.js';
import { type AnnealPath, pathDuration } from '../../../hamiltonian/schedule/types.js';
import { annealPathOf } from './anneal.js';
import { checkBiasRanges, checkFastAnnealBiases } from './biases.js';
import { qubitControlsOf } from './controls.js';
import { checkParameters } from './parameters.js';
import type { QpuSolverProperties } from './properties.js';
import { checkRunDuration } from './run-duration.js';
import { autoScaleFactor } from './scaling.js';
import { checkStructure, publishedWorkingGraph, type WorkingGraph } from './structure.js';

export { quantizeAnnealOffset, qubitControlsOf } from './controls.js';
export * from './initial-state.js';
export type { QpuSolverProperties } from './properties.js';
export { autoScaleFactor, couplingTotals } from './scaling.js';
export { checkStructure, type WorkingGraph } from './structure.js';

/** What the checks established about a problem. */
export interface CheckedProblem {
  /** The Ising (SPIN) form the checks ran on, compiled (a QUBO converted, as the QPU does). */
  readonly ising: LabelledCompiledModel;
  /** The qubit of each variable, in the model's variable order. */
  readonly qubits: Int32Array;
  /**
   * The anneal (µs): anneal_schedule, else a forward anneal of annealing_time or the solver's default; a
   * reverse anneal carries its initial state (±1 per variable, model order). Undefined only when neither is
   * given and the solver publishes no default_annealing_time.
   */
  readonly path: AnnealPath | undefined;
  readonly fastAnneal: boolean;
  readonly autoScale: boolean;
  /**
   * Anneal offsets (quantized), h gain and flux biases on the model's variables; undefined when they leave the
   * anneal unchanged.
   */
  readonly controls: QubitControls | undefined;
}

export interface SolverRules {
  /** The solver's name in messages. */
  readonly solver: string;
  /** Applies every rule (see the module comment); throws the first InputError. */
  check(bqm: BinaryQuadraticModel, params: Readonly<Record<string, unknown>>): CheckedProblem;
  /** The auto_scale divisor of a checked problem (./scaling.ts). */
  autoScaleFactor(problem: CheckedProblem): number;
}

export interface SolverRulesOptions {
  /** Solver name in messages (default: properties.chip_id, else "the solver"). */
  solver?: string;
  /** The working graph when the caller has it built (qpu-sim's Topology); default: properties.qubits/couplers. */
  graph?: WorkingGraph;
}

/** The rules of the solver that publishes `properties`. */
export function solverRules(properties: QpuSolverProperties, options: SolverRulesOptions = {}): SolverRules {
  const p = properties;
  const solver =
    options.solver ?? (typeof p.chip_id === 'string' && p.chip_id !== '' ? p.chip_id : 'the solver');
  const numQubits = p.num_qubits ?? (p.qubits ?? []).reduce((m, q) => Math.max(m, q + 1), 0);
  return {
    solver,
    check(bqm, params) {
      const request = checkParameters(params, p, solver);
      const qubits = checkStructure(bqm, options.graph ?? publishedWorkingGraph(p), solver);
      if (request.fastAnneal) checkFastAnnealBiases(bqm);
      const path = annealPathOf(request, params.initial_state, qubits, bqm.vartype, numQubits);
      const ising = compileModel(bqm, 'SPIN');
      const autoScale = params.auto_scale !== false;
      if (!autoScale) checkBiasRanges(qubits, ising, p, bqm.vartype === 'BINARY');
      if (path)
        checkRunDuration(params, p, {
          numQubits: qubits.length,
          annealTime: pathDuration(path),
          reverse: path.kind === 'reverse',
        });
      const controls = qubitControlsOf(params, qubits, p);
      return { ising, qubits, path, fastAnneal: request.fastAnneal, autoScale, controls };
    },
    autoScaleFactor: (problem) => autoScaleFactor(problem.qubits, problem.ising, p),
  };
}
