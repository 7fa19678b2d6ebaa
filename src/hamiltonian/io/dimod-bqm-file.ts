/**
 * dimod's binary BQM file, `BinaryQuadraticModel.to_file()` / `from_file()` (dimod 0.10–0.12, file versions 1.0
 * and 2.0; dimod writes 2.0). All numbers little-endian, arrays packed without padding:
 *
 *   "DIMODBQM", major u8, minor u8, HEADER_LEN u32, then HEADER_LEN bytes of header: Python's
 *   json.dumps({dtype, itype, ntype, shape: [num_variables, num_interactions], type, variables, vartype},
 *   sort_keys=True) + "\n", padded with spaces so that everything so far is a multiple of 64 bytes;
 *   offset (dtype);
 *   per variable (ntype start of its neighbourhood = the sum of the degrees before it, dtype linear bias);
 *   per variable its whole neighbourhood, ascending: (itype neighbour index, dtype bias), so each interaction
 *   is stored twice;
 *   labels: in 1.0 the header's `variables` is the label list; in 2.0 it is a boolean, and when true (labels
 *   other than 0…n−1) a section follows: "VARS", LEN u32, LEN bytes of json.dumps(labels) padded with spaces
 *   to a multiple of 64 bytes for the section. Tuple labels are JSON arrays.
 *
 * dimod 0.12 writes dtype float64 with itype = ntype = int32; older dimod wrote other integer types (e.g. uint32
 * and uint64) and float32 models exist, so the reader takes any numpy integer type and float32/float64. Like
 * dimod it reads labels and biases in the file's variable order. Pure bytes in, bytes out: no file access.
 */

import { ModelError } from '../../errors.js';
import { parseStrictJson } from '../../util/strict-json.js';
import { BinaryQuadraticModel, type Vartype } from '../bqm.js';
import { formatLabel, jsonLabelProblem, type Label } from '../labels.js';
import { FieldReader, type JsonObject } from './json-fields.js';
import { type PythonJsonValue, pythonJsonDumps } from './python-json.js';

const MAGIC = 'DIMODBQM';
const VARS_MAGIC = 'VARS';
/** Bytes before the header text: magic, version (2), header length (4). */
const PREFIX_BYTES = MAGIC.length + 2 + 4;

/** Whether `bytes` start with the DIMODBQM magic string. */
export function isDimodBqmFile(bytes: Uint8Array): boolean {
  return asciiAt(bytes, 0, MAGIC.length) === MAGIC;
}

const decoder = new TextDecoder();

function asciiAt(bytes: Uint8Array, at: number, length: number): string {
  return decoder.decode(bytes.subarray(at, at + length));
}

/** numpy's dtype names for the numbers the file holds, with their size and DataView reader. */
const NUMBER_TYPES: Record<string, { size: number; read: (d: DataView, at: number) => number }> = {
  int8: { size: 1, read: (d, at) => d.getInt8(at) },
  uint8: { size: 1, read: (d, at) => d.getUint8(at) },
  int16: { size: 2, read: (d, at) => d.getInt16(at, true) },
  uint16: { size: 2, read: (d, at) => d.getUint16(at, true) },
  int32: { size: 4, read: (d, at) => d.getInt32(at, true) },
  uint32: { size: 4, read: (d, at) => d.getUint32(at, true) },
  int64: { size: 8, read: (d, at) => Number(d.getBigInt64(at, true)) },
  uint64: { size: 8, read: (d, at) => Number(d.getBigUint64(at, true)) },
  float32: { size: 4, read: (d, at) => d.getFloat32(at, true) },
  float64: { size: 8, read: (d, at) => d.getFloat64(at, true) },
};
const INTEGER_TYPES = Object.keys(NUMBER_TYPES).filter((t) => t.includes('int'));
const FLOAT_TYPES = ['float32', 'float64'];

/** Reads the file's bytes from front to back, failing with the field and the byte offset at fault. */
class ByteCursor {
  pos = 0;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly r: FieldReader,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(n: number, field: string): void {
    if (this.pos + n > this.bytes.length)
      this.r.fail(
        field,
        `the file ends at byte ${this.bytes.length} but ${field} needs bytes ${this.pos}–${this.pos + n - 1} (a truncated file?)`,
      );
  }

  number(type: string, field: string): number {
    const t = NUMBER_TYPES[type]!;
    this.need(t.size, field);
    const v = t.read(this.view, this.pos);
    this.pos += t.size;
    return v;
  }

  ascii(n: number, field: string): string {
    this.need(n, field);
    const part = this.bytes.subarray(this.pos, this.pos + n);
    const bad = part.findIndex((b) => b > 0x7f);
    if (bad >= 0)
      this.r.fail(field, `byte ${this.pos + bad} is not ASCII; dimod writes this part as ASCII JSON`);
    this.pos += n;
    return decoder.decode(part);
  }
}

