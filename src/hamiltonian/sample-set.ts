/**
 * SampleSet: the columnar result of a sampler, as dimod has it.
 *
 * - `samples`: row-major Int8Array (numRows × numVariables), ±1 for SPIN, 0/1 for BINARY, columns in
 *   `variables` order.
 * - `vectors`: per-row data; `energy` (float64) and `num_occurrences` always exist; others (for example
 *   `chain_break_fraction`) are carried with their dimod dtype so files round-trip losslessly.
 * - `info`: JSON data about the whole run. Keys used across qaxai: `timing` (dimod samplers use
 *   `{preprocessing_ns, sampling_ns, postprocessing_ns}`, QPU-shaped samplers the SAPI µs keys), `sampler`,
 *   `parameters` (the parameters used, Ocean names), `seed`, `warnings`, `problem_id`, `embedding_context`.
 */

import { SampleSetError } from '../errors.js';
import type { BinaryQuadraticModel, Vartype } from './bqm.js';
import { compileModel, energyOfRow } from './compiled.js';
import { type Label, labelKey } from './labels.js';

/** One per-row vector: flat data with its numpy dtype name and shape ([numRows] or [numRows, k, …]). */
export interface SampleVector {
  dataType: string;
  shape: number[];
  data: Array<number | boolean | string | null>;
}

/**
 * A sample set's `info`: JSON data about the run, every key in dimod's snake_case. The keys qaxai's samplers
 * share are typed; each sampler adds its own (documented with the sampler).
 */
export interface SamplerInfo {
  /** Name of the sampler that produced the rows ("exact", "sa", "qpu-sim", …). */
  sampler?: string;
  /** The parameters used (Ocean names), defaults and the seed included. */
  parameters?: Record<string, unknown>;
  /** The random seed of the run (given or drawn). */
  seed?: number;
  /**
   * dimod samplers: `{preprocessing_ns, sampling_ns, postprocessing_ns}` (ns); QPU-shaped samplers: SAPI's
   * µs keys (`qpu_access_time`, …).
   */
  timing?: Readonly<Record<string, unknown>>;
  warnings?: string[];
  /** QPU-shaped samplers: the solver and the problem. */
  solver?: string;
  problem_id?: string;
  problem_label?: string;
  [key: string]: unknown;
}

/** @deprecated the same type as {@link SamplerInfo}. */
export type SampleSetInfo = SamplerInfo;

export interface SampleSetInit {
  variables: readonly Label[];
  vartype: Vartype;
  samples: Int8Array;
  energy: ArrayLike<number>;
  numOccurrences?: ArrayLike<number>;
  vectors?: Record<string, SampleVector>;
  info?: SampleSetInfo;
  /** numpy dtype of the samples before packing (dimod writes "int8"). */
  sampleType?: string;
}

export class SampleSet {
  readonly variables: readonly Label[];
  readonly vartype: Vartype;
  readonly samples: Int8Array;
  readonly numRows: number;
  readonly vectors: Record<string, SampleVector>;
  info: SampleSetInfo;
  readonly sampleType: string;

  constructor(init: SampleSetInit) {
    const n = init.variables.length;
    const rows = init.energy.length;
    if (init.samples.length !== rows * n)
      throw new SampleSetError(
        `samples hold ${init.samples.length} values but ${rows} rows × ${n} variables need ${rows * n}`,
      );
    this.variables = [...init.variables];
    this.vartype = init.vartype;
    this.samples = init.samples;
    this.numRows = rows;
    this.sampleType = init.sampleType ?? 'int8';
    const vectors: Record<string, SampleVector> = { ...(init.vectors ?? {}) };
    vectors.energy = vectors.energy ?? { dataType: 'float64', shape: [rows], data: Array.from(init.energy) };
    if (!vectors.num_occurrences)
      vectors.num_occurrences = {
        dataType: 'int64',
        shape: [rows],
        data: init.numOccurrences ? Array.from(init.numOccurrences) : new Array(rows).fill(1),
      };
    for (const [name, v] of Object.entries(vectors))
      if (v.shape[0] !== rows)
        throw new SampleSetError(`vectors.${name} has ${v.shape[0]} rows but the sample set has ${rows}`, {
          field: `vectors.${name}`,
        });
    this.vectors = vectors;
    this.info = init.info ?? {};
  }

