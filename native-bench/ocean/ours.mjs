// qaxai's side of `npm run bench -- ocean`: runs one of our samplers on a problem spec in this (fresh) process
// and prints JSON. Usage: node ours.mjs SPEC.json (spec as in theirs.py; `sampler` is ours: sa, pimc-ct, svmc,
// and `params` our parameters), or with `task` = {kind: 'pimc-ct', betaGamma, betaLambda, updateOrder} the
// continuous-time reads on exactly that table (runReads; num_reads from params). One thread (threads: 1, the
// calling thread); `cpu` is the process CPU time (process.cpuUsage) of each call, the first call in the process
// being the cold one.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const imp = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const { BinaryQuadraticModel } = await imp('hamiltonian/bqm.js');
const { SimulatedAnnealingSampler } = await imp('sim/mc/sa-sampler.js');
const { ContinuousTimePimcSampler } = await imp('sim/mc/ct-pimc-sampler.js');
const { SvmcSampler } = await imp('sim/mc/svmc-sampler.js');
const { compileModel } = await imp('hamiltonian/compiled.js');
const { runReads } = await imp('sim/mc/parallel.js');

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const bqm = BinaryQuadraticModel.fromIsing(
  spec.h.map((v, i) => [i, v]),
  spec.J.map(([i, j, w]) => [[i, j], w]),
);
const sampler =
  spec.sampler === 'sa'
    ? new SimulatedAnnealingSampler(1)
    : spec.sampler === 'pimc-ct'
      ? new ContinuousTimePimcSampler(1)
      : new SvmcSampler('svmc', 1);
/** The reads of spec.task on its own table: {energy, info} as a sample set would give them. */
async function taskReads(seed) {
  const model = compileModel(bqm, 'SPIN');
  const t = spec.task;
  const task = {
    ...t,
    model,
    seed,
    betaGamma: Float64Array.from(t.betaGamma),
    betaLambda: Float64Array.from(t.betaLambda),
  };
  const res = await runReads(task, spec.params.num_reads, { threads: 1 });
  const energy = [];
  for (let r = 0; r < spec.params.num_reads; r++)
    energy.push(bqm.energyOf(res.spins.subarray(r * model.n, (r + 1) * model.n)));
  return { energy, info: { threads: res.threads } };
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const cpu = [];
const wall = [];
const meanEnergy = [];
const minEnergy = [];
let reads = 0;
let groundHits = 0;
let info;
for (let call = 0; call < spec.calls; call++) {
  const c0 = cpuNow();
  const w0 = performance.now();
  const ss = spec.task
    ? await taskReads(spec.seed + call)
    : await sampler.sample(bqm, { ...spec.params, seed: spec.seed + call });
  cpu.push(cpuNow() - c0);
  wall.push((performance.now() - w0) / 1e3);
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  for (const e of ss.energy) {
    sum += e;
    min = Math.min(min, e);
    if (spec.ground_energy !== undefined && Math.abs(e - spec.ground_energy) < 1e-6) groundHits++;
  }
  meanEnergy.push(sum / ss.energy.length);
  minEnergy.push(min);
  reads += ss.energy.length;
  info = ss.info;
}
const out = { node: process.version, cpu, wall, meanEnergy, minEnergy, reads, threads: info.threads };
if (spec.ground_energy !== undefined) out.groundHits = groundHits;
if (info.beta_range) out.betaRange = info.beta_range;
process.stdout.write(`${JSON.stringify(out)}\n`);
