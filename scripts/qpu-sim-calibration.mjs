#!/usr/bin/env node
// Agreement of qpu-sim with the real Advantage_system4.1 results in data/qpu-calibration (or --data
// DIR): each instance is sampled as the QPU ran it (62.5 µs, auto_scale false, 25 spin-reversal transforms);
// P_sim(E0) is compared with P_qpu(E0) by Spearman's rho and the median |P_sim - P_qpu| (docs/qpu-sim.md).
// Usage: npm run build && node scripts/qpu-sim-calibration.mjs [--reads 200] [--params '{"x_num_sweeps":1000}']
//        [--threads N] [--data DIR]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelFromJsonText } from '../dist/hamiltonian/io/model-json.js';
import { QpuSimulator } from '../dist/sim/qpu/index.js';

const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const data = flag('data', join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'qpu-calibration'));
const reads = Number(flag('reads', '200'));
const extra = JSON.parse(flag('params', '{}'));
const threads = flag('threads') === undefined ? undefined : Number(flag('threads'));
const summary = JSON.parse(readFileSync(join(data, 'summary.json'), 'utf8'));
const sim = new QpuSimulator(threads === undefined ? {} : { threads });

const rows = [];
const t0 = Date.now();
for (const f of readdirSync(join(data, 'instances'))
  .filter((x) => x.endsWith('.json'))
  .sort()) {
  const id = Number(/_(\d+)\.json$/.exec(f)[1]);
  const s = summary.find((x) => x.instance === id);
  const bqm = modelFromJsonText(readFileSync(join(data, 'instances', f), 'utf8'), f).bqm;
  const ss = await sim.sample(bqm, {
    num_reads: reads,
    annealing_time: 62.5,
    auto_scale: false,
    num_spin_reversal_transforms: 25,
    seed: id,
    ...extra,
  });
  let hit = 0;
  const e = ss.energy;
  const occ = ss.numOccurrences;
  for (let r = 0; r < ss.numRows; r++)
    if (Math.abs(e[r] - s.E0_exact) <= 1e-9 * Math.max(1, Math.abs(s.E0_exact))) hit += occ[r];
  rows.push({ instance: id, qpu: s.p_qpu_E0, sim: hit / reads });
}

function ranks(a) {
  const idx = a.map((v, i) => [v, i]).sort((x, y) => x[0] - y[0]);
  const r = new Array(a.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
    for (let k = i; k <= j; k++) r[idx[k][1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const rq = ranks(rows.map((r) => r.qpu));
const rs = ranks(rows.map((r) => r.sim));
const mq = mean(rq);
const ms = mean(rs);
let num = 0;
let dq = 0;
let ds = 0;
for (let i = 0; i < rq.length; i++) {
  num += (rq[i] - mq) * (rs[i] - ms);
  dq += (rq[i] - mq) ** 2;
  ds += (rs[i] - ms) ** 2;
}
const diffs = rows.map((r) => Math.abs(r.sim - r.qpu)).sort((a, b) => a - b);
const mid = diffs.length >> 1;
const median = diffs.length % 2 ? diffs[mid] : (diffs[mid - 1] + diffs[mid]) / 2;
console.log(
  JSON.stringify({
    reads,
    params: extra,
    spearmanRho: num / Math.sqrt(dq * ds),
    medianAbsDiff: median,
    meanSim: mean(rows.map((r) => r.sim)),
    meanQpu: mean(rows.map((r) => r.qpu)),
    seconds: (Date.now() - t0) / 1000,
  }),
);
console.log(rows.map((r) => `${r.instance}: ${r.qpu.toFixed(3)} / ${r.sim.toFixed(3)}`).join('\n'));
