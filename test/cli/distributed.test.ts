/**
 * Sweeps through the point queue end to end: a private redis-server (AOF on, so it can be restarted), three
 * `qaxai worker` processes, and the built CLI submitting. A 60-point study gives the local run's numbers while
 * one worker is SIGKILLed mid-run (its point is recovered by BullMQ's stalled-job check and counted once); a
 * Redis restart mid-study loses nothing; a point that fails on bad input fails once, with its error recorded;
 * validate --fit, demo and the web app's jobs give their local results.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bqmToSimpleJson } from '../../src/hamiltonian/io/simple-json.js';
import { type RunningServer, startWebServer } from '../../src/web/server.js';
import { repoRoot, runCli, tempFiles } from '../helpers/cli.js';
import { savedPoints } from '../helpers/kill-mid-sweep.js';
import { randomBqm } from '../helpers/random-models.js';
import { hasRedisServer, NO_REDIS, startRedis, type TestRedis } from '../helpers/redis-server.js';

const bin = join(repoRoot, 'bin', 'qaxai.js');
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

// 5 instances × 12 anneal times = 60 points of ~0.1 s (12 spins, 800 Trotter steps)
const files: Record<string, string> = {};
for (let k = 0; k < 5; k++)
  files[`m${k}.json`] = JSON.stringify(
    bqmToSimpleJson(randomBqm(12, 0.4, 70 + k, 'SPIN', { integer: true })),
  );
const inst = tempFiles(files);
const STUDY = [
  'study',
  '--instances',
  inst,
  '--tau',
  '1,2,3,4,5,6,7,8,9,10,11,12',
  '--steps',
  '800',
  '--json',
];

/** results.json rows without the wall-clock fields (timing is not a result). */
function rowsOf(dir: string): Record<string, unknown>[] {
  const rows = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).rows as Record<string, unknown>[];
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !/wallSeconds/.test(k))));
}

/** A CLI run in the background: resolves with its exit code and output. */
function cliAsync(args: string[]): {
  proc: ChildProcess;
  done: Promise<{ code: number; stdout: string; stderr: string }>;
} {
  const proc = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, QAXAI_NO_PROGRESS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (b) => (stdout += String(b)));
  proc.stderr!.on('data', (b) => (stderr += String(b)));
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    proc.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr })),
  );
  return { proc, done };
}

