import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from '../helpers/cli.js';
import { CALIBRATION } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON documents, read field by field
type Json = any;

const instance = join(CALIBRATION, 'instances', 'Pegasus-Lattice_Size-2_00031.json');
const logical = JSON.stringify({
  vartype: 'SPIN',
  h: { a: 0.5 },
  J: { 'a,b': -1, 'b,c': -1, 'a,c': 1, 'c,d': -1 },
});
const quick = ['--x-num-sweeps', '100', '--x-trotter-slices', '8'];

describe('qaxai sample --sampler qpu-sim', () => {
  it('samples a bqpjson instance on Advantage_system4.1 qubits directly', () => {
    const r = runCli([
      'sample',
      instance,
      '--sampler',
      'qpu-sim',
      '--num-reads',
      '12',
      '--annealing-time',
      '62.5',
      '--auto-scale',
      'false',
      '--num-spin-reversal-transforms',
      '3',
      '--seed',
      '1',
      ...quick,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = r.json<Json>();
    expect(d.type).toBe('SampleSet');
    expect(d.info.embedding_mode).toBe('direct');
    expect(d.info.solver).toBe('Advantage_system4.1');
    expect(d.variable_labels).toEqual(JSON.parse(readFileSync(instance, 'utf8')).variable_ids);
    expect(d.vectors.num_occurrences.data.reduce((a: number, b: number) => a + b, 0)).toBe(12);
    expect(d.info.timing.qpu_anneal_time_per_sample).toBe(62.5);
    expect(d.info.parameters.num_spin_reversal_transforms).toBe(3);
    expect(typeof d.info.problem_id).toBe('string');
  });

  it('embeds logical problems, or samples through --embedding FILE; --no-embed refuses them', () => {
    const dir = tempFiles({
      'm.json': logical,
      'e.json': JSON.stringify({ a: [0], b: [4], c: [1, 5], d: [13] }),
    });
    const auto = runCli([
      'sample',
      join(dir, 'm.json'),
      '--sampler',
      'qpu-sim',
      '--solver',
      'DW_2000Q_6',
      '--num-reads',
      '5',
      '--seed',
      '2',
      ...quick,
      '--json',
    ]);
    expect(auto.code).toBe(0);
    const a = auto.json<Json>();
    expect(a.variable_labels).toEqual(['a', 'b', 'c', 'd']);
    expect(a.info.embedding_mode).toBe('embedded');
    expect(a.vectors.chain_break_fraction).toBeDefined();
    const fixed = runCli([
      'sample',
      join(dir, 'm.json'),
      '--sampler',
      'qpu-sim',
      '--solver',
      'DW_2000Q_6',
      '--embedding',
      join(dir, 'e.json'),
      '--return-embedding',
      '--seed',
      '2',
      ...quick,
      '--json',
    ]);
    expect(fixed.code).toBe(0);
    const f = fixed.json<Json>();
    expect(f.info.embedding_mode).toBe('fixed');
    expect(f.info.embedding_context.embedding).toEqual({ a: [0], b: [4], c: [1, 5], d: [13] });
    const no = runCli(['sample', join(dir, 'm.json'), '--sampler', 'qpu-sim', '--no-embed']);
    expect(no.code).toBe(2);
    expect(no.stderr).toMatch(/variable "a" is not a qubit of Advantage_system4.1/);
    const bad = tempFiles({ 'e.json': JSON.stringify({ a: [0], b: [4], c: [1, 2], d: [13] }) });
    const badRun = runCli([
      'sample',
      join(dir, 'm.json'),
      '--sampler',
      'qpu-sim',
      '--solver',
      'DW_2000Q_6',
      '--embedding',
      join(bad, 'e.json'),
    ]);
    expect(badRun.code).toBe(2);
    expect(badRun.stderr).toMatch(
      /the chain of variable "c" \[1, 2\] is not connected in chimera\(16, 16, 4\)/,
    );
  });

  it('--solver FILE.json: the profile and working graph of a Leap solver description; a missing file names --solver', () => {
    const dir = tempFiles({
      'solver.json': JSON.stringify({
        identity: { name: 'DW_2000Q_6' },
        properties: { topology: { type: 'chimera', shape: [16, 16, 4] }, qubits: [0, 4], couplers: [[0, 4]] },
      }),
      'on.json': JSON.stringify({ vartype: 'SPIN', h: { 0: 0.5 }, J: { '0,4': -1 } }),
      'off.json': JSON.stringify({ vartype: 'SPIN', h: { 0: 0.5 }, J: { '0,5': -1 } }),
    });
    const withSolver = (model: string, solver: string, ...more: string[]) =>
      runCli(['sample', join(dir, model), '--sampler', 'qpu-sim', '--solver', join(dir, solver), ...more]);
    const on = withSolver('on.json', 'solver.json', ...quick, '--json');
    expect(on.code).toBe(0);
    expect(on.json<Json>().info).toMatchObject({ solver: 'DW_2000Q_6', embedding_mode: 'direct' });
    const off = withSolver('off.json', 'solver.json', '--no-embed');
    expect(off.code).toBe(2);
    expect(off.stderr).toMatch(/qubit 5 is not a working qubit of DW_2000Q_6/);
    const missing = withSolver('on.json', 'no.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--solver .*no\.json: no such file/);
  });

  it('bad input exits 2 naming the flag: zero reads, temperature ≤ 0, out-of-range biases, unknown solver', () => {
    const zero = runCli(['sample', instance, '--sampler', 'qpu-sim', '--num-reads', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--num-reads: 0 must be ≥ 1/);
    const cold = runCli(['sample', instance, '--sampler', 'qpu-sim', '--x-temperature-mk', '0']);
    expect(cold.code).toBe(2);
    expect(cold.stderr).toMatch(/--x-temperature-mk: 0 must be > 0/);
    const dir = tempFiles({ 'big.json': JSON.stringify({ vartype: 'SPIN', h: { 30: 9 }, J: {} }) });
    const big = runCli(['sample', join(dir, 'big.json'), '--sampler', 'qpu-sim', '--auto-scale', 'false']);
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/h\[30\] = 9 is outside h_range \[-4, 4\]/);
    const unknown = runCli(['sample', instance, '--sampler', 'qpu-sim', '--solver', 'Advantage_system9.9']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown QPU profile "Advantage_system9.9"/);
  });
});

describe('qaxai embed', () => {
  it('prints the embedding as {"label": [qubits…]} and writes it with --out', () => {
    const dir = tempFiles({ 'm.json': logical });
    const out = join(dir, 'emb.json');
    const r = runCli([
      'embed',
      join(dir, 'm.json'),
      '--solver',
      'Advantage2_system1',
      '--seed',
      '3',
      '--json',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const emb = r.json<Record<string, number[]>>();
    expect(Object.keys(emb).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(emb);
    const human = runCli(['embed', join(dir, 'm.json'), '--solver', 'Advantage2_system1', '--seed', '3']);
    expect(human.stdout).toMatch(
      /embedded 4 variables in Advantage2_system1 \(zephyr\(12, 4\)\) with the heuristic method \(seed 3\)/,
    );
  });

  it('a problem that does not fit exits 2 and says how far it got', () => {
    const J: Record<string, number> = {};
    for (let i = 0; i < 70; i++) for (let j = i + 1; j < 70; j++) J[`${i},${j}`] = 1;
    const dir = tempFiles({ 'k70.json': JSON.stringify({ vartype: 'SPIN', h: {}, J }) });
    const r = runCli(['embed', join(dir, 'k70.json'), '--solver', 'DW_2000Q_6', '--method', 'clique']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /a clique of 70 variables does not fit chimera\(16, 16, 4\): the largest clique embedding found there has 64 variables/,
    );
    const m = runCli(['embed', join(dir, 'k70.json'), '--method', 'best']);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/--method: "best" is not a method/);
  });
});
