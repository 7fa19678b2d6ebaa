import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleSetToDimodJson } from '../../src/hamiltonian/io/dimod-sampleset.js';
import { bqmToSimpleJson } from '../../src/hamiltonian/io/simple-json.js';
import { SampleSet } from '../../src/hamiltonian/sample-set.js';
import { encodeQpAnswer } from '../../src/sapi/client/qp-coders.js';
import { solveExact } from '../../src/sim/exact/solve-exact.js';
import { repoRoot, runCli, tempFiles } from '../helpers/cli.js';
import { killWhenSaved, savedPoints } from '../helpers/kill-mid-sweep.js';
import { randomBqm } from '../helpers/random-models.js';

// A small physical-qubit problem (labels are qubit indices) and a synthetic "QPU" result that puts 70 % of
// its reads on the ground states and 30 % on the first excited level.
const bqm = randomBqm(8, 0.6, 3, 'SPIN', { integer: true, labels: (i) => 30 + 15 * i });
const sol = await solveExact(bqm, { levels: 2, keepStates: 256 });
const levels12 = (await solveExact(bqm, { levels: 12 })).spectrum;
const e0 = sol.spectrum[0]!.energy;
const e1 = sol.spectrum[1]!.energy;
const rows: number[] = [];
for (let r = 0; r < 256; r++) if (sol.lowEnergies[r] === e0 || sol.lowEnergies[r] === e1) rows.push(r);
const counts = rows.map((r) =>
  sol.lowEnergies[r] === e0 ? 70 / sol.spectrum[0]!.degeneracy : 30 / sol.spectrum[1]!.degeneracy,
);
const n = 8;
const samples = new Int8Array(rows.length * n);
rows.forEach((r, k) => samples.set(sol.lowStates.subarray(r * n, (r + 1) * n), k * n));
const qpuSet = new SampleSet({
  variables: sol.variables,
  vartype: 'SPIN',
  samples,
  energy: rows.map((r) => sol.lowEnergies[r]!),
  numOccurrences: counts,
  info: {
    problem_id: 'p-1',
    timing: { qpu_access_time: 1 },
    parameters: { num_reads: 100, annealing_time: 20 },
  },
});
const sapi = {
  id: 'p-1',
  type: 'ising',
  status: 'COMPLETED',
  solver: { name: 'Advantage_system4.1', version: { graph_id: 'x' } },
  params: { num_reads: 100, annealing_time: 20 },
  answer: encodeQpAnswer({
    activeVariables: sol.variables as number[],
    samples,
    energies: rows.map((r) => sol.lowEnergies[r]! - bqm.offset),
    numOccurrences: counts,
    numVariables: 5760,
  }),
  data: { format: 'qp', offset: bqm.offset },
};
const text = `using d-wave solver name provided in data file: Advantage_system4.1\nd-wave parameters:\n  num_reads - 100\n  annealing_time - 20.0\n${rows.map((r, k) => `${sol.lowEnergies[r]!.toFixed(6)} - ${counts[k]}`).join('\n')}\n`;
const dir = tempFiles({
  'model.json': JSON.stringify(bqmToSimpleJson(bqm)),
  'qpu.json': JSON.stringify(sampleSetToDimodJson(qpuSet)),
  'sapi.json': JSON.stringify(sapi),
  'result.stdout': text,
  'empty.stdout': '',
});
const f = (x: string) => join(dir, x);