function typeField(header: JsonObject, key: string, allowed: string[], r: FieldReader): string {
  const t = r.string(r.required(header, key, 'header'), `header.${key}`);
  if (!allowed.includes(t))
    r.fail(`header.${key}`, `${JSON.stringify(t)} is not one of ${allowed.join(', ')}`);
  return t;
}

/** The model with variable i renamed by the i-th label of `raw` (a list of n distinct labels). */
function relabelled(
  bqm: BinaryQuadraticModel,
  raw: unknown,
  field: string,
  r: FieldReader,
): BinaryQuadraticModel {
  const list = r.array(raw, field);
  if (list.length !== bqm.numVariables)
    r.fail(field, `lists ${list.length} labels for ${bqm.numVariables} variables`);
  const out = new BinaryQuadraticModel(bqm.vartype, bqm.offset);
  list.forEach((l, i) => {
    const problem = jsonLabelProblem(l);
    if (problem) r.fail(`${field}[${i}]`, problem);
    const label = l as Label;
    if (out.variables.has(label)) r.fail(`${field}[${i}]`, `duplicate variable ${formatLabel(label)}`);
    out.addLinear(label, bqm.linearAt(i));
  });
  for (const [i, j, b] of bqm.interactions()) out.addQuadraticByIndex(i, j, b);
  return out;
}

/**
 * Reads a DIMODBQM file (versions 1.x and 2.x). Errors are ModelErrors naming the part of the file at fault
 * (`header.shape`, `linear[3]`, `neighbourhood[2][0]`, …) prefixed by `source`.
 */
export function bqmFromDimodFile(bytes: Uint8Array, source = 'model'): BinaryQuadraticModel {
  const r = new FieldReader((message, field) => new ModelError(`${source}: ${message}`, { field }));
  if (!isDimodBqmFile(bytes))
    r.fail('magic', `does not start with "DIMODBQM", the magic string of dimod's BQM.to_file()`);
  const c = new ByteCursor(bytes, r);
  c.pos = MAGIC.length;
  const major = c.number('uint8', 'version');
  const minor = c.number('uint8', 'version');
  if (major < 1 || major > 2)
    r.fail('version', `file version ${major}.${minor}; dimod 0.12 writes 1.0 and 2.0, which qaxai reads`);
  const headerLength = c.number('uint32', 'header length');
  const headerText = c.ascii(headerLength, 'header');
  const header = r.object(parseStrictJson(headerText, { source: `${source} header` }), 'header');
  const dtype = typeField(header, 'dtype', FLOAT_TYPES, r);
  const itype = typeField(header, 'itype', INTEGER_TYPES, r);
  const ntype = typeField(header, 'ntype', INTEGER_TYPES, r);
  const vartype = typeField(header, 'vartype', ['SPIN', 'BINARY'], r) as Vartype;
  const shape = r.array(r.required(header, 'shape', 'header'), 'header.shape');
  if (shape.length !== 2) r.fail('header.shape', 'expected [num_variables, num_interactions]');
  const n = r.count(shape[0], 'header.shape[0]');
  const m = r.count(shape[1], 'header.shape[1]');
  const variables = r.required(header, 'variables', 'header');
  if (major === 1 ? !Array.isArray(variables) : typeof variables !== 'boolean')
    r.fail(
      'header.variables',
      major === 1 ? 'version 1 files list the labels here' : 'version 2 files say here whether labels follow',
    );

  const bias = (field: string): number => {
    const v = c.number(dtype, field);
    if (!Number.isFinite(v)) r.fail(field, `is ${v}; biases must be finite`);
    return v;
  };
  const bqm = new BinaryQuadraticModel(vartype, bias('offset'));
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    starts.push(c.number(ntype, `linear[${i}].start`));
    bqm.addLinear(i, bias(`linear[${i}].bias`));
  }
  starts.forEach((start, i) => {
    if ((i === 0 && start !== 0) || start < (starts[i - 1] ?? 0) || start > 2 * m)
      r.fail(
        `linear[${i}].start`,
        `is ${start}; the neighbourhood starts rise from 0 to at most ${2 * m} (twice the interactions)`,
      );
  });
  for (let i = 0; i < n; i++) {
    const degree = (i + 1 < n ? starts[i + 1]! : 2 * m) - starts[i]!;
    let previous = -1;
    for (let k = 0; k < degree; k++) {
      const field = `neighbourhood[${i}][${k}]`;
      const j = c.number(itype, `${field}.index`);
      const b = bias(`${field}.bias`);
      if (!Number.isInteger(j) || j < 0 || j >= n || j === i || j <= previous)
        r.fail(
          `${field}.index`,
          `neighbour ${j} of variable ${i}: expected ascending indices in [0, ${n}) other than ${i}`,
        );
      previous = j;
      // each interaction is stored at both ends; dimod reads the lower triangle, which must match the upper
      if (j > i) bqm.addQuadraticByIndex(i, j, b);
      else if (bqm.neighborsAt(i).get(j) !== b)
        r.fail(
          `${field}.bias`,
          `the interaction (${j}, ${i}) is ${b} here but ${bqm.neighborsAt(j).get(i) ?? 'absent'} at variable ${j}; the two copies must agree`,
        );
    }
  }
  if (bqm.numInteractions !== m)
    r.fail('header.shape[1]', `says ${m} interactions but the neighbourhoods hold ${bqm.numInteractions}`);

  if (Array.isArray(variables)) return relabelled(bqm, variables, 'header.variables', r);
  if (variables !== true) return bqm;
  if (c.ascii(VARS_MAGIC.length, 'variables section') !== VARS_MAGIC)
    r.fail('variables section', `expected "VARS" at byte ${c.pos - VARS_MAGIC.length}`);
  const length = c.number('uint32', 'variables section length');
  const text = c.ascii(length, 'variables section');
  return relabelled(bqm, parseStrictJson(text, { source: `${source} labels` }), 'variables section', r);
}

