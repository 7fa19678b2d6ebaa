#!/usr/bin/env node
// `npm run bench -- distributed [--json] [--points N] [--steps S] [--workers 1,2,4]`
//
// Throughput of a study through the point queue (BullMQ on a private redis-server started here) against the
// local thread pool, on this machine. The workload is N statevector points of `qaxai study` (12-spin random
// models, S Trotter steps each, convergence check on). For k = 1, 2, 4:
//   local  the sweep runner with k pool threads (what `qaxai study --concurrency k` does)
//   queue  the same sweep submitted through the queue to k `qaxai worker --concurrency 1` processes
// both timed from the first point submitted to the last result saved (process start-up excluded). The queue's
// overhead per point is (queue − local) / N at k = 1 (one point at a time on each side), for the workload and
// for near-empty points (S = 2), where it is all there is. Both sides give the same numbers (checked).
// With --json the last stdout line is one JSON object: {points, steps, cores, load, rows:[{k, local, queue,
// ratio}], overheadMs, emptyOverheadMs}.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const opt = (name, def) => {
  const k = args.indexOf(`--${name}`);
  return k < 0 ? def : args[k + 1];
};
const POINTS = Number(opt('points', '120'));
const STEPS = Number(opt('steps', '400'));
const KS = String(opt('workers', '1,2,4')).split(',').map(Number);
const log = (s) => process.stderr.write(`${s}\n`);
const out = (s) => (json ? log(s) : process.stdout.write(`${s}\n`));

if (spawnSync('redis-server', ['--version']).status !== 0) {
  log('bench distributed: redis-server is not installed (apt-get install redis-server)');
  process.exit(1);
}
const imp = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const { runSweep } = await imp('studies/sweep/runner.js');
const { parseRedisUrl } = await imp('studies/queue/redis-target.js');
const { PointSubmitter } = await imp('studies/queue/submitter.js');
const { getPool, closeAllPools } = await imp('sim/threads/pool.js');
const { studyPointFiles } = await imp('cli/study/point.js');
const { BinaryQuadraticModel } = await imp('hamiltonian/bqm.js');
const { bqmToSimpleJson } = await imp('hamiltonian/io/simple-json.js');
const { contentHash } = await imp('studies/sweep/runner.js');
const { forwardPath } = await imp('hamiltonian/schedule/paths.js');

// the instances and points (as `qaxai study --instances DIR --tau … --steps S` builds them)
const dir = mkdtempSync(join(tmpdir(), 'qaxai-bench-dist-'));
let seed = 12345;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const models = [];
for (let k = 0; k < 5; k++) {
  const b = new BinaryQuadraticModel('SPIN');
  for (let i = 0; i < 12; i++) b.addLinear(i, Math.round(rnd() * 4 - 2));
  for (let i = 0; i < 12; i++)
    for (let j = i + 1; j < 12; j++) if (rnd() < 0.4) b.addQuadratic(i, j, Math.round(rnd() * 4 - 2) || 1);
  const text = JSON.stringify(bqmToSimpleJson(b));
  const path = join(dir, `m${k}.json`);
  writeFileSync(path, text);
  models.push({ name: `m${k}`, path, hash: contentHash(text) });
}
const pointsOf = (steps) =>
  Array.from({ length: POINTS }, (_, p) => {
    const m = models[p % models.length];
    const tau = 1 + Math.floor(p / models.length) * 0.25;
    const path = forwardPath(tau, 'tau');
    return {
      id: `${m.name}.t${tau}`,
      spec: {
        instance: m.name,
        model: m.path,
        modelHash: m.hash,
        n: 12,
        metric: 'anneal',
        schedule: 'linear',
        options: { method: 'statevector', steps, convergenceCheck: true },
        path: { timeUnit: 'tau', points: path.points.map(([t, s]) => [t, s]) },
        annealTime: tau,
      },
    };
  });

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const redisDir = mkdtempSync(join(tmpdir(), 'qaxai-bench-redis-'));
const redis = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--save', '', '--appendonly', 'no'],
  { stdio: 'ignore' },
);
const url = `redis://127.0.0.1:${port}`;
for (let t = 0; ; t++) {
  if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG')
    break;
  if (t > 200) throw new Error('redis-server did not start');
  await new Promise((r) => setTimeout(r, 50));
}

// the redis-server goes with this process, however it ends
process.on('exit', () => redis.kill('SIGTERM'));