  get numVariables(): number {
    return this.variables.length;
  }

  /** Energies as numbers (a copy). */
  get energy(): Float64Array {
    return Float64Array.from(this.vectors.energy!.data as number[]);
  }

  get numOccurrences(): Float64Array {
    return Float64Array.from(this.vectors.num_occurrences!.data as number[]);
  }

  /** Total number of reads represented (Σ num_occurrences). */
  get totalReads(): number {
    let s = 0;
    for (const v of this.vectors.num_occurrences!.data) s += v as number;
    return s;
  }

  /** Row r as a fresh Int8Array. */
  row(r: number): Int8Array {
    const n = this.numVariables;
    return this.samples.slice(r * n, (r + 1) * n);
  }

  /** Row r as a label -> value map. */
  sample(r: number): Map<Label, number> {
    const m = new Map<Label, number>();
    const n = this.numVariables;
    for (let i = 0; i < n; i++) m.set(this.variables[i]!, this.samples[r * n + i]!);
    return m;
  }

  /** Index of the lowest-energy row (the first among ties), or -1 when empty. */
  lowestIndex(): number {
    const e = this.vectors.energy!.data as number[];
    let best = -1;
    for (let r = 0; r < e.length; r++) if (best < 0 || e[r]! < e[best]!) best = r;
    return best;
  }

  /** Rows selected by index (per-row vectors follow; info is shared). */
  select(rows: readonly number[]): SampleSet {
    const n = this.numVariables;
    const samples = new Int8Array(rows.length * n);
    rows.forEach((r, k) => samples.set(this.samples.subarray(r * n, (r + 1) * n), k * n));
    const vectors: Record<string, SampleVector> = {};
    for (const [name, v] of Object.entries(this.vectors)) {
      const width = v.data.length / Math.max(1, v.shape[0]!);
      const data: SampleVector['data'] = [];
      for (const r of rows) for (let k = 0; k < width; k++) data.push(v.data[r * width + k]!);
      vectors[name] = { dataType: v.dataType, shape: [rows.length, ...v.shape.slice(1)], data };
    }
    return new SampleSet({
      variables: this.variables,
      vartype: this.vartype,
      samples,
      energy: vectors.energy!.data as number[],
      vectors,
      info: this.info,
      sampleType: this.sampleType,
    });
  }

  /** Rows sorted by increasing energy (stable). */
  sorted(): SampleSet {
    const e = this.vectors.energy!.data as number[];
    const idx = [...e.keys()].sort((a, b) => e[a]! - e[b]! || a - b);
    return this.select(idx);
  }

  /** The first `k` rows in energy order. */
  truncate(k: number): SampleSet {
    return this.sorted().select([...Array(Math.min(k, this.numRows)).keys()]);
  }

  /**
   * Merges identical samples, summing num_occurrences (dimod's aggregate). Other per-row vectors keep the
   * value of the first occurrence.
   */
  aggregate(): SampleSet {
    const n = this.numVariables;
    const first = new Map<string, number>();
    const order: number[] = [];
    const counts: number[] = [];
    const occ = this.vectors.num_occurrences!.data as number[];
    for (let r = 0; r < this.numRows; r++) {
      const key = String.fromCharCode(...this.samples.subarray(r * n, (r + 1) * n).map((v) => v + 1));
      const at = first.get(key);
      if (at === undefined) {
        first.set(key, order.length);
        order.push(r);
        counts.push(occ[r]!);
      } else counts[at]! += occ[r]!;
    }
    const out = this.select(order);
    out.vectors.num_occurrences = { ...out.vectors.num_occurrences!, data: counts };
    return out;
  }