/** Options of {@link bqmToDimodFile}. */
export interface DimodFileOptions {
  /** File format version, 1 (labels in the header) or 2 (dimod's default: labels in a VARS section). */
  version?: 1 | 2;
}

const encoder = new TextEncoder();

/** `text` padded with spaces so that `before` + its length is a multiple of 64 bytes. */
function padTo64(text: string, before: number): Uint8Array {
  const pad = (64 - ((before + text.length) % 64)) % 64;
  return encoder.encode(text + ' '.repeat(pad));
}

const INT32_MAX = 2 ** 31 - 1;

/**
 * The bytes dimod 0.12's `bqm.to_file(version=…)` writes for a float64 BQM with these variables in this order:
 * dtype float64, itype = ntype = int32, type "BinaryQuadraticModel". A model too large for int32 indices
 * (dimod's limit) is a ModelError.
 */
export function bqmToDimodFile(bqm: BinaryQuadraticModel, options: DimodFileOptions = {}): Uint8Array {
  const version = options.version ?? 2;
  const n = bqm.numVariables;
  const m = bqm.numInteractions;
  if (2 * m > INT32_MAX || n > INT32_MAX)
    throw new ModelError(
      `the model has ${n} variables and ${m} interactions; dimod's file indexes them with int32 (at most ${INT32_MAX} neighbourhood entries)`,
      { field: 'model' },
    );
  const labels = bqm.variables.toArray();
  const isRange = labels.every((l, i) => l === i);
  const header: { [key: string]: PythonJsonValue } = {
    dtype: 'float64',
    itype: 'int32',
    ntype: 'int32',
    shape: [n, m],
    type: 'BinaryQuadraticModel',
    variables: version === 1 ? labels : !isRange,
    vartype: bqm.vartype,
  };
  const headerBytes = padTo64(`${pythonJsonDumps(header)}\n`, PREFIX_BYTES);
  const labelSection =
    version === 2 && !isRange ? padTo64(pythonJsonDumps(labels), VARS_MAGIC.length + 4) : undefined;

  const bodyBytes = 8 + 12 * n + 12 * 2 * m;
  const size = PREFIX_BYTES + headerBytes.length + bodyBytes + (labelSection ? 8 + labelSection.length : 0);
  const out = new Uint8Array(size);
  const d = new DataView(out.buffer);
  let at = 0;
  out.set(encoder.encode(MAGIC), at);
  at += MAGIC.length;
  d.setUint8(at++, version);
  d.setUint8(at++, 0);
  d.setUint32(at, headerBytes.length, true);
  at += 4;
  out.set(headerBytes, at);
  at += headerBytes.length;
  d.setFloat64(at, bqm.offset, true);
  at += 8;
  let start = 0;
  for (let i = 0; i < n; i++) {
    d.setInt32(at, start, true);
    d.setFloat64(at + 4, bqm.linearAt(i), true);
    at += 12;
    start += bqm.degreeAt(i);
  }
  for (let i = 0; i < n; i++)
    for (const [j, b] of [...bqm.neighborsAt(i)].sort((x, y) => x[0] - y[0])) {
      d.setInt32(at, j, true);
      d.setFloat64(at + 4, b, true);
      at += 12;
    }
  if (labelSection) {
    out.set(encoder.encode(VARS_MAGIC), at);
    d.setUint32(at + 4, labelSection.length, true);
    out.set(labelSection, at + 8);
  }
  return out;
}
