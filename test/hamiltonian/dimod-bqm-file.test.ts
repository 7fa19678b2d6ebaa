/**
 * dimod's binary BQM file (bqm.to_file(), DIMODBQM 1.0 / 2.0). The reference files are assembled here by hand,
 * part by part as dimod 0.12's to_file writes them (make_header: magic, version, u32 header length, the
 * json.dumps(sort_keys=True) header + "\n" space-padded to 64 bytes; the offset; (start, bias) per variable;
 * each neighbourhood ascending as (index, bias); VariablesSection: "VARS", u32 length, json.dumps(labels)
 * space-padded to 64 bytes), independently of the implementation, and compared byte for byte.
 */

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { QaError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { bqmFromDimodFile, bqmToDimodFile } from '../../src/hamiltonian/io/dimod-bqm-file.js';
import { modelFromBytes } from '../../src/hamiltonian/io/model-file.js';
import type { Label } from '../../src/hamiltonian/labels.js';
import { randomBqm } from '../helpers/random-models.js';

/** Little-endian byte builders. */
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const num = (set: (d: DataView) => void, size: number) => {
  const d = new DataView(new ArrayBuffer(size));
  set(d);
  return [...new Uint8Array(d.buffer)];
};
const u32 = (v: number) => num((d) => d.setUint32(0, v, true), 4);
const i32 = (v: number) => num((d) => d.setInt32(0, v, true), 4);
const u64 = (v: number) => num((d) => d.setBigUint64(0, BigInt(v), true), 8);
const f64 = (v: number) => num((d) => d.setFloat64(0, v, true), 8);
const f32 = (v: number) => num((d) => d.setFloat32(0, v, true), 4);
const spaces = (n: number) => ascii(' '.repeat(n));
const bytes = (...parts: number[][]) => new Uint8Array(parts.flat());
/** Magic, version, header length and the header text padded with spaces to `length` bytes. */
const head = (major: number, length: number, header: string) => [
  ...ascii('DIMODBQM'),
  major,
  0,
  ...u32(length),
  ...ascii(header),
  ...spaces(length - header.length),
];

function sameModel(a: BinaryQuadraticModel, b: BinaryQuadraticModel): void {
  expect(b.vartype).toBe(a.vartype);
  expect(b.offset).toBe(a.offset);
  expect(b.variables.toArray()).toEqual(a.variables.toArray());
  for (const l of a.variables) expect(b.getLinear(l)).toBe(a.getLinear(l));
  expect(b.numInteractions).toBe(a.numInteractions);
  for (const [i, j, w] of a.interactions())
    expect(b.getQuadratic(a.variables.at(i), a.variables.at(j))).toBe(w);
}

/** {'x','y'} BINARY with Q = {('x','y'): -1}: the serialized file D-Wave's SAPI REST documentation shows. */
const XY_HEADER =
  '{"dtype": "float64", "itype": "int32", "ntype": "int32", "shape": [2, 1], "type": "BinaryQuadraticModel", "variables": true, "vartype": "BINARY"}\n';
const XY_FILE = bytes(
  ascii('DIMODBQM'),
  [2, 0],
  u32(0xb2), // 145 + 1 header bytes and 32 spaces: 14 + 178 = 192 = 3 · 64
  ascii(XY_HEADER),
  spaces(32),
  f64(0), // offset
  i32(0),
  f64(0), // x: neighbourhood from 0, bias 0
  i32(1),
  f64(0), // y: neighbourhood from 1, bias 0
  i32(1),
  f64(-1), // x's neighbourhood: y, −1
  i32(0),
  f64(-1), // y's neighbourhood: x, −1
  ascii('VARS'),
  u32(56),
  ascii('["x", "y"]'),
  spaces(46), // 8 + 56 = 64
);

describe("dimod's binary BQM file (DIMODBQM)", () => {
  it('writes the documented {xy: -1} example byte for byte and reads it back', () => {
    expect(XY_FILE.length).toBe(192 + 8 + 24 + 24 + 64);
    const bqm = BinaryQuadraticModel.fromQubo([[['x', 'y'], -1]]);
    expect(bqmToDimodFile(bqm)).toEqual(XY_FILE);
    sameModel(bqm, bqmFromDimodFile(XY_FILE));
    expect(modelFromBytes(XY_FILE).format).toBe('dimod-binary');
  });

  it('reads a file written by an older dimod (version 1.0, AdjVectorBQM, uint32/uint64 indices)', () => {
    // BinaryQuadraticModel(np.triu(np.arange(25).reshape((5, 5))), 'BINARY') as dimod 0.9's FileView wrote it:
    // dimod's own test file tests/data/fileview/5x5_v1.bqm, whose SHA-256 is checked below
    const header =
      '{"dtype": "float64", "itype": "uint32", "ntype": "uint64", "shape": [5, 10], "type": "AdjVectorBQM", "variables": [0, 1, 2, 3, 4], "vartype": "BINARY"}\n';
    const Q = (i: number, j: number) => 5 * i + j;
    const neighbourhood = (i: number) =>
      [0, 1, 2, 3, 4]
        .filter((j) => j !== i)
        .flatMap((j) => [...u32(j), ...f64(Q(Math.min(i, j), Math.max(i, j)))]);
    const file = bytes(
      head(1, 162, header),
      f64(0),
      ...[0, 1, 2, 3, 4].flatMap((i) => [u64(4 * i), f64(Q(i, i))]),
      ...[0, 1, 2, 3, 4].map(neighbourhood),
    );
    expect(createHash('sha256').update(file).digest('hex')).toBe(
      '4c4aced4424f7c1d6776f7ed10864907bcf57a6a88b4f45ea470646c9166dc7f',
    );
    const bqm = bqmFromDimodFile(file);
    expect(bqm.vartype).toBe('BINARY');
    expect(bqm.variables.toArray()).toEqual([0, 1, 2, 3, 4]);
    expect([0, 1, 2, 3, 4].map((i) => bqm.getLinear(i))).toEqual([0, 6, 12, 18, 24]);
    expect(bqm.numInteractions).toBe(10);
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) expect(bqm.getQuadratic(i, j)).toBe(Q(i, j));
  });

  /** Labels [7, 2, 100, -3, 42], SPIN, offset 1.5: h = 1, −0.5, 0.25, 0.1, −1; J(7,2) = −1, J(100,−3) = 0.5, J(42,7) = 0.3. */
  const ORDERED = () => {
    const bqm = new BinaryQuadraticModel('SPIN', 1.5);
    for (const [l, h] of [
      [7, 1],
      [2, -0.5],
      [100, 0.25],
      [-3, 0.1],
      [42, -1],
    ] as const)
      bqm.addLinear(l, h);
    bqm.addQuadratic(7, 2, -1);
    bqm.addQuadratic(100, -3, 0.5);
    bqm.addQuadratic(42, 7, 0.3);
    return bqm;
  };
  /** Offset, (start, bias) per variable and the neighbourhoods (by index: 0–1, 2–3, 0–4) of ORDERED. */
  const ORDERED_BODY = [
    f64(1.5),
    ...[
      [0, 1],
      [2, -0.5],
      [3, 0.25],
      [4, 0.1],
      [5, -1],
    ].flatMap(([s, h]) => [i32(s!), f64(h!)]),
    ...[
      [1, -1],
      [4, 0.3], // 7: 2, 42
      [0, -1], // 2: 7
      [3, 0.5], // 100: −3
      [2, 0.5], // −3: 100
      [0, 0.3], // 42: 7
    ].flatMap(([j, b]) => [i32(j!), f64(b!)]),
  ];

  it('version 2.0 keeps integer labels in their order in a VARS section', () => {
    const header =
      '{"dtype": "float64", "itype": "int32", "ntype": "int32", "shape": [5, 3], "type": "BinaryQuadraticModel", "variables": true, "vartype": "SPIN"}\n';
    const vars = '[7, 2, 100, -3, 42]';
    const file = bytes(
      head(2, 178, header),
      ...ORDERED_BODY,
      ascii('VARS'),
      u32(56),
      ascii(vars),
      spaces(56 - vars.length),
    );
    expect(bqmToDimodFile(ORDERED())).toEqual(file);
    const back = bqmFromDimodFile(file);
    expect(back.variables.toArray()).toEqual([7, 2, 100, -3, 42]);
    sameModel(ORDERED(), back);
  });

  it('version 1.0 lists the labels in the header', () => {
    const header =
      '{"dtype": "float64", "itype": "int32", "ntype": "int32", "shape": [5, 3], "type": "BinaryQuadraticModel", "variables": [7, 2, 100, -3, 42], "vartype": "SPIN"}\n';
    const file = bytes(head(1, 178, header), ...ORDERED_BODY);
    expect(bqmToDimodFile(ORDERED(), { version: 1 })).toEqual(file);
    sameModel(ORDERED(), bqmFromDimodFile(file));
  });

  it('labels 0…n−1 in order need no VARS section', () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        [0, 0.5],
        [1, -2],
      ],
      [[[1, 0], 3]],
    );
    const header =
      '{"dtype": "float64", "itype": "int32", "ntype": "int32", "shape": [2, 1], "type": "BinaryQuadraticModel", "variables": false, "vartype": "SPIN"}\n';
    const file = bytes(
      head(2, 178, header),
      f64(0),
      i32(0),
      f64(0.5),
      i32(1),
      f64(-2),
      i32(1),
      f64(3),
      i32(0),
      f64(3),
    );
    expect(bqmToDimodFile(bqm)).toEqual(file);
    sameModel(bqm, bqmFromDimodFile(file));
    // the same labels in another order are not a range: they are written
    const swapped = BinaryQuadraticModel.fromIsing(
      [
        [1, -2],
        [0, 0.5],
      ],
      [],
    );
    const text = new TextDecoder().decode(bqmToDimodFile(swapped));
    expect(text).toContain('"variables": true');
    expect(text).toContain('VARS');
    expect(text).toContain('[1, 0]');
  });

  it("writes labels as Python's json.dumps does: strings escaped to ASCII, tuples as lists, floats as repr", () => {
    const labels: Label[] = ['z', 'é😀"\\\n', [0, 'a'], 0.5, 1e-5, -3];
    const bqm = new BinaryQuadraticModel('BINARY');
    labels.forEach((l, i) => bqm.addLinear(l, i));
    const file = bqmToDimodFile(bqm);
    const vars = '["z", "\\u00e9\\ud83d\\ude00\\"\\\\\\n", [0, "a"], 0.5, 1e-05, -3]';
    const at = file.length - 64 * Math.ceil((8 + vars.length) / 64);
    expect([...file.subarray(at)]).toEqual([
      ...ascii('VARS'),
      ...u32(64 * Math.ceil((8 + vars.length) / 64) - 8),
      ...ascii(vars),
      ...spaces(64 * Math.ceil((8 + vars.length) / 64) - 8 - vars.length),
    ]);
    const back = bqmFromDimodFile(file);
    expect(back.variables.toArray()).toEqual(labels);
  });

  it('reads float32 biases and int64 indices', () => {
    const header =
      '{"dtype": "float32", "itype": "int64", "ntype": "int64", "shape": [2, 1], "type": "BinaryQuadraticModel", "variables": false, "vartype": "SPIN"}\n';
    const i64 = (v: number) => num((d) => d.setBigInt64(0, BigInt(v), true), 8);
    const file = bytes(
      head(2, 178, header),
      f32(0.25),
      i64(0),
      f32(0.5),
      i64(1),
      f32(-1.5),
      i64(1),
      f32(0.1),
      i64(0),
      f32(0.1),
    );
    const bqm = bqmFromDimodFile(file);
    expect(bqm.offset).toBe(0.25);
    expect([bqm.getLinear(0), bqm.getLinear(1)]).toEqual([0.5, -1.5]);
    expect(bqm.getQuadratic(0, 1)).toBe(Math.fround(0.1));
  });

  it('round-trips random models in both versions, variables in order', () => {
    for (const seed of [1, 2, 3]) {
      const labels = (i: number) => [5, 'b', 3, 'a', 0, 'x', 12, 1, 'é', 99][i]!;
      for (const bqm of [
        randomBqm(10, 0.5, seed, 'SPIN', { labels }),
        randomBqm(10, 0.3, seed, 'BINARY'),
        randomBqm(1, 0, seed),
      ])
        for (const version of [1, 2] as const)
          sameModel(bqm, bqmFromDimodFile(bqmToDimodFile(bqm, { version })));
    }
  });

  describe('refuses damaged files, naming the part at fault', () => {
    const message = (file: Uint8Array): string => {
      try {
        bqmFromDimodFile(file, 'm.bqm');
      } catch (e) {
        expect(e).toBeInstanceOf(QaError);
        expect((e as QaError).exitCode).toBe(2);
        return (e as Error).message;
      }
      throw new Error('read without an error');
    };
    const edit = (at: number, values: number[]) => {
      const f = XY_FILE.slice();
      f.set(values, at);
      return f;
    };
    const BODY = 192;

    it.each([
      [
        'a truncated body',
        () => XY_FILE.subarray(0, 230),
        /m\.bqm: neighbourhood\[0\]\[0\]\.bias: the file ends at byte 230/,
      ],
      ['a truncated header', () => XY_FILE.subarray(0, 40), /m\.bqm: header: the file ends at byte 40/],
      ['version 3', () => edit(8, [3, 0]), /version: file version 3\.0/],
      [
        'a neighbour out of range',
        () => edit(BODY + 32, i32(7)),
        /neighbourhood\[0\]\[0\]\.index: neighbour 7 of variable 0/,
      ],
      ['a self-loop', () => edit(BODY + 32, i32(0)), /neighbour 0 of variable 0/],
      [
        'copies that disagree',
        () => edit(BODY + 48, f64(-2)),
        /the interaction \(0, 1\) is -2 here but -1 at variable 0/,
      ],
      ['a NaN bias', () => edit(BODY + 12, f64(Number.NaN)), /linear\[0\]\.bias: is NaN/],
      [
        'a missing VARS section',
        () => XY_FILE.subarray(0, 248),
        /variables section: the file ends at byte 248/,
      ],
      [
        'too few labels',
        () => edit(256, ascii('["x"]     ')),
        /variables section: lists 1 labels for 2 variables/,
      ],
      [
        'duplicate labels',
        () => edit(256, ascii('["x", "x"]')),
        /variables section\[1\]: duplicate variable "x"/,
      ],
      ['a non-ASCII header', () => edit(20, [0xc3, 0xa9]), /header: byte 20 is not ASCII/],
      [
        'an unknown dtype',
        () => edit(25, ascii('int64"  ')),
        /header\.dtype: "int64" is not one of float32, float64/,
      ],
    ])('%s', (_what, file, expected) => {
      expect(message(file())).toMatch(expected);
    });

    it('neighbourhood starts that do not add up', () => {
      expect(message(edit(BODY + 20, i32(3)))).toMatch(
        /linear\[1\]\.start: is 3; the neighbourhood starts rise from 0 to at most 2/,
      );
      expect(message(edit(BODY + 8, i32(1)))).toMatch(/linear\[0\]\.start: is 1/);
    });

    it("dimod's other model files and an empty model", () => {
      expect(() => modelFromBytes(new Uint8Array([...ascii('DIMODCQM'), 1, 0]), 'c.cqm')).toThrow(
        /c\.cqm: a dimod ConstrainedQuadraticModel file \(DIMODCQM\)/,
      );
      expect(() => modelFromBytes(bqmToDimodFile(new BinaryQuadraticModel('SPIN')), 'e.bqm')).toThrow(
        /e\.bqm: the model has no variables/,
      );
    });
  });
});
