import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { runSweep, sweepFailureError, toCsv } from '../../src/studies/sweep/runner.js';
import { repoRoot } from '../helpers/cli.js';
import { killWhenSaved } from '../helpers/kill-mid-sweep.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'qaxai-sweep-'));
const child = join(repoRoot, 'test/fixtures/sweep-child.mjs');

describe('resumable sweeps', () => {
  it('writes each point, the tidy table, and refuses to mix sweeps', async () => {
    const dir = tmp();
    const points = [1, 2, 3].map((x) => ({ spec: { x } }));
    const calls: number[] = [];
    const evaluate = async (s: unknown) => {
      const x = (s as { x: number }).x;
      calls.push(x);
      return { y: x * x };
    };
    const r1 = await runSweep({ dir, points, evaluate });
    expect(r1.evaluated).toBe(3);
    expect(readdirSync(join(dir, 'points'))).toHaveLength(3);
    expect(readFileSync(r1.resultsCsv, 'utf8')).toBe(
      toCsv(r1.records.map((r) => ({ id: r.id, x: (r.spec as { x: number }).x, y: r.result.y }))),
    );
    await expect(runSweep({ dir, points, evaluate })).rejects.toThrow(/already holds a sweep; pass --resume/);
    const r2 = await runSweep({ dir, points, evaluate, resume: true });
    expect(r2.reused).toBe(3);
    expect(calls).toEqual([1, 2, 3]);
    await expect(runSweep({ dir, points: [{ spec: { x: 9 } }], evaluate, resume: true })).rejects.toThrow(
      /holds a different sweep/,
    );
  });

  it('a failing point stops the sweep, keeps finished points, and the rest runs on resume', async () => {
    const dir = tmp();
    const points = [1, 2, 3, 4].map((x) => ({ id: `x${x}`, spec: { x } }));
    let fail = true;
    const evaluate = async (s: unknown) => {
      const x = (s as { x: number }).x;
      if (x === 3 && fail) throw new Error('boom');
      return { y: -x };
    };
    await expect(runSweep({ dir, points, evaluate })).rejects.toThrow('boom');
    expect(existsSync(join(dir, 'points', 'x1.json'))).toBe(true);
    fail = false;
    const r = await runSweep({ dir, points, evaluate, resume: true });
    expect(r.reused).toBe(2);
    expect(r.records.map((x) => x.result.y)).toEqual([-1, -2, -3, -4]);
  });

  it('with keepGoing a failing point is recorded and the others run; resume tries it again', async () => {
    const dir = tmp();
    const points = [1, 2, 3, 4].map((x) => ({ id: `x${x}`, spec: { x } }));
    let fail = true;
    const evaluate = async (s: unknown) => {
      const x = (s as { x: number }).x;
      if (x === 2 && fail) throw new InputError(`x: ${x} is refused`, { field: 'x' });
      return { y: -x };
    };
    const r = await runSweep({ dir, points, evaluate, keepGoing: true, concurrency: 2 });
    expect(r.records.map((x) => x.id)).toEqual(['x1', 'x3', 'x4']);
    const failure = {
      id: 'x2',
      spec: { x: 2 },
      error: {
        name: 'InputError',
        code: 'QA_INPUT_INVALID',
        exitCode: 2,
        message: 'x: 2 is refused',
        field: 'x',
      },
    };
    expect(r.failures).toEqual([failure]);
    expect(JSON.parse(readFileSync(join(dir, 'failures.json'), 'utf8'))).toEqual([failure]);
    expect(JSON.parse(readFileSync(r.resultsJson, 'utf8')).failures).toEqual([failure]);
    const err = sweepFailureError(r, 'run again with --resume');
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(
      /^1 of 4 points failed \(x2: x: 2 is refused\); the errors are in .*failures\.json and the 3 finished points are saved; run again with --resume$/,
    );
    fail = false;
    const again = await runSweep({ dir, points, evaluate, keepGoing: true, resume: true });
    expect(again.reused).toBe(3);
    expect(again.failures).toEqual([]);
    expect(again.records.map((x) => x.result.y)).toEqual([-1, -2, -3, -4]);
  });

  it('survives SIGKILL mid-sweep: resume loses nothing, redoes nothing, and equals an uninterrupted run', async () => {
    const killed = tmp();
    const proc = spawn(process.execPath, [child, killed], { stdio: 'ignore' });
    // wait until some, not all, points are on disk, then kill
    await killWhenSaved(proc, join(killed, 'points'), 5);
    const before = readdirSync(join(killed, 'points')).filter((f) => f.endsWith('.json'));
    expect(before.length).toBeGreaterThanOrEqual(5);
    expect(before.length).toBeLessThan(24);
    expect(existsSync(join(killed, 'results.json'))).toBe(false);
    const resumed = spawnSync(process.execPath, [child, killed, 'resume'], { encoding: 'utf8' });
    expect(resumed.status).toBe(0);
    const counts = JSON.parse(resumed.stdout);
    expect(counts.reused).toBe(before.length);
    expect(counts.reused + counts.evaluated).toBe(24);
    const clean = tmp();
    expect(spawnSync(process.execPath, [child, clean], { encoding: 'utf8' }).status).toBe(0);
    const a = JSON.parse(readFileSync(join(killed, 'results.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(clean, 'results.json'), 'utf8'));
    expect(a.rows).toEqual(b.rows);
    expect(readFileSync(join(killed, 'results.csv'), 'utf8')).toBe(
      readFileSync(join(clean, 'results.csv'), 'utf8'),
    );
  });
});
