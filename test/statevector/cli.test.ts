import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from '../helpers/cli.js';

const ring = (n: number, h0 = 0) =>
  JSON.stringify({
    vartype: 'SPIN',
    h: { 0: h0 },
    J: Object.fromEntries(Array.from({ length: n }, (_, i) => [`${i},${(i + 1) % n}`, -1])),
  });

const dir = tempFiles({
  'r6.json': ring(6, 0.1),
  'pair.json': '{"vartype":"SPIN","h":{},"J":{"a,b":-1}}',
  'one.json': '{"vartype":"SPIN","h":{"q":1}}',
  'big.json': ring(31),
  'free.json': JSON.stringify({
    vartype: 'SPIN',
    h: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [i, 0])),
  }),
});
const f = (name: string) => join(dir, name);

describe('qaxai anneal / gap / study (statevector)', () => {
  it('anneal --backend gpu runs the gpu.js kernels (float32; statevector and pimc) and agrees with the default; bad backends exit 2', () => {
    const args = ['anneal', f('r6.json'), '--tau', '3', '--dt', '0.05', '--no-convergence-check', '--json'];
    const cpu = runCli(args).json<{ successProbability: number; kernel: string }>();
    const g = runCli([...args, '--backend', 'gpu']);
    expect(g.code).toBe(0);
    const gpu = g.json<{ successProbability: number; kernel: string; threads: number }>();
    expect(cpu.kernel).toMatch(/^(wasm|ts)$/);
    expect(gpu.kernel).toMatch(/^gpu\.js:(webgpu|webasm)$/);
    expect(gpu.successProbability).toBeCloseTo(cpu.successProbability, 5);
    const bad = runCli(['anneal', f('r6.json'), '--backend', 'tpu']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--backend: "tpu" is not one of cpu, gpu/);
    const pimc = runCli([
      'anneal',
      f('r6.json'),
      '--method',
      'pimc',
      '--beta',
      '4',
      '--num-reads',
      '20',
      '--seed',
      '1',
      '--backend',
      'gpu',
      '--json',
    ]);
    expect(pimc.code).toBe(0);
    const pd = pimc.json<{ kernel: string; successProbability: number }>();
    expect(pd.kernel).toMatch(/^gpu\.js:(webgpu|webasm)$/);
    expect(pd.successProbability).toBeGreaterThan(0);
  });

  it('anneal --json prints one document with the cli.md keys; the one-qubit fixture matches', () => {
    const r = runCli(['anneal', f('one.json'), '--tau', '1', '--json']);
    expect(r.code).toBe(0);
    const d = r.json<Record<string, unknown>>();
    for (const k of [
      'successProbability',
      'groundEnergy',
      'groundDegeneracy',
      'expectedEnergy',
      'residualEnergy',
      'steps',
      'wallSeconds',
      'dt',
      'convergence',
    ])
      expect(d).toHaveProperty(k);
    expect(Math.abs((d.successProbability as number) - 0.577618)).toBeLessThan(1e-4);
    expect((d.convergence as { converged: boolean }).converged).toBe(true);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('gap --json and --svg: two-spin ferromagnet minimum 1.6 at s = 0.6 with g = 2 explained', () => {
    const svg = join(dir, 'pair.svg');
    const r = runCli(['gap', f('pair.json'), '--json', '--svg', svg]);
    expect(r.code).toBe(0);
    const d = r.json<{
      minGap: number;
      sAtMin: number;
      groundDegeneracy: number;
      units: string;
      s: number[];
      levels: number[][];
      note: string;
      svg: string;
    }>();
    expect(d.minGap).toBeCloseTo(1.6, 6);
    expect(d.sAtMin).toBeCloseTo(0.6, 4);
    expect(d.groundDegeneracy).toBe(2);
    expect(d.units).toBe('dimensionless');
    expect(d.levels).toHaveLength(d.s.length);
    expect(d.note).toMatch(/E_2/);
    expect(d.svg).toBe(svg);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toMatch(/Δmin = 1\.60000/);
  });

  it('study: rows with tts99 for each τ and two SVG plots', () => {
    const prefix = join(dir, 'st');
    const r = runCli(['study', f('r6.json'), '--tau', '1,4', '--steps', '400', '--json', '--svg', prefix]);
    expect(r.code).toBe(0);
    const d = r.json<{
      rows: { annealTime: number; successProbability: number; tts99: number | null; duration: number }[];
      plots: { success: string; tts: string };
    }>();
    expect(d.rows.map((x) => x.annealTime)).toEqual([1, 4]);
    for (const row of d.rows) {
      const p = row.successProbability;
      expect(row.tts99).toBeCloseTo((row.duration * Math.log(0.01)) / Math.log(1 - p), 9);
    }
    expect(existsSync(d.plots.success) && existsSync(d.plots.tts)).toBe(true);
  });

  it('study with pause positions gives one row per (τ, s_p)', () => {
    const r = runCli([
      'study',
      f('one.json'),
      '--tau',
      '1,2',
      '--pause-positions',
      '0.3,0.6',
      '--pause-durations',
      '0.5',
      '--steps',
      '200',
      '--no-convergence-check',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const rows = r.json<{ rows: { pausePosition: number; duration: number }[] }>().rows;
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ pausePosition: 0.3, duration: 1.5 });
  });

  it('sample --sampler statevector: seeded shots, success probability in info', () => {
    const a = runCli([
      'sample',
      f('one.json'),
      '--sampler',
      'statevector',
      '--annealing-time',
      '1',
      '--num-reads',
      '2000',
      '--seed',
      '7',
      '--json',
    ]);
    const b = runCli([
      'sample',
      f('one.json'),
      '--sampler',
      'statevector',
      '--annealing-time',
      '1',
      '--num-reads',
      '2000',
      '--seed',
      '7',
      '--json',
    ]);
    expect(a.code).toBe(0);
    const rows = (x: string) => JSON.parse(x).sample_data;
    expect(rows(a.stdout)).toEqual(rows(b.stdout));
    const d = a.json<{ info: { success_probability: number; seed: number } }>();
    expect(d.info.seed).toBe(7);
    expect(Math.abs(d.info.success_probability - 0.577618)).toBeLessThan(1e-4);
  });
});

describe('bad input', () => {
  it('dt ≤ 0 or NaN, dt with steps: exit 2 naming the flag', () => {
    for (const args of [
      ['--dt', '0'],
      ['--dt', '-1'],
      ['--dt', 'NaN'],
      ['--dt', '0.1', '--steps', '10'],
    ]) {
      const r = runCli(['anneal', f('one.json'), '--tau', '1', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--dt/);
    }
  });

  it('a path that breaks the rules (forward anneal not ending at s = 1) is refused', () => {
    const r = runCli(['anneal', f('one.json'), '--anneal-schedule', '0,0 1,0.5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ends at s = 1/);
  });

  it('n past the memory limit is refused with the bytes needed', () => {
    const r = runCli(['anneal', f('big.json'), '--tau', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs \d+ GiB|would need/);
    const capped = runCli(['anneal', f('r6.json'), '--tau', '1'], {
      env: { QAXAI_MAX_MEMORY_BYTES: '1000' },
    });
    expect(capped.code).toBe(2);
    expect(capped.stderr).toMatch(/needs .*\(\d+ bytes/);
  });

  it('gap on a problem with 256 degenerate ground states says what the gap means and refuses', () => {
    const r = runCli(['gap', f('free.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/256-fold degenerate/);
  });
});
