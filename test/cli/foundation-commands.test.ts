import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from '../helpers/cli.js';

const dir = tempFiles({
  'm.json':
    '{"vartype":"SPIN","h":{"a":0.3,"b":-0.2,"c":0.15},"J":{"a,b":-1.0,"b,c":0.5,"a,c":0.7},"offset":0.25}',
  'q.json': '{"vartype":"BINARY","Q":{"0,0":-1,"1,1":-1,"0,1":2,"1,0":0.5},"offset":0}',
  'nan.json': '{"vartype":"SPIN","h":{"a":NaN}}',
  'trunc.json': '{"vartype":"SPIN","h":{"a":1',
  'dup.json': '{"vartype":"SPIN","h":{"a":1,"a":1}}',
  'empty.json': '{"vartype":"SPIN"}',
  'big.json': JSON.stringify({
    vartype: 'SPIN',
    h: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [String(i), 1])),
  }),
});
const f = (name: string) => join(dir, name);

describe('qaxai ground / sample / energy', () => {
  it('ground: energy with offset, degeneracy, states', () => {
    const r = runCli(['ground', f('m.json'), '--json']);
    expect(r.code).toBe(0);
    const d = r.json<{ groundEnergy: number; degeneracy: number; groundStates: object[] }>();
    expect(d.groundEnergy).toBeCloseTo(-2, 12);
    expect(d.degeneracy).toBe(1);
    expect(d.groundStates).toEqual([{ a: 1, b: 1, c: -1 }]);
    const q = runCli(['ground', f('q.json'), '--json']).json<{ groundEnergy: number; degeneracy: number }>();
    expect(q).toMatchObject({ groundEnergy: -1, degeneracy: 2 });
  });

  it('sample --sampler exact writes a dimod SampleSet that energy re-checks', () => {
    const out = join(dir, 'ss.json');
    const r = runCli(['sample', f('m.json'), '--sampler', 'exact', '--json', '--out', out]);
    expect(r.code).toBe(0);
    const doc = r.json<Record<string, unknown>>();
    expect(doc.type).toBe('SampleSet');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(doc);
    const e = runCli(['energy', f('m.json'), out, '--json']).json<{
      energies: number[];
      mismatches: unknown[];
    }>();
    expect(e.energies).toHaveLength(8);
    expect(e.mismatches).toEqual([]);
  });

  it('energy names the rows whose stored energy is wrong, and unknown variables', () => {
    const doc = runCli(['sample', f('m.json'), '--sampler', 'exact', '--json']).json<{
      vectors: { energy: { data: number[] } };
      variable_labels: unknown[];
    }>();
    doc.vectors.energy.data[3]! += 0.5;
    const d2 = tempFiles({ 'bad.json': JSON.stringify(doc) });
    const bad = runCli(['energy', f('m.json'), join(d2, 'bad.json'), '--json']);
    // the report on stdout, and exit 1: a recorded energy disagrees with the model
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/1 of 8 rows have a stored energy that differs/);
    const e = bad.json<{ mismatches: Array<{ row: number }> }>();
    expect(e.mismatches.map((m) => m.row)).toEqual([3]);
    doc.variable_labels[0] = 'zz';
    const d3 = tempFiles({ 'bad.json': JSON.stringify(doc) });
    const r = runCli(['energy', f('m.json'), join(d3, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no column for model variable "a"/);
  });

  it.each([
    ['nan.json', /h\.a: expected a finite number, found NaN/],
    ['trunc.json', /truncated/],
    ['dup.json', /duplicate key "a"/],
    ['empty.json', /no variables/],
    ['missing.json', /no such file/],
    ['big.json', /41 variables/],
  ])('bad input %s exits 2 with a message naming it', (name, msg) => {
    const r = runCli(['ground', f(name), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    // with --json the error is also the one JSON document on stdout
    expect(JSON.parse(r.stdout).error.message).toMatch(msg);
  });

  it('usage errors exit 2, help exits 0, unknown sampler and parameters are named', () => {
    expect(runCli(['--help']).code).toBe(0);
    expect(runCli(['ground', '--help']).code).toBe(0);
    expect(runCli(['nope', '--help']).code).toBe(2);
    expect(runCli(['ground']).code).toBe(2);
    const s = runCli(['sample', f('m.json'), '--sampler', 'magic']);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/unknown sampler "magic"; available: exact/);
    const p = runCli(['sample', f('m.json'), '--sampler', 'exact', '--num-sweeps', '5']);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/--num-sweeps: the exact sampler has no such parameter/);
    const n = runCli(['sample', f('m.json'), '--sampler', 'exact', '--num-states', '0']);
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/--num-states: 0 must be ≥ 1/);
  });
});
