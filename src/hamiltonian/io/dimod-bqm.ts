/**
 * dimod `BinaryQuadraticModel.to_serializable()` JSON (bqm_schema 3.0.0; reading accepts ≥ 2.0.0).
 *
 * variable_labels are sorted when mutually comparable (as dimod writes them); quadratic_head/tail index into
 * them with head < tail. Only the JSON form (use_bytes false) is supported; the bytes form is BSON-only.
 */

import { BinaryQuadraticModel, parseVartype } from '../bqm.js';
import { jsonLabelProblem, type Label, sortLabelsIfComparable } from '../labels.js';
import { describeJsonValue, FieldReader, type JsonObject } from './json-fields.js';

export interface DimodBqmJson {
  type: 'BinaryQuadraticModel';
  version: { bqm_schema: string };
  use_bytes: false;
  index_type: string;
  bias_type: string;
  num_variables: number;
  num_interactions: number;
  variable_labels: Label[];
  variable_type: 'SPIN' | 'BINARY';
  offset: number;
  info: Record<string, unknown>;
  linear_biases: number[];
  quadratic_biases: number[];
  quadratic_head: number[];
  quadratic_tail: number[];
}

export function isDimodBqmJson(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as JsonObject).type === 'BinaryQuadraticModel';
}

export function bqmToDimodJson(bqm: BinaryQuadraticModel, info: Record<string, unknown> = {}): DimodBqmJson {
  const labels = sortLabelsIfComparable(bqm.variables.toArray());
  const newIndex = new Map<number, number>();
  labels.forEach((l, k) => newIndex.set(bqm.variables.require(l), k));
  const linear = labels.map((l) => bqm.getLinear(l));
  const quad: Array<[number, number, number]> = [];
  for (const [i, j, b] of bqm.interactions()) {
    const a = newIndex.get(i)!;
    const c = newIndex.get(j)!;
    quad.push(a < c ? [a, c, b] : [c, a, b]);
  }
  quad.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return {
    type: 'BinaryQuadraticModel',
    version: { bqm_schema: '3.0.0' },
    use_bytes: false,
    index_type: labels.length < 2 ** 31 ? 'int32' : 'int64',
    bias_type: 'float64',
    num_variables: labels.length,
    num_interactions: quad.length,
    variable_labels: labels,
    variable_type: bqm.vartype,
    offset: bqm.offset,
    info,
    linear_biases: linear,
    quadratic_biases: quad.map((q) => q[2]),
    quadratic_head: quad.map((q) => q[0]),
    quadratic_tail: quad.map((q) => q[1]),
  };
}

function compareSchema(v: string, min: [number, number, number]): number {
  const p = v.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let k = 0; k < 3; k++) if ((p[k] ?? 0) !== min[k]) return (p[k] ?? 0) - min[k]!;
  return 0;
}

export function bqmFromDimodJson(doc: unknown, r: FieldReader = new FieldReader()): BinaryQuadraticModel {
  const o = r.object(doc, 'model');
  const version = r.object(r.required(o, 'version', ''), 'version');
  const schema = r.string(r.required(version, 'bqm_schema', 'version'), 'version.bqm_schema');
  if (compareSchema(schema, [2, 0, 0]) < 0)
    r.fail('version.bqm_schema', `schema ${schema} is too old; dimod 0.9+ writes 3.0.0 (2.x is also read)`);
  if (o.use_bytes === true)
    r.fail(
      'use_bytes',
      'the bytes form is for BSON and cannot travel in JSON; write it with use_bytes=False',
    );
  const vartype = parseVartype(r.required(o, 'variable_type', ''), 'variable_type');
  const labelsRaw = r.array(r.required(o, 'variable_labels', ''), 'variable_labels');
  const linear = r.array(r.required(o, 'linear_biases', ''), 'linear_biases');
  const qb = r.array(r.required(o, 'quadratic_biases', ''), 'quadratic_biases');
  const qh = r.array(r.required(o, 'quadratic_head', ''), 'quadratic_head');
  const qt = r.array(r.required(o, 'quadratic_tail', ''), 'quadratic_tail');
  const offset = r.finite(o.offset ?? 0, 'offset');
  if (linear.length !== labelsRaw.length)
    r.fail('linear_biases', `has ${linear.length} entries for ${labelsRaw.length} variable_labels`);
  if (qh.length !== qb.length || qt.length !== qb.length)
    r.fail(
      'quadratic_head',
      `quadratic_head, quadratic_tail and quadratic_biases differ in length (${qh.length}, ${qt.length}, ${qb.length})`,
    );
  if ('num_variables' in o && o.num_variables !== labelsRaw.length)
    r.fail(
      'num_variables',
      `says ${describeJsonValue(o.num_variables)} but variable_labels has ${labelsRaw.length}`,
    );
  if ('num_interactions' in o && o.num_interactions !== qb.length)
    r.fail(
      'num_interactions',
      `says ${describeJsonValue(o.num_interactions)} but quadratic_biases has ${qb.length}`,
    );
  const bqm = new BinaryQuadraticModel(vartype, offset);
  labelsRaw.forEach((raw, k) => {
    const problem = jsonLabelProblem(raw);
    if (problem) r.fail(`variable_labels[${k}]`, problem);
    const l = raw as Label;
    bqm.variables.addUnique(l, `variable_labels[${k}]`);
    bqm.addVariable(l);
  });
  linear.forEach((b, k) => bqm.addLinear(bqm.variables.at(k), r.finite(b, `linear_biases[${k}]`)));
  const n = labelsRaw.length;
  for (let k = 0; k < qb.length; k++) {
    const i = r.count(qh[k], `quadratic_head[${k}]`, n - 1);
    const j = r.count(qt[k], `quadratic_tail[${k}]`, n - 1);
    if (i === j)
      r.fail(`quadratic_head[${k}]`, `self-loop on variable index ${i}; an interaction needs two variables`);
    bqm.addQuadraticByIndex(i, j, r.finite(qb[k], `quadratic_biases[${k}]`));
  }
  return bqm;
}
