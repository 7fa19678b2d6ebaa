/**
 * LANL bqpjson (read and write), as its schema (bqpjson-schema.json) and `bqpjson.validate` define it:
 * {"version", "id", "metadata", "variable_ids", "variable_domain": "spin"|"boolean", "scale", "offset",
 *  "linear_terms": [{"id","coeff"}], "quadratic_terms": [{"id_tail","id_head","coeff"}]} are required;
 * "description" and "solutions" are optional (read past; solutions are not checked against the model).
 * As in `validate`: the scale is ≥ 0, each variable has at most one linear term, each (id_tail, id_head) pair at
 * most one quadratic term (the reversed pair may also appear; the two add), and id_tail ≠ id_head.
 * Energy = scale · (Σ coeff·x + Σ coeff·x·y + offset), so the scale is folded into every bias.
 */

import { ModelError } from '../../errors.js';
import { BinaryQuadraticModel } from '../bqm.js';
import { formatLabel } from '../labels.js';
import { FieldReader, type JsonObject } from './json-fields.js';

export function isBqpJson(doc: unknown): boolean {
  return (
    typeof doc === 'object' &&
    doc !== null &&
    'variable_domain' in (doc as JsonObject) &&
    'linear_terms' in (doc as JsonObject)
  );
}

const REQUIRED =
  'version, id, metadata, variable_ids, variable_domain, scale, offset, linear_terms and quadratic_terms';

export function bqmFromBqpJson(doc: unknown, r: FieldReader = new FieldReader()): BinaryQuadraticModel {
  const o = r.object(doc, 'model');
  for (const key of REQUIRED.replace(' and', ',').split(', '))
    if (!(key in o)) r.fail(key, `missing; a bqpjson document has ${REQUIRED} (LANL's bqpjson schema)`);
  r.string(r.required(o, 'version', ''), 'version');
  r.count(r.required(o, 'id', ''), 'id');
  r.object(r.required(o, 'metadata', ''), 'metadata');
  const domain = r.string(r.required(o, 'variable_domain', ''), 'variable_domain');
  if (domain !== 'spin' && domain !== 'boolean')
    r.fail('variable_domain', `expected "spin" or "boolean", found ${JSON.stringify(domain)}`);
  const scale = r.finite(r.required(o, 'scale', ''), 'scale');
  if (scale < 0) r.fail('scale', `${scale} is negative; bqpjson's scale is ≥ 0 (typically 1.0)`);
  /** scale × a coefficient, which must stay finite (both are, one by one). */
  const scaled = (v: unknown, field: string): number => {
    const x = scale * r.finite(v, field);
    if (!Number.isFinite(x)) r.fail(field, `scale × ${field} overflows (${scale} × ${String(v)})`);
    return x;
  };
  const bqm = new BinaryQuadraticModel(
    domain === 'spin' ? 'SPIN' : 'BINARY',
    scaled(r.required(o, 'offset', ''), 'offset'),
  );
  const ids = r.array(r.required(o, 'variable_ids', ''), 'variable_ids');
  ids.forEach((id, k) => {
    const v = r.count(id, `variable_ids[${k}]`);
    bqm.variables.addUnique(v, `variable_ids[${k}]`);
    bqm.addVariable(v);
  });
  const known = (id: unknown, field: string): number => {
    const v = r.count(id, field);
    if (!bqm.variables.has(v)) r.fail(field, `variable ${v} is not listed in variable_ids`);
    return v;
  };
  const linearSeen = new Map<number, number>();
  r.array(r.required(o, 'linear_terms', ''), 'linear_terms').forEach((t, k) => {
    const f = `linear_terms[${k}]`;
    const term = r.object(t, f);
    const id = known(r.required(term, 'id', f), `${f}.id`);
    const before = linearSeen.get(id);
    if (before !== undefined)
      r.fail(
        `${f}.id`,
        `variable ${id} already has a linear term (linear_terms[${before}]); give one per variable`,
      );
    linearSeen.set(id, k);
    bqm.addLinear(id, scaled(r.required(term, 'coeff', f), `${f}.coeff`));
  });
  const pairSeen = new Map<string, number>();
  r.array(r.required(o, 'quadratic_terms', ''), 'quadratic_terms').forEach((t, k) => {
    const f = `quadratic_terms[${k}]`;
    const term = r.object(t, f);
    const u = known(r.required(term, 'id_tail', f), `${f}.id_tail`);
    const v = known(r.required(term, 'id_head', f), `${f}.id_head`);
    if (u === v) r.fail(f, `self-loop on variable ${u}; an interaction needs two variables`);
    const before = pairSeen.get(`${u},${v}`);
    if (before !== undefined)
      r.fail(f, `the pair (${u}, ${v}) already has a term (quadratic_terms[${before}]); give one per pair`);
    pairSeen.set(`${u},${v}`, k);
    bqm.addQuadratic(u, v, scaled(r.required(term, 'coeff', f), `${f}.coeff`));
  });
  return bqm;
}

/**
 * Writes LANL bqpjson (version 1.0.0, id 0, scale 1, empty metadata): variable_ids in the model's order, a
 * linear term for each non-zero linear bias, each interaction once with id_tail < id_head. bqpjson's ids are
 * non-negative integers, so any other label is a ModelError naming it (write dimod JSON instead).
 */
export function bqmToBqpJson(bqm: BinaryQuadraticModel): Record<string, unknown> {
  const ids = bqm.variables.toArray().map((l) => {
    if (typeof l !== 'number' || !Number.isSafeInteger(l) || l < 0)
      throw new ModelError(
        `label ${formatLabel(l)} cannot be a bqpjson variable id (ids are non-negative integers); relabel the model or write dimod JSON instead`,
        { field: 'variables' },
      );
    return l;
  });
  const linearTerms: Array<{ id: number; coeff: number }> = [];
  ids.forEach((id, i) => {
    if (bqm.linearAt(i) !== 0) linearTerms.push({ id, coeff: bqm.linearAt(i) });
  });
  const quadraticTerms: Array<{ id_tail: number; id_head: number; coeff: number }> = [];
  for (const [i, j, coeff] of bqm.interactions())
    quadraticTerms.push({ id_tail: Math.min(ids[i]!, ids[j]!), id_head: Math.max(ids[i]!, ids[j]!), coeff });
  return {
    version: '1.0.0',
    id: 0,
    metadata: {},
    variable_ids: ids,
    variable_domain: bqm.vartype === 'SPIN' ? 'spin' : 'boolean',
    scale: 1,
    offset: bqm.offset,
    linear_terms: linearTerms,
    quadratic_terms: quadraticTerms,
  };
}