// timing fields are not results
const strip = (records) =>
  JSON.stringify(
    records.map((r) => [r.id, r.result]),
    (k, v) => (/wallSeconds/.test(k) ? undefined : v),
  );

async function timeLocal(k, points) {
  const pool = getPool(
    '../study/point-worker.js',
    pathToFileURL(join(root, 'dist', 'cli', 'study', 'x.js')).href,
    k,
  );
  // warm the threads (engine start-up is not throughput)
  await Promise.all(Array.from({ length: k }, (_, i) => pool.run(points[i % points.length].spec)));
  const t0 = performance.now();
  const r = await runSweep({
    dir: mkdtempSync(join(tmpdir(), 'qaxai-bench-l-')),
    points,
    concurrency: k,
    evaluate: (spec) => pool.run(spec),
  });
  const s = (performance.now() - t0) / 1000;
  await closeAllPools();
  return { s, records: r.records };
}

async function startWorkers(k) {
  const procs = [];
  for (let i = 0; i < k; i++) {
    const p = spawn(
      process.execPath,
      [join(root, 'bin', 'qaxai.js'), 'worker', '--queue', url, '--concurrency', '1'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    p.stderr.on('data', (b) => (err += b));
    await new Promise((res) => {
      const t = setInterval(() => {
        if (/taking points/.test(err)) {
          clearInterval(t);
          res();
        }
      }, 20);
    });
    procs.push(p);
  }
  return procs;
}

async function timeQueue(k, points) {
  const workers = await startWorkers(k);
  const sub = await PointSubmitter.open(parseRedisUrl(url));
  const evaluate = (spec, signal, point) =>
    sub.run({ kind: 'study', spec, files: studyPointFiles(spec), sweep: point.sweepHash }, { signal });
  // warm-up: every worker thread loads its engine once (points not in the timed sweep: another annealTime label)
  const warm = points.slice(0, k).map((p) => ({ ...p.spec, annealTime: p.spec.annealTime + 1000 }));
  await Promise.all(warm.map((spec) => evaluate(spec, undefined, { sweepHash: 'warm-up' })));
  const t0 = performance.now();
  const r = await runSweep({
    dir: mkdtempSync(join(tmpdir(), 'qaxai-bench-q-')),
    points,
    concurrency: points.length,
    keepGoing: true,
    evaluate,
  });
  const s = (performance.now() - t0) / 1000;
  await sub.close();
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((res) => w.on('exit', res))));
  if (r.failures.length) throw new Error(`queue run failed: ${JSON.stringify(r.failures[0].error)}`);
  return { s, records: r.records };
}

const load0 = loadavg()[0];
log(
  `bench distributed: ${POINTS} points (12 spins, ${STEPS} steps), ${availableParallelism()} cores, load ${load0.toFixed(2)}`,
);
const points = pointsOf(STEPS);
const rows = [];
let overheadMs;
for (const k of KS) {
  const local = await timeLocal(k, points);
  const queue = await timeQueue(k, points);
  if (strip(local.records) !== strip(queue.records))
    throw new Error(`k = ${k}: the queue's results differ from the local run's`);
  const row = { k, local: POINTS / local.s, queue: POINTS / queue.s, ratio: local.s / queue.s };
  rows.push(row);
  if (k === 1) overheadMs = ((queue.s - local.s) / POINTS) * 1000;
  out(
    `k = ${k}: local ${row.local.toFixed(1)} points/s, queue ${row.queue.toFixed(1)} points/s (${row.ratio.toFixed(2)} × local)`,
  );
}
const empty = pointsOf(2);
const le = await timeLocal(1, empty);
const qe = await timeQueue(1, empty);
const emptyOverheadMs = ((qe.s - le.s) / POINTS) * 1000;
out(
  `queue overhead per point (k = 1): ${overheadMs?.toFixed(2)} ms with this workload, ${emptyOverheadMs.toFixed(2)} ms with near-empty points (local ${((le.s / POINTS) * 1000).toFixed(2)} ms a point)`,
);
const load = { start: load0, end: loadavg()[0] };
out(`load average ${load.start.toFixed(2)} → ${load.end.toFixed(2)} on ${availableParallelism()} cores`);
redis.kill('SIGTERM');
if (json)
  process.stdout.write(
    `${JSON.stringify({ points: POINTS, steps: STEPS, cores: availableParallelism(), load, rows, overheadMs, emptyOverheadMs })}\n`,
  );
