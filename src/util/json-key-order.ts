/**
 * The written order of a JSON object's keys, which JavaScript objects do not keep: they list keys that are array
 * indices ("0", "7", "42") first, ascending, then the other keys in insertion order, so `{"7":…,"2":…,"-3":…}`
 * iterates as 2, 7, -3. Python's dicts (and so dimod, minorminer and json.dumps) keep insertion order.
 *
 * An object whose intended order differs from JavaScript's carries that order in a hidden, non-enumerable symbol
 * property ({@link recordKeyOrder}; the strict JSON reader and the label-keyed writers set it), which
 * Object.keys, spreads, JSON.stringify and structuredClone ignore. {@link orderedKeys} / {@link orderedEntries}
 * read it back and {@link stringifyJson} writes objects in that order.
 */

const KEY_ORDER = Symbol('json key order');

/** Whether JavaScript lists `key` ahead of other keys: a canonical decimal integer below 2^32 − 1. */
function isArrayIndex(key: string): boolean {
  return /^(0|[1-9][0-9]{0,9})$/.test(key) && Number(key) < 4294967295;
}

/** Whether JavaScript's own order of keys written in `keys` order would differ from it. */
function orderDiffers(keys: Iterable<string>): boolean {
  let lastIndex = -1;
  let sawOther = false;
  for (const k of keys) {
    if (!isArrayIndex(k)) sawOther = true;
    else {
      const n = Number(k);
      if (sawOther || n <= lastIndex) return true;
      lastIndex = n;
    }
  }
  return false;
}

/**
 * Records that `o`'s keys are meant in the order of `keys` (all of them, each once). Nothing is stored when
 * JavaScript's order is already that one. Returns `o`.
 */
export function recordKeyOrder<T extends object>(o: T, keys: Iterable<string>): T {
  if (orderDiffers(keys))
    Object.defineProperty(o, KEY_ORDER, { value: [...keys], configurable: true, enumerable: false });
  return o;
}

/**
 * The own enumerable string keys of `o` in their recorded order (keys added after the recording follow in
 * JavaScript's order; deleted ones are left out), or Object.keys(o) when none was recorded.
 */
export function orderedKeys(o: object): string[] {
  const keys = Object.keys(o);
  const recorded = (o as { [KEY_ORDER]?: string[] })[KEY_ORDER];
  if (recorded === undefined) return keys;
  const present = new Set(keys);
  const out = recorded.filter((k) => present.has(k));
  if (out.length === keys.length) return out;
  const listed = new Set(out);
  for (const k of keys) if (!listed.has(k)) out.push(k);
  return out;
}

/** Object.entries in the recorded key order ({@link orderedKeys}). */
export function orderedEntries<T>(o: { readonly [key: string]: T }): [string, T][] {
  return orderedKeys(o).map((k) => [k, o[k]!]);
}

/**
 * A JSON.stringify replacer that writes objects with a recorded key order in that order (JSON.stringify lists an
 * object's keys through its [[OwnPropertyKeys]], which a Proxy's ownKeys trap answers in the order it returns).
 */
export function keyOrderReplacer(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, KEY_ORDER)) return value;
  const keys = orderedKeys(value);
  return new Proxy(value, { ownKeys: (t) => [...keys, ...Object.getOwnPropertySymbols(t)] });
}

/**
 * JSON.stringify that keeps recorded key orders, with non-finite numbers written as null (JSON has no NaN;
 * JSON.stringify does the same) and `indent` spaces when given.
 */
export function stringifyJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, keyOrderReplacer, indent);
}
