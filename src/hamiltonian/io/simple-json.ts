/**
 * The simple JSON model form of cli.md:
 *   {"vartype":"SPIN","h":{"a":1.0},"J":{"a,b":-1.0},"offset":0}
 *   {"vartype":"BINARY","Q":{"a,b":2.0,"a,a":-1},"offset":0}
 * Pair keys are "u,v"; a token that is a decimal integer is an integer label. "u,v" and "v,u" both add
 * (dimod's from_ising/from_qubo). A QUBO key "a,a" is linear; in J it is a self-loop and refused.
 */

import { BinaryQuadraticModel, parseVartype } from '../bqm.js';
import { type Label, labelFromKeyToken, labelToKeyToken } from '../labels.js';
import { FieldReader, type JsonObject } from './json-fields.js';

const SIMPLE_KEYS = new Set(['vartype', 'h', 'J', 'Q', 'offset', 'info', 'variables']);

export function isSimpleModelJson(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const o = doc as JsonObject;
  return 'h' in o || 'J' in o || 'Q' in o || ('vartype' in o && !('type' in o));
}

function pairKey(key: string, field: string, r: FieldReader): [Label, Label] {
  const parts = key.split(',');
  if (parts.length !== 2 || parts[0]!.trim() === '' || parts[1]!.trim() === '')
    r.fail(field, `key ${JSON.stringify(key)} is not a pair "u,v" of two labels`);
  return [labelFromKeyToken(parts[0]!.trim()), labelFromKeyToken(parts[1]!.trim())];
}

export function bqmFromSimpleJson(doc: unknown, r: FieldReader = new FieldReader()): BinaryQuadraticModel {
  const o = r.object(doc, 'model');
  for (const k of Object.keys(o))
    if (!SIMPLE_KEYS.has(k))
      r.fail(k, `unknown key; the simple form has vartype, h, J (SPIN) or Q (BINARY), offset`);
  const vartype = 'vartype' in o ? parseVartype(o.vartype, 'vartype') : 'Q' in o ? 'BINARY' : 'SPIN';
  const offset = o.offset === undefined ? 0 : r.finite(o.offset, 'offset');
  const bqm = new BinaryQuadraticModel(vartype, offset);
  if (Array.isArray(o.variables))
    o.variables.forEach((v, k) => {
      if (typeof v !== 'number' && typeof v !== 'string') r.fail(`variables[${k}]`, 'expected a label');
      bqm.variables.addUnique(v, `variables[${k}]`);
      bqm.addVariable(v);
    });
  if (vartype === 'SPIN') {
    if ('Q' in o) r.fail('Q', 'a SPIN model takes h and J; Q belongs to "vartype": "BINARY"');
    if (o.h !== undefined)
      for (const [k, b] of Object.entries(r.object(o.h, 'h'))) {
        if (k.includes(',')) r.fail(`h.${k}`, 'a linear key is one label; put pairs in J');
        bqm.addLinear(labelFromKeyToken(k), r.finite(b, `h.${k}`));
      }
    if (o.J !== undefined)
      for (const [k, b] of Object.entries(r.object(o.J, 'J'))) {
        const [u, v] = pairKey(k, `J.${k}`, r);
        const bias = r.finite(b, `J.${k}`);
        if (labelToKeyToken(u) === labelToKeyToken(v) && typeof u === typeof v)
          r.fail(`J.${k}`, 'self-loop: an interaction needs two different variables');
        bqm.addQuadratic(u, v, bias);
      }
  } else {
    if ('h' in o || 'J' in o)
      r.fail('h' in o ? 'h' : 'J', 'a BINARY model takes Q; h and J belong to "vartype": "SPIN"');
    if (o.Q !== undefined)
      for (const [k, b] of Object.entries(r.object(o.Q, 'Q'))) {
        const [u, v] = pairKey(k, `Q.${k}`, r);
        const bias = r.finite(b, `Q.${k}`);
        if (labelToKeyToken(u) === labelToKeyToken(v) && typeof u === typeof v) bqm.addLinear(u, bias);
        else bqm.addQuadratic(u, v, bias);
      }
  }
  return bqm;
}

/** Writes the simple form (labels must be numbers or strings without commas). */
export function bqmToSimpleJson(bqm: BinaryQuadraticModel): Record<string, unknown> {
  const lab = (l: Label): string => {
    const t = labelToKeyToken(l);
    if (typeof l === 'object' || t.includes(','))
      throw new TypeError(`label ${t} cannot be written in the simple form`);
    return t;
  };
  if (bqm.vartype === 'SPIN') {
    const h: Record<string, number> = {};
    for (let i = 0; i < bqm.numVariables; i++) h[lab(bqm.variables.at(i))] = bqm.linearAt(i);
    const J: Record<string, number> = {};
    for (const [i, j, b] of bqm.interactions())
      J[`${lab(bqm.variables.at(i))},${lab(bqm.variables.at(j))}`] = b;
    return { vartype: 'SPIN', h, J, offset: bqm.offset };
  }
  const Q: Record<string, number> = {};
  for (let i = 0; i < bqm.numVariables; i++) {
    const l = lab(bqm.variables.at(i));
    Q[`${l},${l}`] = bqm.linearAt(i);
  }
  for (const [i, j, b] of bqm.interactions())
    Q[`${lab(bqm.variables.at(i))},${lab(bqm.variables.at(j))}`] = b;
  return { vartype: 'BINARY', Q, offset: bqm.offset };
}