describe.skipIf(!hasRedisServer())('sweeps through the point queue (qaxai worker processes)', () => {
  let redis: TestRedis;
  const workers: Array<{ proc: ChildProcess; log: () => string }> = [];
  let localStudy: string;

  async function startWorker(): Promise<void> {
    const { proc } = cliAsync([
      'worker',
      '--queue',
      redis.url,
      '--concurrency',
      '1',
      '--lock-duration',
      '2000',
    ]);
    let log = '';
    proc.stderr!.on('data', (b) => (log += String(b)));
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (/taking points/.test(log)) {
          clearInterval(t);
          resolve();
        } else if (proc.exitCode !== null) {
          clearInterval(t);
          reject(new Error(`worker exited: ${log}`));
        }
      }, 20);
    });
    workers.push({ proc, log: () => log });
  }

  beforeAll(async () => {
    redis = await startRedis({ appendonly: true });
    await Promise.all([startWorker(), startWorker(), startWorker()]);
    localStudy = tmp('qaxai-dist-local-');
    const r = runCli([...STUDY, '--out', localStudy]);
    expect(r.code, r.stderr).toBe(0);
  });

  afterAll(async () => {
    for (const w of workers)
      if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGTERM');
    await Promise.all(
      workers.map((w) =>
        w.proc.exitCode === null && w.proc.signalCode === null
          ? new Promise((r) => w.proc.once('exit', r))
          : undefined,
      ),
    );
    await redis?.stop();
  });

  it('a 60-point study on 3 workers equals the local run, with one worker SIGKILLed mid-run', async () => {
    const out = tmp('qaxai-dist-q-');
    const run = cliAsync([...STUDY, '--out', out, '--queue', redis.url]);
    const pointsDir = join(out, 'points');
    while (savedPoints(pointsDir).length < 10) {
      expect(run.proc.exitCode).toBeNull();
      await new Promise((r) => setTimeout(r, 10));
    }
    const victim = workers[2]!.proc;
    victim.kill('SIGKILL');
    expect(savedPoints(pointsDir).length).toBeLessThan(60);
    const r = await run.done;
    expect(r.code, r.stderr).toBe(0);
    // nothing lost, nothing twice: the 60 points of the local run, with its numbers
    expect(readdirSync(pointsDir).filter((f) => f.endsWith('.json'))).toHaveLength(60);
    expect(rowsOf(out)).toEqual(rowsOf(localStudy));
    expect(JSON.parse(r.stdout).rows).toHaveLength(60);
  });

  it('survives a Redis restart mid-study (Redis keeps its AOF): nothing lost', async () => {
    const out = tmp('qaxai-dist-r-');
    const run = cliAsync([...STUDY, '--out', out, '--queue', redis.url]);
    while (savedPoints(join(out, 'points')).length < 5) await new Promise((r) => setTimeout(r, 10));
    await redis.restart(700);
    expect(savedPoints(join(out, 'points')).length).toBeLessThan(60);
    const r = await run.done;
    expect(r.code, r.stderr).toBe(0);
    expect(rowsOf(out)).toEqual(rowsOf(localStudy));
  });

  it('a point that fails on bad input fails once, with its error in the results; --resume does not rerun it', async () => {
    const big = tempFiles({
      'big.json': JSON.stringify(bqmToSimpleJson(randomBqm(40, 0.05, 3, 'SPIN', { integer: true }))),
    });
    const out = tmp('qaxai-dist-f-');
    const args = ['study', join(inst, 'm0.json'), join(big, 'big.json'), '--tau', '1,2', '--steps', '100'];
    const r = runCli([...args, '--out', out, '--queue', redis.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2 of 4 points failed \(big\.linear\.t1: statevector simulation: 40 qubits/);
    const failures = JSON.parse(readFileSync(join(out, 'failures.json'), 'utf8')) as Array<{
      id: string;
      error: { code: string; exitCode: number };
    }>;
    expect(failures.map((f) => f.id).sort()).toEqual(['big.linear.t1', 'big.linear.t2']);
    expect(failures.every((f) => f.error.code === 'QA_CAPACITY_EXCEEDED' && f.error.exitCode === 2)).toBe(
      true,
    );
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).failures).toHaveLength(2);
    expect(savedPoints(join(out, 'points'))).toHaveLength(2);
    const again = runCli([...args, '--out', out, '--resume', '--queue', redis.url]);
    expect(again.code).toBe(2);
    const status = runCli(['queue', 'status', '--queue', redis.url, '--json']).json<{
      failures: Array<{ id: string; attempts: number; error: string }>;
    }>();
    const mine = status.failures.filter((f) => f.id.startsWith('study.'));
    expect(mine).toHaveLength(2);
    for (const f of mine) {
      expect(f.attempts).toBe(1);
      expect(f.error).toMatch(/40 qubits is past the engine's limit/);
    }
    const cleaned = runCli(['queue', 'clean', '--queue', redis.url, '--sweep', out, '--json']);
    expect(cleaned.json<{ removed: number }>().removed).toBe(2);
  });

  it('validate --fit through the queue equals the local fit', async () => {
    const fx = join(import.meta.dirname, '../fixtures/qpu-calibration');
    const stem = 'Pegasus-Lattice_Size-2_00032';
    const results = tempFiles({ [`${stem}.stdout`]: readFileSync(join(fx, `${stem}.stdout`), 'utf8') });
    const models = tempFiles({ [`${stem}.json`]: readFileSync(join(fx, `${stem}.json`), 'utf8') });
    const args = [
      'validate',
      results,
      '--model',
      models,
      '--num-reads',
      '25',
      '--fit',
      '--fit-temperatures',
      '6,18',
    ];
    const [local, queued] = await Promise.all([
      cliAsync([...args, '--fit-noise', '0', '--threads', '1', '--json']).done,
      cliAsync([...args, '--fit-noise', '0', '--threads', '1', '--json', '--queue', redis.url]).done,
    ]);
    expect(local.code, local.stderr).toBe(0);
    expect(queued.code, queued.stderr).toBe(0);
    // the runs' own wall times differ; everything else is the same
    const strip = (text: string) => JSON.parse(text, (k, v) => (k === 'wall_seconds' ? undefined : v));
    expect(strip(queued.stdout)).toEqual(strip(local.stdout));
  });

  it('demo through the queue equals the local demo', async () => {
    const args = ['demo', '--per-class', '1', '--tau-sweep', '10', '--json'];
    const [local, queued] = await Promise.all([
      cliAsync([...args, '--out', join(tmp('qaxai-dist-d-'), 'demo')]).done,
      cliAsync([...args, '--out', join(tmp('qaxai-dist-d-'), 'demo'), '--queue', redis.url]).done,
    ]);
    expect(local.code, local.stderr).toBe(0);
    expect(queued.code, queued.stderr).toBe(0);
    const strip = (text: string) =>
      JSON.parse(text, (k, v) => (/^(wallSeconds|report|results|outDir|command)$/.test(k) ? undefined : v));
    expect(strip(queued.stdout)).toEqual(strip(local.stdout));
  });

  it('a worker stops on SIGTERM after its running point, with a summary', async () => {
    const w = workers[0]!;
    const exited = new Promise<number | null>((r) => w.proc.once('exit', (code) => r(code)));
    w.proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(w.log()).toMatch(/SIGTERM: finishing \d+ running point\(s\), taking no more/);
    // which worker took the earlier test's bad-input point depends on timing
    expect(w.log()).toMatch(/stopped: \d+ points done, \d+ failed, 0 refused/);
  });

  it('serve --queue runs the web app jobs on the workers, with the in-process results and errors', async () => {
    const servers: RunningServer[] = [];
    try {
      for (const o of [{}, { queue: redis.url }])
        servers.push(await startWebServer({ port: 0, workers: 1, ...o }));
      const post = async (s: RunningServer, path: string, body: unknown) => {
        const res = await fetch(`${s.url}api/jobs/${path}?wait=1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return {
          status: res.status,
          body: (await res.json()) as { result?: Record<string, unknown>; error?: { field?: string } },
        };
      };
      const problem = { vartype: 'SPIN', h: { a: 0.5, b: -0.25, c: 0 }, J: { 'a,b': -1, 'b,c': 0.75 } };
      const stripped = (r: { result?: Record<string, unknown> }) =>
        JSON.parse(JSON.stringify(r.result, (k, v) => (k === 'wallSeconds' ? undefined : v)));
      const [local, remote] = await Promise.all(servers.map((s) => post(s, 'gap', { problem, points: 21 })));
      expect(remote!.status).toBe(200);
      expect(stripped(remote!.body)).toEqual(stripped(local!.body));
      const explain = { image: { embedded: 3 }, sampler: 'exact' };
      const [le, re] = await Promise.all(servers.map((s) => post(s, 'explain', explain)));
      expect(re!.status).toBe(200);
      expect(stripped(re!.body)).toEqual(stripped(le!.body));
      // an engine refusal keeps its HTTP meaning and the request's field name
      const h = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`x${i}`, 0]));
      const bad = await post(servers[1]!, 'gap', { problem: { vartype: 'SPIN', h, J: {} }, points: 11 });
      expect(bad.status).toBe(400);
      expect(bad.body.error?.field).toBe('problem');
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});

if (!hasRedisServer()) console.warn(NO_REDIS);
