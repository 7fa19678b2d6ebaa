/**
 * Reads a real QPU result in the forms users have, into one shape:
 * - a dimod SampleSet JSON as Ocean writes it (DWaveSampler directly: physical qubit labels; or through an
 *   EmbeddingComposite: logical labels, a chain_break_fraction vector, info.timing, info.problem_id);
 * - a SAPI answer JSON: a problem status (`GET problems/<id>`), problem info (`GET problems/<id>/info`, whose
 *   `params` give the QPU settings) or a bare `qp` answer object;
 * - a result file of the bqpjson family (LANL's scripts): `energy - count` lines after a parameter header.
 * Settings found in the file (num_reads, annealing_time, auto_scale, num_spin_reversal_transforms, solver)
 * are returned so the emulator can be run with the QPU's settings.
 */

import { InputError } from '../../errors.js';
import type { BinaryQuadraticModel, Vartype } from '../../hamiltonian/bqm.js';
import { isDimodSampleSetJson, sampleSetFromDimodJson } from '../../hamiltonian/io/dimod-sampleset.js';
import { describeJsonValue } from '../../hamiltonian/io/json-fields.js';
import { parseQpuResultText } from '../../hamiltonian/io/qpu-result-text.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import { assertSameVariables } from '../../hamiltonian/sample-set-energies.js';
import { SapiFormatError } from '../../sapi/client/errors.js';
import { sampleSetFromQpAnswer } from '../../sapi/client/qp-coders.js';
import { parseStrictJson } from '../../util/strict-json.js';
import { type EnergyHistogram, energyHistogram } from './stats.js';

export type QpuResultFormat = 'dimod-sampleset' | 'sapi-answer' | 'bqpjson-result';

export interface QpuSettings {
  solver?: string;
  num_reads?: number;
  annealing_time?: number;
  auto_scale?: boolean;
  num_spin_reversal_transforms?: number;
  anneal_schedule?: unknown;
  [key: string]: unknown;
}

export interface QpuResult {
  format: QpuResultFormat;
  source: string;
  /** The samples, when the file has them (not for bqpjson result files, which hold energies only). */
  sampleSet?: SampleSet;
  /** Reads grouped by the energies stored in the file (recompute on the model where samples exist). */
  storedHistogram: EnergyHistogram;
  settings: QpuSettings;
  /** Variables of the QPU problem as the file states them (a bqpjson result's BQP_SOLUTION length). */
  numVariables?: number;
  problemId?: string;
  timing?: Record<string, unknown>;
}

