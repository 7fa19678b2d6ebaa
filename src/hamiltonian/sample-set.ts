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
import { formatLabel, type Label, type LabelKey, labelFromKeyToken, labelKey } from './labels.js';

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

/**
 * One row of a sample set as dimod's `data()` and `first` give it: the sample (label → value), then energy,
 * num_occurrences and the other per-row vectors in their order (a vector of shape [rows, k] gives k values).
 */
export interface SampleRow {
  sample: Map<Label, number>;
  energy: number;
  num_occurrences: number;
  [vector: string]: unknown;
}

/** Options of {@link SampleSet.data}. */
export interface SampleDataOptions {
  /** Fields to include, in this order (default: sample, energy, num_occurrences, then the other vectors). */
  fields?: readonly string[];
  /** A per-row vector to sort by (stable), or null for row order (default "energy", as dimod). */
  sortedBy?: string | null;
  /** Reverse the order. */
  reverse?: boolean;
}

/** A relabelling: old label → new label (a Map, or a record keyed by label tokens as JSON keys write them). */
export type LabelMapping = ReadonlyMap<Label, Label> | Readonly<Record<string, Label>>;

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

  /** The lowest-energy row (the first among ties), dimod's `first`; throws a SampleSetError when empty. */
  get first(): SampleRow {
    const r = this.lowestIndex();
    if (r < 0) throw new SampleSetError('the sample set has no rows, so it has no first sample');
    return this.rowRecord(r, this.fieldNames());
  }

  /**
   * The rows whose energy is within tolerance of the lowest, in row order (dimod's `lowest`): |E − E_min| ≤
   * atol + rtol·|E_min| (numpy's isclose; defaults rtol 1e-5, atol 1e-8). Empty for an empty set.
   */
  lowest(o: { rtol?: number; atol?: number } = {}): SampleSet {
    const rtol = o.rtol ?? 1e-5;
    const atol = o.atol ?? 1e-8;
    const e = this.vectors.energy!.data as number[];
    const min = e.reduce((m, x) => Math.min(m, x), Number.POSITIVE_INFINITY);
    return this.select([...e.keys()].filter((r) => Math.abs(e[r]! - min) <= atol + rtol * Math.abs(min)));
  }

  /** The rows as records (dimod's `data()`): sorted by energy unless `sortedBy` says otherwise. */
  *data(o: SampleDataOptions = {}): Generator<SampleRow> {
    const fields = o.fields ?? this.fieldNames();
    for (const f of fields)
      if (f !== 'sample' && !(f in this.vectors))
        throw new SampleSetError(
          `${f} is not a field of this sample set; it has ${this.fieldNames().join(', ')}`,
          {
            field: 'fields',
          },
        );
    for (const r of this.rowOrder(o.sortedBy === undefined ? 'energy' : o.sortedBy, o.reverse === true))
      yield this.rowRecord(r, fields);
  }

  /** The samples as label → value maps (dimod's `samples()`), the first `n` in `sortedBy` order (default energy). */
  sampleList(n?: number, o: { sortedBy?: string | null } = {}): Map<Label, number>[] {
    const order = this.rowOrder(o.sortedBy === undefined ? 'energy' : o.sortedBy, false);
    return order.slice(0, n ?? order.length).map((r) => this.sample(r));
  }

  /**
   * The same rows with variables renamed (dimod's relabel_variables, returning a new set); labels the mapping
   * does not name stay. Two variables may not end with one label.
   */
  relabelVariables(mapping: LabelMapping): SampleSet {
    const lookup =
      mapping instanceof Map
        ? new Map([...mapping].map(([k, v]) => [labelKey(k), v]))
        : new Map(
            Object.entries(mapping as Record<string, Label>).map(([k, v]) => [
              labelKey(labelFromKeyToken(k)),
              v,
            ]),
          );
    const variables = this.variables.map((l) => lookup.get(labelKey(l)) ?? l);
    const seen = new Set<LabelKey>();
    for (const l of variables) {
      if (seen.has(labelKey(l)))
        throw new SampleSetError(`relabelling gives two variables the label ${formatLabel(l)}`, {
          field: 'mapping',
        });
      seen.add(labelKey(l));
    }
    return this.derive({ variables });
  }

  /** A sample set like this one with some parts replaced (info and sample type are kept). */
  private derive(
    parts: Partial<Pick<SampleSetInit, 'variables' | 'vartype' | 'samples' | 'vectors'>>,
  ): SampleSet {
    const vectors = parts.vectors ?? this.vectors;
    return new SampleSet({
      variables: parts.variables ?? this.variables,
      vartype: parts.vartype ?? this.vartype,
      samples: parts.samples ?? this.samples,
      energy: vectors.energy!.data as number[],
      vectors,
      info: this.info,
      sampleType: this.sampleType,
    });
  }

  /** sample, then the per-row vectors: energy, num_occurrences, the others in order (dimod's record fields). */
  private fieldNames(): string[] {
    const rest = Object.keys(this.vectors).filter((k) => k !== 'energy' && k !== 'num_occurrences');
    return ['sample', 'energy', 'num_occurrences', ...rest];
  }

  private rowOrder(sortedBy: string | null, reverse: boolean): number[] {
    const idx = [...Array(this.numRows).keys()];
    if (sortedBy !== null) {
      const v = this.vectors[sortedBy];
      if (v?.shape.length !== 1)
        throw new SampleSetError(`sortedBy: ${sortedBy} is not a per-row scalar vector of this sample set`, {
          field: 'sortedBy',
        });
      const d = v.data as number[];
      idx.sort((a, b) => (d[a]! < d[b]! ? -1 : d[a]! > d[b]! ? 1 : a - b));
    }
    return reverse ? idx.reverse() : idx;
  }

  private rowRecord(r: number, fields: readonly string[]): SampleRow {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (f === 'sample') {
        out.sample = this.sample(r);
        continue;
      }
      const v = this.vectors[f]!;
      const width = v.data.length / Math.max(1, v.shape[0]!);
      out[f] = v.shape.length === 1 ? v.data[r] : v.data.slice(r * width, (r + 1) * width);
    }
    return out as SampleRow;
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
    return this.derive({ samples, vectors });
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
    return this.derive({ vartype, samples, vectors });
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
    return this.derive({ variables: labels, samples });
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
    // rows of a model without variables hold no values: count them from the per-row data given
    const rows =
      model.n > 0
        ? samples.length / model.n
        : (extra.numOccurrences?.length ?? Object.values(extra.vectors ?? {})[0]?.shape[0] ?? 0);
    const energy = new Float64Array(rows);
    for (let r = 0; r < rows; r++) energy[r] = energyOfRow(model, samples, r * model.n);
    return new SampleSet({ ...extra, variables: model.labels, vartype: bqm.vartype, samples, energy });
  }

  /**
   * Concatenates sample sets over the same variables and vartype (dimod's concatenate): columns follow the
   * first set's variable order; `info` defaults to the first set's.
   */
  static concatenate(sets: readonly SampleSet[], info: SamplerInfo = sets[0]?.info ?? {}): SampleSet {
    const head = sets[0];
    if (!head) throw new SampleSetError('cannot concatenate zero sample sets');
    const n = head.numVariables;
    const rows = sets.reduce((s, x) => s + x.numRows, 0);
    const samples = new Int8Array(rows * n);
    let at = 0;
    const vectors: Record<string, SampleVector> = {};
    for (const part of sets) {
      if (part.vartype !== head.vartype || part.numVariables !== n)
        throw new SampleSetError('cannot concatenate sample sets with different variables or vartypes');
      const s = part === head ? part : part.reorder(head.variables);
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

  /** The same as {@link concatenate}. */
  static concat(sets: readonly SampleSet[], info?: SamplerInfo): SampleSet {
    return SampleSet.concatenate(sets, info);
  }
}

/** Converts one variable value between vartypes (SPIN ±1 <-> BINARY 0/1). */
export function convertValue(v: number, from: Vartype, to: Vartype): number {
  if (from === to) return v;
  return to === 'BINARY' ? (v > 0 ? 1 : 0) : v > 0 ? 1 : -1;
}
