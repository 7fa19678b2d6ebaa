import { describe, expect, it } from 'vitest';
import { pythonFloatRepr, pythonJsonDumps } from '../../src/hamiltonian/io/python-json.js';

describe("Python's json.dumps text", () => {
  it.each([
    [0.5, '0.5'],
    [2, '2.0'],
    [-2.5e-7, '-2.5e-07'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [123.456, '123.456'],
    [1234567890123456.8, '1234567890123456.8'],
    [1.5e16, '1.5e+16'],
    [1e22, '1e+22'],
    [0.1 + 0.2, '0.30000000000000004'],
    [5e-324, '5e-324'],
  ])('repr(%s) = %s', (x, text) => {
    expect(pythonFloatRepr(x)).toBe(text);
  });

  it('writes separators, escapes and numbers as json.dumps does', () => {
    expect(pythonJsonDumps({ a: [1, 'b', null, true], é: { x: 0.5 } })).toBe(
      '{"a": [1, "b", null, true], "\\u00e9": {"x": 0.5}}',
    );
    expect(pythonJsonDumps('"\\/\b\f\n\r\t\u0001\u007f😀')).toBe(
      '"\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u007f\\ud83d\\ude00"',
    );
    expect(pythonJsonDumps([-3, 2 ** 53 - 1, 2 ** 53, 1e22])).toBe(
      '[-3, 9007199254740991, 9007199254740992.0, 1e+22]',
    );
    expect(() => pythonJsonDumps(Number.NaN)).toThrow(RangeError);
  });
});
