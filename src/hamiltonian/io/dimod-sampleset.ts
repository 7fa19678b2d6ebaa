/**
 * dimod `SampleSet.to_serializable()` JSON, schema 3.x (writes 3.2.0; reads ≥ 3.0.0).
 *
 * Sample packing (dimod's pack_samples): each row is padded to a multiple of 32 variables and stored as
 * uint32 words, variable i in word ⌊i/32⌋ at bit i mod 32, least-significant bit first; a set bit is +1
 * (SPIN) or 1 (BINARY). This differs from SAPI's `qp` answer packing (MSB-first bytes): do not share code.
 */

import { SampleSetError } from '../../errors.js';
import { parseVartype } from '../bqm.js';
import { jsonLabelProblem, type Label } from '../labels.js';
import { SampleSet, type SampleVector } from '../sample-set.js';
import { describeJsonValue, FieldReader, type JsonObject } from './json-fields.js';

export interface NdArrayJson {
  type: 'array';
  data: unknown;
  data_type: string;
  shape: number[];
  use_bytes: false;
}

const reader: FieldReader = new FieldReader((message, field) => new SampleSetError(message, { field }));

/** Packs row-major samples into dimod's uint32 words (LSB-first). */
export function packSamples(samples: Int8Array, numRows: number, n: number): number[][] {
  const words = Math.ceil(n / 32);
  const out: number[][] = [];
  for (let r = 0; r < numRows; r++) {
    const row = new Array<number>(words).fill(0);
    for (let i = 0; i < n; i++)
      if (samples[r * n + i]! > 0) row[i >>> 5] = (row[i >>> 5]! | (1 << (i & 31))) >>> 0;
    out.push(row);
  }
  return out;
}

/** Inverse of {@link packSamples}; bits become ±1 (SPIN) or 0/1 (BINARY). */
export function unpackSamples(
  words: readonly (readonly number[])[],
  n: number,
  spin: boolean,
  field: string,
): Int8Array {
  const out = new Int8Array(words.length * n);
  const need = Math.ceil(n / 32);
  words.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== need)
      reader.fail(`${field}[${r}]`, `expected ${need} uint32 words for ${n} variables`);
    row.forEach((w, k) => {
      if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 0xffffffff)
        reader.fail(`${field}[${r}][${k}]`, `expected a uint32 word, found ${JSON.stringify(w)}`);
    });
    for (let i = 0; i < n; i++) {
      const bit = (row[i >>> 5]! >>> (i & 31)) & 1;
      out[r * n + i] = spin ? 2 * bit - 1 : bit;
    }
  });
  return out;
}

function ndarray(data: unknown, dataType: string, shape: number[]): NdArrayJson {
  return { type: 'array', data, data_type: dataType, shape, use_bytes: false };
}

function nest(flat: readonly unknown[], shape: readonly number[]): unknown {
  if (shape.length <= 1) return [...flat];
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  const out: unknown[] = [];
  for (let r = 0; r < shape[0]!; r++) out.push(nest(flat.slice(r * inner, (r + 1) * inner), shape.slice(1)));
  return out;
}

function flatten(v: unknown, depth: number, field: string): unknown[] {
  if (depth === 0) return [v];
  if (!Array.isArray(v)) reader.fail(field, 'array data does not match its shape');
  return (v as unknown[]).flatMap((x: unknown, k: number) => flatten(x, depth - 1, `${field}[${k}]`));
}

export function sampleSetToDimodJson(ss: SampleSet): Record<string, unknown> {
  const n = ss.numVariables;
  const vectors: Record<string, NdArrayJson> = {};
  for (const [name, v] of Object.entries(ss.vectors))
    vectors[name] = ndarray(nest(v.data, v.shape), v.dataType, v.shape);
  return {
    type: 'SampleSet',
    version: { sampleset_schema: '3.2.0' },
    num_variables: n,
    num_rows: ss.numRows,
    sample_data: ndarray(packSamples(ss.samples, ss.numRows, n), 'uint32', [ss.numRows, Math.ceil(n / 32)]),
    sample_type: ss.sampleType,
    sample_packed: true,
    vectors,
    variable_labels: ss.variables,
    variable_type: ss.vartype,
    info: ss.info,
  };
}

export function isDimodSampleSetJson(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as JsonObject).type === 'SampleSet';
}

function readNdArray(v: unknown, field: string): SampleVector {
  const o = reader.object(v, field);
  if (o.type !== 'array') reader.fail(`${field}.type`, 'expected "array" (a dimod ndarray object)');
  if (o.use_bytes === true)
    reader.fail(`${field}.use_bytes`, 'bytes arrays cannot travel in JSON; write with use_bytes=False');
  const dataType = reader.string(reader.required(o, 'data_type', field), `${field}.data_type`);
  const shape = reader
    .array(reader.required(o, 'shape', field), `${field}.shape`)
    .map((s, k) => reader.count(s, `${field}.shape[${k}]`));
  const flat = flatten(reader.required(o, 'data', field), shape.length, `${field}.data`);
  const expect = shape.reduce((a, b) => a * b, 1);
  if (flat.length !== expect)
    reader.fail(
      `${field}.data`,
      `holds ${flat.length} values but shape ${JSON.stringify(shape)} needs ${expect}`,
    );
  const numeric = /^(u?int|float|bool)/.test(dataType);
  flat.forEach((x, k) => {
    if (numeric && typeof x !== 'number' && typeof x !== 'boolean')
      reader.fail(`${field}.data`, `value ${k} is ${JSON.stringify(x)}, not a number`);
  });
  return { dataType, shape, data: flat as SampleVector['data'] };
}

