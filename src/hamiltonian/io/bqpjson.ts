/**
 * LANL bqpjson (read): {"version", "id", "variable_domain": "spin"|"boolean", "variable_ids", "scale", "offset",
 * "linear_terms": [{"id","coeff"}], "quadratic_terms": [{"id_tail","id_head","coeff"}], "metadata"}.
 * Energy = scale · (Σ coeff·x + Σ coeff·x·y + offset), so the scale is folded into every bias.
 */

import { BinaryQuadraticModel } from '../bqm.js';
import { FieldReader, type JsonObject } from './json-fields.js';

export function isBqpJson(doc: unknown): boolean {
  return (
    typeof doc === 'object' &&
    doc !== null &&
    'variable_domain' in (doc as JsonObject) &&
    'linear_terms' in (doc as JsonObject)
  );
}

export function bqmFromBqpJson(doc: unknown, r: FieldReader = new FieldReader()): BinaryQuadraticModel {
  const o = r.object(doc, 'model');
  const domain = r.string(r.required(o, 'variable_domain', ''), 'variable_domain');
  if (domain !== 'spin' && domain !== 'boolean')
    r.fail('variable_domain', `expected "spin" or "boolean", found ${JSON.stringify(domain)}`);
  const scale = o.scale === undefined ? 1 : r.finite(o.scale, 'scale');
  const offset = o.offset === undefined ? 0 : r.finite(o.offset, 'offset');
  const bqm = new BinaryQuadraticModel(domain === 'spin' ? 'SPIN' : 'BINARY', scale * offset);
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
  r.array(r.required(o, 'linear_terms', ''), 'linear_terms').forEach((t, k) => {
    const f = `linear_terms[${k}]`;
    const term = r.object(t, f);
    bqm.addLinear(
      known(r.required(term, 'id', f), `${f}.id`),
      scale * r.finite(r.required(term, 'coeff', f), `${f}.coeff`),
    );
  });
  r.array(r.required(o, 'quadratic_terms', ''), 'quadratic_terms').forEach((t, k) => {
    const f = `quadratic_terms[${k}]`;
    const term = r.object(t, f);
    const u = known(r.required(term, 'id_tail', f), `${f}.id_tail`);
    const v = known(r.required(term, 'id_head', f), `${f}.id_head`);
    if (u === v) r.fail(f, `self-loop on variable ${u}; an interaction needs two variables`);
    bqm.addQuadratic(u, v, scale * r.finite(r.required(term, 'coeff', f), `${f}.coeff`));
  });
  return bqm;
}