function settingsFromParams(params: Record<string, unknown>): QpuSettings {
  const out: QpuSettings = {};
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

function fromSapi(doc: Record<string, unknown>, source: string, fallbackVartype: Vartype): QpuResult {
  const answer = (doc.format === 'qp' ? doc : doc.answer) as Record<string, unknown> | undefined;
  if (!answer || typeof answer !== 'object')
    throw new InputError(
      `${source}: a SAPI document without an answer (status ${JSON.stringify(doc.status ?? null)}); ` +
        'save a COMPLETED problem (GET problems/<id> or problems/<id>/info)',
      { field: source },
    );
  if (answer.format !== 'qp')
    throw new InputError(
      `${source}: answer format ${JSON.stringify(answer.format)} is not "qp" (a QPU answer)`,
      {
        field: `${source}: answer.format`,
      },
    );
  const meta = (doc.metadata ?? {}) as Record<string, unknown>;
  const typeRaw = doc.type ?? meta.type ?? (fallbackVartype === 'SPIN' ? 'ising' : 'qubo');
  if (typeRaw !== 'ising' && typeRaw !== 'qubo')
    throw new InputError(`${source}: problem type ${JSON.stringify(typeRaw)} is not ising or qubo`, {
      field: source,
    });
  const data = (doc.data ?? {}) as Record<string, unknown>;
  const offset = data.offset ?? 0;
  if (typeof offset !== 'number' || !Number.isFinite(offset))
    throw new InputError(`${source}: data.offset is ${describeJsonValue(offset)}; expected a finite number`, {
      field: source,
    });
  const problemId = typeof doc.id === 'string' ? doc.id : 'unknown';
  let ss: SampleSet;
  try {
    ss = sampleSetFromQpAnswer(answer, { type: typeRaw, offset, problemId });
  } catch (e) {
    // from a file the user gave, a malformed answer is bad input (exit 2), not a failure of the Leap service
    if (e instanceof SapiFormatError)
      throw new InputError(
        `${source}: ${e.message.replace(/^invalid SAPI response: /, 'invalid qp answer: ')}`,
        {
          field: source,
          cause: e,
        },
      );
    throw e;
  }
  const solver = (doc.solver ?? meta.solver) as { name?: string } | string | undefined;
  const settings = settingsFromParams((doc.params ?? {}) as Record<string, unknown>);
  const solverName = typeof solver === 'string' ? solver : solver?.name;
  if (solverName) settings.solver = solverName;
  return {
    format: 'sapi-answer',
    source,
    sampleSet: ss,
    storedHistogram: energyHistogram(ss.energy, ss.numOccurrences),
    settings,
    problemId,
    timing: ss.info.timing as Record<string, unknown>,
  };
}

/** Reads a QPU result file's text; `fallbackVartype` types a bare SAPI answer that does not say ising/qubo. */
export function readQpuResult(text: string, source: string, fallbackVartype: Vartype = 'SPIN'): QpuResult {
  const trimmed = text.trimStart();
  if (trimmed === '')
    throw new InputError(`${source}: the file is empty; expected a QPU result`, { field: source });
  if (trimmed.startsWith('{')) {
    const doc = parseStrictJson(text, { source }) as Record<string, unknown>;
    if (isDimodSampleSetJson(doc)) {
      const ss = sampleSetFromDimodJson(doc);
      if (ss.numRows === 0) throw new InputError(`${source}: the sample set has no rows`, { field: source });
      const info = ss.info;
      const settings = settingsFromParams((info.parameters ?? {}) as Record<string, unknown>);
      if (typeof info.solver === 'string') settings.solver = info.solver;
      return {
        format: 'dimod-sampleset',
        source,
        sampleSet: ss,
        storedHistogram: energyHistogram(ss.energy, ss.numOccurrences),
        settings,
        ...(typeof info.problem_id === 'string' ? { problemId: info.problem_id } : {}),
        ...(typeof info.timing === 'object' && info.timing
          ? { timing: info.timing as Record<string, unknown> }
          : {}),
      };
    }
    if (doc.format === 'qp' || 'answer' in doc || doc.status !== undefined)
      return fromSapi(doc, source, fallbackVartype);
    throw new InputError(
      `${source}: JSON that is neither a dimod SampleSet ("type": "SampleSet") nor a SAPI answer ("answer": {"format": "qp", …})`,
      { field: source },
    );
  }
  const r = parseQpuResultText(text, source);
  const settings = settingsFromParams(r.parameters);
  if (r.solver) settings.solver = r.solver;
  return {
    format: 'bqpjson-result',
    source,
    ...(r.bestSolution ? { numVariables: r.bestSolution.spins.length } : {}),
    storedHistogram: energyHistogram(
      r.groups.map((g) => g.energy),
      r.groups.map((g) => g.count),
    ),
    settings,
  };
}

/**
 * Refuses a QPU result that cannot belong to `bqm`: samples over other variables, or a bqpjson result whose
 * problem has another number of variables. (Energies below the model's exact ground energy are refused by
 * compareResults, once that energy is known.)
 */
export function checkResultFitsModel(bqm: BinaryQuadraticModel, qpu: QpuResult): void {
  if (qpu.sampleSet) assertSameVariables(bqm, qpu.sampleSet, qpu.source);
  if (qpu.numVariables !== undefined && qpu.numVariables !== bqm.numVariables)
    throw new InputError(
      `${qpu.source}: the QPU problem has ${qpu.numVariables} variables (BQP_SOLUTION) but the model has ` +
        `${bqm.numVariables}; give the model this result was run on`,
      { field: '--model' },
    );
}
