/**
 * The simple JSON model form of cli.md:
 *   {"vartype":"SPIN","h":{"a":1.0},"J":{"a,b":-1.0},"offset":0}
 *   {"vartype":"BINARY","Q":{"a,b":2.0,"a,a":-1},"offset":0}
 * `vartype` is required ("SPIN" with h and J, "BINARY" with Q). Keys of h are one label, keys of J and Q a pair
 * "u,v"; every label token is trimmed of surrounding whitespace (one rule for h, J and Q, so "a " and "a" are
 * one variable, and two h keys that trim to one label are refused), and a token that is a decimal integer is
 * an integer label. "u,v" and "v,u" both add (dimod's from_ising/from_qubo). A QUBO key "a,a" is linear; in J
 * it is a self-loop and refused. Variables are numbered in the order they first appear: `variables` (if given),
 * then the keys of h, J or Q as written (not JavaScript's order, which would list integer keys first).
 */

import { ModelError } from '../../errors.js';
import { orderedEntries } from '../../util/json-key-order.js';
import { BinaryQuadraticModel, parseVartype } from '../bqm.js';
import { keyedObject, labelJsonKeys } from '../label-json.js';
import { formatLabel, jsonLabelProblem, type Label, labelFromKeyToken, labelKey } from '../labels.js';
import { FieldReader, type JsonObject } from './json-fields.js';

const SIMPLE_KEYS = new Set(['vartype', 'h', 'J', 'Q', 'offset', 'info', 'variables']);

export function isSimpleModelJson(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const o = doc as JsonObject;
  return 'h' in o || 'J' in o || 'Q' in o || ('vartype' in o && !('type' in o));
}

/** One label token of a key, trimmed; empty tokens are refused naming `field`. */
function labelToken(token: string, key: string, field: string, r: FieldReader): Label {
  const t = token.trim();
  if (t === '') r.fail(field, `key ${JSON.stringify(key)} has an empty label`);
  return labelFromKeyToken(t, field);
}

function pairKey(key: string, field: string, r: FieldReader): [Label, Label] {
  const parts = key.split(',');
  if (parts.length !== 2) r.fail(field, `key ${JSON.stringify(key)} is not a pair "u,v" of two labels`);
  return [labelToken(parts[0]!, key, field, r), labelToken(parts[1]!, key, field, r)];
}

export function bqmFromSimpleJson(doc: unknown, r: FieldReader = new FieldReader()): BinaryQuadraticModel {
  const o = r.object(doc, 'model');
  for (const k of Object.keys(o))
    if (!SIMPLE_KEYS.has(k))
      r.fail(k || '""', `unknown key; the simple form has vartype, h, J (SPIN) or Q (BINARY), offset`);
  if (!('vartype' in o))
    r.fail(
      'vartype',
      `missing; the simple form says what its variables are: "vartype": "SPIN" (±1, with h and J) or "BINARY" (0/1, with Q)`,
    );
  const vartype = parseVartype(o.vartype, 'vartype');
  const offset = o.offset === undefined ? 0 : r.finite(o.offset, 'offset');
  const bqm = new BinaryQuadraticModel(vartype, offset);
  if (Array.isArray(o.variables))
    o.variables.forEach((v, k) => {
      if (typeof v !== 'number' && typeof v !== 'string')
        r.fail(`variables[${k}]`, 'expected a label (a number or a string)');
      const problem = jsonLabelProblem(v);
      if (problem) r.fail(`variables[${k}]`, problem);
      bqm.variables.addUnique(v, `variables[${k}]`);
      bqm.addVariable(v);
    });
  if (vartype === 'SPIN') {
    if ('Q' in o) r.fail('Q', 'a SPIN model takes h and J; Q belongs to "vartype": "BINARY"');
    if (o.h !== undefined) {
      const keyOf = new Map<string | number, string>();
      for (const [k, b] of orderedEntries(r.object(o.h, 'h'))) {
        if (k.includes(',')) r.fail(`h.${k}`, 'a linear key is one label; put pairs in J');
        const l = labelToken(k, k, `h.${k}`, r);
        const before = keyOf.get(labelKey(l));
        if (before !== undefined)
          r.fail(
            `h.${k}`,
            `keys ${JSON.stringify(before)} and ${JSON.stringify(k)} are the same label once trimmed; give each variable one key`,
          );
        keyOf.set(labelKey(l), k);
        bqm.addLinear(l, r.finite(b, `h.${k}`));
      }
    }
    if (o.J !== undefined)
      for (const [k, b] of orderedEntries(r.object(o.J, 'J'))) {
        const [u, v] = pairKey(k, `J.${k}`, r);
        const bias = r.finite(b, `J.${k}`);
        if (labelKey(u) === labelKey(v))
          r.fail(`J.${k}`, 'self-loop: an interaction needs two different variables');
        bqm.addQuadratic(u, v, bias);
      }
  } else {
    if ('h' in o || 'J' in o)
      r.fail('h' in o ? 'h' : 'J', 'a BINARY model takes Q; h and J belong to "vartype": "SPIN"');
    if (o.Q !== undefined)
      for (const [k, b] of orderedEntries(r.object(o.Q, 'Q'))) {
        const [u, v] = pairKey(k, `Q.${k}`, r);
        const bias = r.finite(b, `Q.${k}`);
        if (labelKey(u) === labelKey(v)) bqm.addLinear(u, bias);
        else bqm.addQuadratic(u, v, bias);
      }
  }
  return bqm;
}

function readsBackAs(token: string, label: Label): boolean {
  try {
    return labelKey(labelFromKeyToken(token)) === labelKey(label);
  } catch {
    return false; // an integer-looking string past 2^53
  }
}

/**
 * Writes the simple form. Every label must read back as itself: integers (safe) and strings without commas,
 * surrounding whitespace or the look of an integer ("7" would read back as the integer 7); others are a
 * ModelError naming the label (write dimod JSON instead, which keeps any label).
 */
export function bqmToSimpleJson(bqm: BinaryQuadraticModel): Record<string, unknown> {
  const labels = bqm.variables.toArray();
  const keys = labelJsonKeys(labels, 'variables');
  keys.forEach((t, i) => {
    const l = labels[i]!;
    if (typeof l === 'object' || t.includes(',') || t.trim() !== t || t === '' || !readsBackAs(t, l))
      throw new ModelError(
        `label ${formatLabel(l)} cannot be written in the simple form (it would not read back as itself); write dimod JSON instead`,
        { field: 'variables' },
      );
  });
  const pairs = (diagonal: boolean) => {
    const out: { [pair: string]: number } = Object.create(null);
    if (diagonal) keys.forEach((k, i) => (out[`${k},${k}`] = bqm.linearAt(i)));
    for (const [i, j, b] of bqm.interactions()) out[`${keys[i]},${keys[j]}`] = b;
    return out;
  };
  if (bqm.vartype === 'SPIN')
    return {
      vartype: 'SPIN',
      h: keyedObject(keys, (i) => bqm.linearAt(i)),
      J: pairs(false),
      offset: bqm.offset,
    };
  return { vartype: 'BINARY', Q: pairs(true), offset: bqm.offset };
}