  /** The same samples in the other vartype; energies shift by `energyOffset` (dimod's change_vartype). */
  changeVartype(vartype: Vartype, energyOffset = 0): SampleSet {
    const samples = Int8Array.from(this.samples, (v) => convertValue(v, this.vartype, vartype));
    const vectors = { ...this.vectors };
    if (energyOffset !== 0)
      vectors.energy = {
        ...vectors.energy!,
        data: (vectors.energy!.data as number[]).map((e) => e + energyOffset),
      };
    return new SampleSet({
      variables: this.variables,
      vartype,
      samples,
      energy: vectors.energy!.data as number[],
      vectors,
      info: this.info,
      sampleType: this.sampleType,
    });
  }

  /** Columns reordered/restricted to `labels` (each must exist). */
  reorder(labels: readonly Label[]): SampleSet {
    const pos = new Map(this.variables.map((l, i) => [labelKey(l), i]));
    const cols = labels.map((l) => {
      const i = pos.get(labelKey(l));
      if (i === undefined) throw new SampleSetError(`sample set has no variable ${JSON.stringify(l)}`);
      return i;
    });
    const n = this.numVariables;
    const m = labels.length;
    const samples = new Int8Array(this.numRows * m);
    for (let r = 0; r < this.numRows; r++)
      for (let k = 0; k < m; k++) samples[r * m + k] = this.samples[r * n + cols[k]!]!;
    return new SampleSet({
      variables: labels,
      vartype: this.vartype,
      samples,
      energy: this.vectors.energy!.data as number[],
      vectors: this.vectors,
      info: this.info,
      sampleType: this.sampleType,
    });
  }

  /**
   * Builds a sample set for `bqm` from raw rows (in the BQM's variable order and vartype), computing the
   * energies (dimod's from_samples_bqm).
   */
  static fromSamplesBqm(
    bqm: BinaryQuadraticModel,
    samples: Int8Array,
    extra: Omit<SampleSetInit, 'variables' | 'vartype' | 'samples' | 'energy'> = {},
  ): SampleSet {
    const model = compileModel(bqm);
    const rows = model.n === 0 ? 0 : samples.length / model.n;
    const energy = new Float64Array(rows);
    for (let r = 0; r < rows; r++) energy[r] = energyOfRow(model, samples, r * model.n);
    return new SampleSet({ ...extra, variables: model.labels, vartype: bqm.vartype, samples, energy });
  }

  /** Concatenates sample sets over the same variables (in the same order) and vartype. */
  static concat(sets: readonly SampleSet[], info: SampleSetInfo = sets[0]?.info ?? {}): SampleSet {
    const head = sets[0];
    if (!head) throw new SampleSetError('cannot concatenate zero sample sets');
    const n = head.numVariables;
    const rows = sets.reduce((s, x) => s + x.numRows, 0);
    const samples = new Int8Array(rows * n);
    let at = 0;
    const vectors: Record<string, SampleVector> = {};
    for (const s of sets) {
      if (s.vartype !== head.vartype || s.numVariables !== n)
        throw new SampleSetError('cannot concatenate sample sets with different variables or vartypes');
      samples.set(s.samples, at);
      at += s.samples.length;
      for (const [name, v] of Object.entries(s.vectors)) {
        const into = (vectors[name] ??= { dataType: v.dataType, shape: [0, ...v.shape.slice(1)], data: [] });
        into.shape[0]! += v.shape[0]!;
        for (const x of v.data) into.data.push(x);
      }
    }
    for (const [name, v] of Object.entries(vectors))
      if (v.shape[0] !== rows)
        throw new SampleSetError(`vector ${name} is missing from some of the sample sets`);
    return new SampleSet({
      variables: head.variables,
      vartype: head.vartype,
      samples,
      energy: vectors.energy!.data as number[],
      vectors,
      info,
    });
  }
}

/** Converts one variable value between vartypes (SPIN ±1 <-> BINARY 0/1). */
export function convertValue(v: number, from: Vartype, to: Vartype): number {
  if (from === to) return v;
  return to === 'BINARY' ? (v > 0 ? 1 : 0) : v > 0 ? 1 : -1;
}
