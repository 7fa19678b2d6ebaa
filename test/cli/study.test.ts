import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bqmToSimpleJson } from '../../src/hamiltonian/io/simple-json.js';
import { repoRoot, runCli, tempFiles } from '../helpers/cli.js';
import { killWhenSaved } from '../helpers/kill-mid-sweep.js';
import { randomBqm } from '../helpers/random-models.js';

const files: Record<string, string> = {};
for (let k = 0; k < 4; k++)
  files[`m${k}.json`] = JSON.stringify(
    bqmToSimpleJson(randomBqm(5 + k, 0.6, 40 + k, 'SPIN', { integer: true })),
  );
const inst = tempFiles(files);
const tmp = () => mkdtempSync(join(tmpdir(), 'qaxai-study-'));

/** results.json rows without the wall-clock fields (timing is not a result). */
function rowsOf(dir: string): unknown[] {
  const rows = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).rows as Record<string, unknown>[];
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !/wallSeconds/.test(k))));
}

describe('qaxai study over many instances', () => {
  it('sweeps instances × anneal times with quartiles across instances, tidy CSV/JSON and plots', () => {
    const out = tmp();
    const r = runCli([
      'study',
      '--instances',
      inst,
      '--tau',
      '1,4',
      '--steps',
      '200',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const d = r.json<{
      rows: Array<{ instance: string; successProbability: number; annealTime: number }>;
      summary: Array<{
        annealTime: number;
        instances: number;
        successProbability: { q1: number; median: number; q3: number };
      }>;
      plots: Record<string, string>;
    }>();
    expect(d.rows).toHaveLength(8);
    expect(d.summary).toHaveLength(2);
    for (const s of d.summary) {
      expect(s.instances).toBe(4);
      const ps = d.rows
        .filter((x) => x.annealTime === s.annealTime)
        .map((x) => x.successProbability)
        .sort((a, b) => a - b);
      // numpy-style quartiles of four values
      expect(s.successProbability.median).toBeCloseTo((ps[1]! + ps[2]!) / 2, 12);
      expect(s.successProbability.q1).toBeCloseTo(ps[0]! + 0.75 * (ps[1]! - ps[0]!), 12);
      expect(s.successProbability.q1).toBeLessThanOrEqual(s.successProbability.q3);
    }
    expect(readFileSync(d.plots.success!, 'utf8')).toContain('quartiles');
    const csv = readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(9);
    expect(csv[0]).toMatch(/^instance,n,schedule,annealTime,/);
    expect(readdirSync(join(out, 'points'))).toHaveLength(8);
  });

  it('minimum gap against d with a power-law fit', () => {
    const r = runCli(['study', '--instances', inst, '--metric', 'gap', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const d = r.json<{
      rows: Array<{ n: number; minGap: number }>;
      gap: { fit: { a: number; b: number; points: number } };
    }>();
    expect(d.rows.map((x) => x.n)).toEqual([5, 6, 7, 8]);
    // the fit is the least-squares line through (log n, log gap)
    const lx = d.rows.map((x) => Math.log(x.n));
    const ly = d.rows.map((x) => Math.log(x.minGap));
    const mx = lx.reduce((a, b) => a + b) / 4;
    const my = ly.reduce((a, b) => a + b) / 4;
    const b =
      lx.reduce((s, x, i) => s + (x - mx) * (ly[i]! - my), 0) / lx.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(d.gap.fit.b).toBeCloseTo(b, 10);
    expect(d.gap.fit.points).toBe(4);
  });

  it("sweeps β of the paper's XAI QUBOs (instances built from the embedded model)", () => {
    const out = tmp();
    const r = runCli([
      'study',
      '--xai-qubos',
      '2',
      '--xai-beta',
      '0.5,0.9',
      '--tau',
      '5',
      '--steps',
      '200',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const d = r.json<{ rows: Array<{ instance: string; n: number; beta: number; label: string }> }>();
    expect(d.rows).toHaveLength(4);
    expect(d.rows.map((x) => x.beta).sort()).toEqual([0.5, 0.5, 0.9, 0.9]);
    for (const row of d.rows) {
      expect(row.n).toBeGreaterThan(0);
      expect(existsSync(join(out, 'instances', `${row.instance}.json`))).toBe(true);
    }
  });

  it('refuses --resume without --out, and a folder holding another study', () => {
    expect(runCli(['study', '--instances', inst, '--tau', '1', '--resume']).stderr).toMatch(
      /--resume needs --out/,
    );
    const out = tmp();
    expect(runCli(['study', '--instances', inst, '--tau', '1', '--steps', '50', '--out', out]).code).toBe(0);
    const again = runCli([
      'study',
      '--instances',
      inst,
      '--tau',
      '2',
      '--steps',
      '50',
      '--out',
      out,
      '--resume',
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/holds a different sweep/);
  });

  it('survives SIGKILL: --resume redoes nothing and matches an uninterrupted study point for point', async () => {
    const args = [
      'study',
      '--instances',
      inst,
      '--tau',
      '1,2,4,8,16,32',
      '--steps',
      '3000',
      '--concurrency',
      '1',
      '--json',
    ];
    const killed = tmp();
    const proc = spawn(process.execPath, [join(repoRoot, 'bin/qaxai.js'), ...args, '--out', killed], {
      stdio: 'ignore',
      env: { ...process.env, QAXAI_NO_PROGRESS: '1' },
    });
    await killWhenSaved(proc, join(killed, 'points'), 3);
    const saved = readdirSync(join(killed, 'points')).filter((f) => f.endsWith('.json')).length;
    expect(saved).toBeLessThan(24);
    const resumed = runCli([...args, '--out', killed, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.json<{ pointsReused: number }>().pointsReused).toBe(saved);
    const clean = tmp();
    expect(runCli([...args, '--out', clean]).code).toBe(0);
    expect(rowsOf(killed)).toEqual(rowsOf(clean));
  }, 120_000);
});
