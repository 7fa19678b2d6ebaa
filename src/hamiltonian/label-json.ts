/**
 * Label-keyed JSON objects (`{"a": 1, "3": -1}`), as dimod and minorminer write samples, chain strengths and
 * embeddings. A label's key is {@link labelToKeyToken}; two labels with one key (the integer 1 and the string
 * "1", the tuple [0, 1] and the string "[0,1]") cannot both be written, so they are refused naming both rather
 * than one silently overwriting the other. The objects have no prototype, so a label "__proto__" is an
 * ordinary key that JSON.stringify writes, and they carry the labels' order (../util/json-key-order.ts), so
 * stringifyJson writes `{"7": …, "2": …}` in the model's order, not JavaScript's.
 */

import { ModelError } from '../errors.js';
import { recordKeyOrder } from '../util/json-key-order.js';
import { formatLabel, type Label, labelToKeyToken } from './labels.js';

/** The JSON key of each label, in order; a ModelError naming `field` and both labels when two keys collide. */
export function labelJsonKeys(labels: Iterable<Label>, field = 'variables'): string[] {
  const owner = new Map<string, Label>();
  const keys: string[] = [];
  for (const l of labels) {
    const key = labelToKeyToken(l);
    const other = owner.get(key);
    if (other !== undefined)
      throw new ModelError(
        `${field}: variables ${formatLabel(other)} and ${formatLabel(l)} would both be written as the JSON key ` +
          `${JSON.stringify(key)}; relabel one of them so that every label has its own key`,
        { field },
      );
    owner.set(key, l);
    keys.push(key);
  }
  return keys;
}

/** A prototype-free object with `keys[i]` → `value(i)`, keys in that order (keys from {@link labelJsonKeys}). */
export function keyedObject<T>(keys: readonly string[], value: (i: number) => T): { [key: string]: T } {
  const out: { [key: string]: T } = Object.create(null);
  keys.forEach((k, i) => {
    out[k] = value(i);
  });
  return recordKeyOrder(out, keys);
}

/** {@link keyedObject} over labels: `{label: value(i)}`, refusing colliding keys. */
export function labelKeyedObject<T>(
  labels: readonly Label[],
  value: (i: number) => T,
  field?: string,
): { [key: string]: T } {
  return keyedObject(labelJsonKeys(labels, field), value);
}