describe('qaxai validate', () => {
  it('reads the three QPU formats alike and compares with the emulator (sa, fast)', () => {
    const outs = ['qpu.json', 'sapi.json', 'result.stdout'].map((name) => {
      const r = runCli([
        'validate',
        f(name),
        '--model',
        f('model.json'),
        '--method',
        'sa',
        '--num-reads',
        '200',
        '--json',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // biome-ignore lint/suspicious/noExplicitAny: the report is checked field by field below
      return r.json<Record<string, any>>();
    });
    for (const d of outs) {
      expect(d.pGround.qpu).toBeCloseTo(0.7, 12);
      expect(d.pFirstExcited.qpu).toBeCloseTo(0.3, 12);
      expect(d.groundEnergy).toBe(e0);
      expect(d.groundEnergySource).toBe('exact');
      expect(d.samples).toEqual({ qpu: 100, sim: 200 });
      expect(d.energyTvd).toBeCloseTo(
        Math.abs(d.pGround.qpu - d.pGround.sim) / 2 +
          Math.abs(d.pFirstExcited.qpu - d.pFirstExcited.sim) / 2 +
          (1 - d.pGround.sim - d.pFirstExcited.sim) / 2,
        9,
      );
      // β_eff of the QPU solves the likelihood equation ⟨E⟩_β = mean observed energy over the exact levels
      const b = d.effectiveBeta.qpu as number;
      const w = levels12.map((l) => l.degeneracy * Math.exp(-b * (l.energy - e0)));
      const meanE = levels12.reduce((acc, l, k) => acc + w[k]! * l.energy, 0) / w.reduce((x, y) => x + y, 0);
      expect(meanE).toBeCloseTo(0.7 * e0 + 0.3 * e1, 6);
    }
    expect({ ...outs[0], qpuFormat: '', settings: null }).toEqual({
      ...outs[1],
      qpuFormat: '',
      settings: null,
    });
    expect(outs[0]!.qpuFormat).toBe('dimod-sampleset');
    expect(outs[1]!.qpuFormat).toBe('sapi-answer');
  });

  it('writes an HTML report with both histograms', () => {
    const html = join(dir, 'report.html');
    const r = runCli([
      'validate',
      f('result.stdout'),
      '--model',
      f('model.json'),
      '--method',
      'sa',
      '--num-reads',
      '50',
      '--html',
      html,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.json<{ report: string }>().report).toBe(html);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    expect(page).toContain('emulator');
  });

  it('bad input: variables that do not match, unknown solvers, empty results', () => {
    const other = tempFiles({
      'm.json': JSON.stringify({ vartype: 'SPIN', h: { 30: 1, 46: 1 }, J: { '30,46': 1 } }),
    });
    const a = runCli(['validate', f('qpu.json'), '--model', join(other, 'm.json'), '--method', 'sa']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/has no column for model variable 46|that the model does not have/);
    const b = runCli([
      'validate',
      f('result.stdout'),
      '--model',
      f('model.json'),
      '--solver',
      'Advantage_system99',
    ]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/unknown solver "Advantage_system99"; known solvers: .*Advantage_system4\.1/);
    const c = runCli(['validate', f('empty.stdout'), '--model', f('model.json')]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/empty/);
  });

  it('refuses an unknown solver before any work, whatever the method (issue 15 §1.14)', () => {
    const fx = join(import.meta.dirname, '../fixtures/qpu-calibration');
    for (const method of ['pimc', 'sa']) {
      const r = runCli([
        'validate',
        join(fx, 'Pegasus-Lattice_Size-2_00032.stdout'),
        '--model',
        join(fx, 'Pegasus-Lattice_Size-2_00032.json'),
        '--solver',
        'Advantage_system9.9',
        '--method',
        method,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^qaxai validate: --solver: unknown solver "Advantage_system9\.9"; known solvers: .*Advantage_system4\.1/,
      );
      expect(r.stderr).not.toMatch(/Terminating worker thread|\n\s+at /);
    }
  });

  it('refuses a QPU result that cannot belong to the model (issue 15 §1.15)', () => {
    const fx = join(import.meta.dirname, '../fixtures/qpu-calibration');
    // a 24-qubit QPU result against an 8-variable model
    const a = runCli([
      'validate',
      join(fx, 'Pegasus-Lattice_Size-2_00032.stdout'),
      '--model',
      f('model.json'),
    ]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/the QPU problem has 24 variables \(BQP_SOLUTION\) but the model has 8/);
    // energies below the model's exact ground energy
    const below = tempFiles({
      'low.stdout': `d-wave parameters:\n  num_reads - 10\n${(e0 - 5).toFixed(6)} - 4\n${e0.toFixed(6)} - 6\n`,
    });
    const b = runCli(['validate', join(below, 'low.stdout'), '--model', f('model.json'), '--method', 'sa']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(
      /reports energy .* below the model's exact ground energy .*cannot belong to this model/,
    );
  });
});

describe('qaxai validate on a real Advantage_system4.1 result (qpu-sim)', () => {
  it('runs qpu-sim with the QPU settings of the file and compares with the exact spectrum', () => {
    const fx = join(import.meta.dirname, '../fixtures/qpu-calibration');
    const r = runCli([
      'validate',
      join(fx, 'Pegasus-Lattice_Size-2_00032.stdout'),
      '--model',
      join(fx, 'Pegasus-Lattice_Size-2_00032.json'),
      '--num-reads',
      '25',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = r.json<{
      settings: { solver: string; annealingTime: number; spinReversalTransforms: number; numReads: number };
      groundEnergy: number;
      groundDegeneracy: number;
      pGround: { qpu: number; sim: number };
      samples: { qpu: number; sim: number };
    }>();
    // summary.json of the data release: E0 = −41 (2-fold), P_qpu(E0) = 0.9199 over 2560 reads
    expect(d.groundEnergy).toBe(-41);
    expect(d.groundDegeneracy).toBe(2);
    expect(d.pGround.qpu).toBeCloseTo(0.9199, 4);
    expect(d.samples.qpu).toBe(2560);
    expect(d.settings).toMatchObject({
      solver: 'Advantage_system4.1',
      annealingTime: 62.5,
      spinReversalTransforms: 25,
      numReads: 25,
    });
    expect(d.samples.sim).toBe(25);
    expect(d.pGround.sim).toBeGreaterThan(0);
  });
});

describe('qaxai validate --checkpoint', () => {
  it('survives SIGKILL: --resume redoes no finished run and matches an uninterrupted validation', async () => {
    const fx = join(import.meta.dirname, '../fixtures/qpu-calibration');
    const stemName = 'Pegasus-Lattice_Size-2_00032';
    const results = mkdtempSync(join(tmpdir(), 'qaxai-val-r-'));
    const models = mkdtempSync(join(tmpdir(), 'qaxai-val-m-'));
    copyFileSync(join(fx, `${stemName}.stdout`), join(results, `${stemName}.stdout`));
    copyFileSync(join(fx, `${stemName}.json`), join(models, `${stemName}.json`));
    const args = [
      'validate',
      results,
      '--model',
      models,
      '--num-reads',
      '25',
      '--fit',
      '--fit-temperatures',
      '6,12,18,24',
      '--fit-noise',
      '0',
      '--threads',
      '1',
      '--json',
    ];
    const killed = mkdtempSync(join(tmpdir(), 'qaxai-val-ck-'));
    const proc = spawn(process.execPath, [join(repoRoot, 'bin/qaxai.js'), ...args, '--checkpoint', killed], {
      stdio: 'ignore',
      env: { ...process.env, QAXAI_NO_PROGRESS: '1' },
    });
    const pointsDir = join(killed, 'fit', 'points');
    const saved = () => savedPoints(pointsDir).length;
    await killWhenSaved(proc, pointsDir, 2);
    expect(saved()).toBeLessThan(4);
    const stamp = () =>
      Object.fromEntries(
        readdirSync(pointsDir)
          .filter((f) => f.endsWith('.json'))
          .map((f) => [f, statSync(join(pointsDir, f)).mtimeMs]),
      );
    const before = stamp();
    // a second run into the same folder without --resume is refused, naming the flag
    const refused = runCli([...args, '--checkpoint', killed]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--resume/);
    const resumed = runCli([...args, '--checkpoint', killed, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    // every fit run is saved, and the ones saved before the kill were reused (their files untouched)
    expect(saved()).toBe(4);
    const after = stamp();
    for (const [f, t] of Object.entries(before)) expect(after[f]).toBe(t);
    const clean = runCli(args);
    expect(clean.code, clean.stderr).toBe(0);
    type Out = {
      fit: { trials: unknown[]; temperature: number; noiseSigma: number | null };
      summary: unknown;
      instances: Array<{ pGround: unknown; energyTvd: number }>;
    };
    const a = resumed.json<Out>();
    const b = clean.json<Out>();
    expect(a.fit).toEqual(b.fit);
    expect(a.summary).toEqual(b.summary);
    expect(a.instances.map((i) => [i.pGround, i.energyTvd])).toEqual(
      b.instances.map((i) => [i.pGround, i.energyTvd]),
    );
    expect(existsSync(join(killed, 'final', 'results.csv'))).toBe(true);
    expect(runCli(['validate', results, '--model', models, '--resume']).stderr).toMatch(/--checkpoint/);
  }, 180_000);
});
