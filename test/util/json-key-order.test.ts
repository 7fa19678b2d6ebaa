import { describe, expect, it } from 'vitest';
import { keyedObject } from '../../src/hamiltonian/label-json.js';
import { orderedEntries, orderedKeys, recordKeyOrder, stringifyJson } from '../../src/util/json-key-order.js';
import { parseStrictJson } from '../../src/util/strict-json.js';

const TEXT = '{"7":1,"2":2,"100":3,"-3":4,"42":5}';

describe('JSON object key order', () => {
  it('the strict reader keeps the written order of integer-like keys', () => {
    const o = parseStrictJson(TEXT) as Record<string, number>;
    expect(Object.keys(o)).toEqual(['2', '7', '42', '100', '-3']); // JavaScript's own order
    expect(orderedKeys(o)).toEqual(['7', '2', '100', '-3', '42']);
    expect(orderedEntries(o)).toEqual([
      ['7', 1],
      ['2', 2],
      ['100', 3],
      ['-3', 4],
      ['42', 5],
    ]);
    expect(stringifyJson(o)).toBe(TEXT);
    // nested, pretty, and inside arrays
    const doc = parseStrictJson(`{"a":[${TEXT}],"b":{"z":${TEXT}}}`);
    expect(stringifyJson(doc)).toBe(`{"a":[${TEXT}],"b":{"z":${TEXT}}}`);
    expect(stringifyJson(o, 2)).toBe('{\n  "7": 1,\n  "2": 2,\n  "100": 3,\n  "-3": 4,\n  "42": 5\n}');
  });

  it('records nothing where JavaScript already lists the keys in their order', () => {
    for (const text of ['{"a":1,"b":2}', '{"1":1,"2":2,"x":3}', '{}'])
      expect(Object.getOwnPropertySymbols(parseStrictJson(text) as object)).toEqual([]);
    expect(Object.getOwnPropertySymbols(parseStrictJson('{"x":1,"2":2}') as object)).toHaveLength(1);
  });

  it('the recorded order is invisible to Object.keys, spreads, equality and structuredClone', () => {
    const o = parseStrictJson(TEXT) as Record<string, number>;
    expect(o).toEqual({ 2: 2, 7: 1, 42: 5, 100: 3, '-3': 4 });
    expect({ ...o }).toEqual({ 2: 2, 7: 1, 42: 5, 100: 3, '-3': 4 });
    expect(structuredClone(o)).toEqual({ ...o });
    expect(JSON.stringify(o)).toBe('{"2":2,"7":1,"42":5,"100":3,"-3":4}');
  });

  it('keys added or deleted after reading: the recorded ones in order, new ones after', () => {
    const o = parseStrictJson(TEXT) as Record<string, number>;
    delete o['100'];
    o['1'] = 9;
    o.w = 8;
    expect(orderedKeys(o)).toEqual(['7', '2', '-3', '42', '1', 'w']);
    expect(stringifyJson(o)).toBe('{"7":1,"2":2,"-3":4,"42":5,"1":9,"w":8}');
  });

  it('label-keyed objects are written in the labels’ order; NaN as null as JSON.stringify does', () => {
    const o = keyedObject(['7', '2', '__proto__', '-3'], (i) => [1, Number.NaN, 3, 4][i]!);
    expect(stringifyJson(o)).toBe('{"7":1,"2":null,"__proto__":3,"-3":4}');
    expect(stringifyJson({ x: [recordKeyOrder({ 2: 'b', 1: 'a' }, ['2', '1'])] }, 1)).toBe(
      '{\n "x": [\n  {\n   "2": "b",\n   "1": "a"\n  }\n ]\n}',
    );
  });
});