export function sampleSetFromDimodJson(doc: unknown): SampleSet {
  const o = reader.object(doc, 'sampleset');
  if (o.type !== 'SampleSet') reader.fail('type', `expected "SampleSet", found ${JSON.stringify(o.type)}`);
  const version = reader.object(reader.required(o, 'version', ''), 'version');
  const schema = reader.string(
    reader.required(version, 'sampleset_schema', 'version'),
    'version.sampleset_schema',
  );
  const major = Number.parseInt(schema.split('.')[0] ?? '', 10);
  if (!(major >= 3))
    reader.fail(
      'version.sampleset_schema',
      `schema ${schema} is older than 3.0.0; re-save it with dimod ≥ 0.9`,
    );
  const vartypeRaw = reader.required(o, 'variable_type', '');
  if (vartypeRaw === 'DISCRETE' || vartypeRaw === 'INTEGER')
    reader.fail('variable_type', `${vartypeRaw} sample sets are not binary; qaxai reads SPIN and BINARY`);
  let vartype: 'SPIN' | 'BINARY';
  try {
    vartype = parseVartype(vartypeRaw, 'variable_type');
  } catch (e) {
    reader.fail('variable_type', (e as Error).message);
  }
  const labelsRaw = reader.array(reader.required(o, 'variable_labels', ''), 'variable_labels');
  const labels: Label[] = [];
  const seen = new Set<string>();
  labelsRaw.forEach((l, k) => {
    const problem = jsonLabelProblem(l);
    if (problem) reader.fail(`variable_labels[${k}]`, problem);
    const key = `${typeof l}:${JSON.stringify(l)}`;
    if (seen.has(key)) reader.fail(`variable_labels[${k}]`, `duplicate variable ${JSON.stringify(l)}`);
    seen.add(key);
    labels.push(l as Label);
  });
  const n = labels.length;
  if ('num_variables' in o && o.num_variables !== n)
    reader.fail('num_variables', `says ${describeJsonValue(o.num_variables)} but variable_labels has ${n}`);
  const vectorsObj = reader.object(reader.required(o, 'vectors', ''), 'vectors');
  const vectors: Record<string, SampleVector> = {};
  for (const [name, v] of Object.entries(vectorsObj)) vectors[name] = readNdArray(v, `vectors.${name}`);
  const energy = vectors.energy;
  if (!energy) reader.fail('vectors.energy', 'missing');
  energy.data.forEach((e, k) => reader.finite(e, `vectors.energy.data[${k}]`));
  const rows = energy.shape[0]!;
  if ('num_rows' in o && o.num_rows !== rows)
    reader.fail('num_rows', `says ${describeJsonValue(o.num_rows)} but vectors.energy has ${rows} rows`);
  if (vectors.num_occurrences)
    vectors.num_occurrences.data.forEach((c, k) => reader.count(c, `vectors.num_occurrences.data[${k}]`));
  const sd = readNdArray(reader.required(o, 'sample_data', ''), 'sample_data');
  const packed = o.sample_packed === undefined ? true : reader.boolean(o.sample_packed, 'sample_packed');
  let samples: Int8Array;
  if (sd.shape[0] !== rows)
    reader.fail('sample_data.shape', `has ${sd.shape[0]} rows but vectors.energy has ${rows}`);
  if (packed) {
    const words = Math.ceil(n / 32);
    if (rows > 0 && sd.shape[1] !== words)
      reader.fail('sample_data.shape', `expected [${rows}, ${words}] for ${n} packed variables`);
    const rowsData: number[][] = [];
    for (let r = 0; r < rows; r++) rowsData.push(sd.data.slice(r * words, (r + 1) * words) as number[]);
    samples = unpackSamples(rowsData, n, vartype === 'SPIN', 'sample_data.data');
  } else {
    if (rows > 0 && sd.shape[1] !== n)
      reader.fail('sample_data.shape', `expected [${rows}, ${n}] for unpacked samples`);
    samples = new Int8Array(rows * n);
    sd.data.forEach((x, k) => {
      const v = typeof x === 'boolean' ? (x ? 1 : 0) : (x as number);
      const ok = vartype === 'SPIN' ? v === 1 || v === -1 : v === 0 || v === 1;
      if (!ok) reader.fail('sample_data.data', `value ${k} is ${JSON.stringify(x)}, not a ${vartype} value`);
      samples[k] = v;
    });
  }
  const info = o.info === undefined ? {} : reader.object(o.info, 'info');
  const sampleType = typeof o.sample_type === 'string' ? o.sample_type : 'int8';
  return new SampleSet({
    variables: labels,
    vartype,
    samples,
    energy: energy.data as number[],
    vectors,
    info,
    sampleType,
  });
}
