/**
 * Programmatic path-integral Monte Carlo (simulated quantum annealing): compiled SPIN model + per-sweep table
 * (or schedule + path + β + sweeps) + slices + reads + seed → one classical spin row per read. This is the API
 * the QPU emulator builds on; {@link PimcSampler} wraps it as a dimod-style sampler.
 */

import { ParameterError } from '../../errors.js';
import type { CompiledModel } from '../../hamiltonian/compiled.js';
import type { AnnealingSchedule, AnnealPath } from '../../hamiltonian/schedule/types.js';
import { type AnnealTable, buildAnnealTable } from './anneal-table.js';
import { type ReadsResult, type RunReadsOptions, runReads } from './parallel.js';
import type { QubitSweepTable } from './qubit-table.js';
import type { PimcTask, SliceReadout } from './tasks.js';

export interface PimcOptions extends RunReadsOptions {
  /** Trotter slices P ≥ 2. */
  numSlices: number;
  numReads: number;
  /** Integer in [0, 2^32). */
  seed: number;
  /** Worldline cluster sweep after every Metropolis sweep (default true). */
  clusterMoves?: boolean;
  /** Which slice each read returns (default 'slice', slice `readoutSlice` = 0). */
  readout?: SliceReadout;
  readoutSlice?: number;
  /** Reverse anneal: every slice starts in this ±1 state (model order). */
  initialState?: Int8Array;
  /** Per-qubit schedules (anneal offsets, h gain, flux biases) over the same sweeps as the table. */
  qubits?: QubitSweepTable;
}

export interface PimcAnnealOptions extends Omit<PimcOptions, 'initialState'> {
  schedule: AnnealingSchedule;
  /** Forward or reverse path; a reverse path's initialState is the start state. */
  path: AnnealPath;
  /** Inverse temperature in inverse schedule energy units (1/GHz for D-Wave tables; see units.mkToBeta). */
  beta: number;
  numSweeps: number;
}

function positiveInteger(v: number, field: string, min: number): void {
  if (!Number.isInteger(v) || v < min)
    throw new ParameterError(`${field}: ${v} must be an integer ≥ ${min}`, { field });
}

/** Checks PIMC options against the model (throws ParameterError naming the parameter). */
export function checkPimcOptions(model: CompiledModel, table: AnnealTable, o: PimcOptions): void {
  if (model.vartype !== 'SPIN')
    throw new ParameterError('model: PIMC runs on SPIN models', { field: 'model' });
  positiveInteger(o.numSlices, 'num_slices', 2);
  positiveInteger(o.numReads, 'num_reads', 1);
  positiveInteger(table.length, 'num_sweeps', 1);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed >= 2 ** 32)
    throw new ParameterError(`seed: ${o.seed} must be an integer in [0, 2^32)`, { field: 'seed' });
  const rs = o.readoutSlice ?? 0;
  if (!Number.isInteger(rs) || rs < 0 || rs >= o.numSlices)
    throw new ParameterError(
      `readout_slice: ${rs} must be an integer in [0, num_slices − 1 = ${o.numSlices - 1}]`,
      {
        field: 'readout_slice',
      },
    );
  for (let k = 0; k < table.length; k++)
    if (!(table.betaGamma[k]! >= 0) || !Number.isFinite(table.betaLambda[k]!))
      throw new ParameterError('beta: the per-sweep table holds a non-finite or negative weight', {
        field: 'beta',
      });
  if (o.qubits && (o.qubits.length !== table.length || o.qubits.group.length !== model.n))
    throw new ParameterError(
      'qubits: the per-qubit table must have one sweep per table sweep and one group per variable',
      {
        field: 'qubits',
      },
    );
  const st = o.initialState;
  if (st) {
    if (st.length !== model.n)
      throw new ParameterError(
        `initial_state: has ${st.length} values but the model has ${model.n} variables`,
        {
          field: 'initial_state',
        },
      );
    for (let i = 0; i < st.length; i++)
      if (st[i] !== 1 && st[i] !== -1)
        throw new ParameterError(`initial_state: value ${i} is ${st[i]}; use −1 or +1`, {
          field: 'initial_state',
        });
  }
}

/** Runs PIMC reads along a precomputed per-sweep table. */
export async function simulatePimc(
  model: CompiledModel,
  table: AnnealTable,
  o: PimcOptions,
): Promise<ReadsResult> {
  checkPimcOptions(model, table, o);
  const task: PimcTask = {
    kind: 'pimc',
    model,
    betaGamma: table.betaGamma,
    betaLambda: table.betaLambda,
    numSlices: o.numSlices,
    seed: o.seed,
    clusterMoves: o.clusterMoves ?? true,
    readout: o.readout ?? 'slice',
    readoutSlice: o.readoutSlice ?? 0,
    ...(o.initialState ? { initialState: o.initialState } : {}),
    ...(o.qubits ? { qubits: o.qubits } : {}),
  };
  return runReads(task, o.numReads, o);
}

/** Runs PIMC reads of an anneal: the table is built from schedule, path, β and the sweep count. */
export async function annealPimc(
  model: CompiledModel,
  o: PimcAnnealOptions,
): Promise<ReadsResult & { table: AnnealTable }> {
  if (!(o.beta > 0) || !Number.isFinite(o.beta))
    throw new ParameterError(`beta: ${o.beta} must be a finite number > 0`, { field: 'beta' });
  positiveInteger(o.numSweeps, 'num_sweeps', 1);
  const table = buildAnnealTable(o.schedule, o.path, o.beta, o.numSweeps);
  const { schedule: _s, path, beta: _b, numSweeps: _n, ...rest } = o;
  const res = await simulatePimc(model, table, {
    ...rest,
    ...(path.kind === 'reverse' && path.initialState ? { initialState: path.initialState } : {}),
  });
  return { ...res, table };
}
