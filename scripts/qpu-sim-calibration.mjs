#!/usr/bin/env node
// Agreement of qpu-sim with the real Advantage_system4.1 results in data/qpu-calibration (or --data DIR): each
// instance is sampled as the QPU ran it (62.5 µs, auto_scale false, 25 spin-reversal transforms, seed = the
// instance number); P_sim(E0) and P_sim(E0+2) are compared with the QPU's (docs/qpu-sim.md).
//
// One setting (--params JSON): Spearman's rho of P(E0) and the median |P_sim - P_qpu| over the instances, then
// one line per instance.
// A grid (--grid '[{...}, {...}]'): every setting on every instance, then two-fold cross-validation: the setting
// with the smallest median |dP(E0)| on the odd-numbered instances is reported on the even-numbered ones, and
// the other way round, so no instance judges the setting it helped choose; crossValidated pools the two reported
// halves (each instance judged by the setting chosen without it). "Near 50/50" instances are those
// where the QPU puts at least 0.2 of its reads on each of E0 and E0+2.
// Runs are kept in --cache FILE (JSON lines, one per setting × instance), so an interrupted run resumes.
// Usage: npm run build && node scripts/qpu-sim-calibration.mjs [--reads 200] [--params '{"x_num_sweeps":1000}']
//        [--grid '[…]'] [--instances all|odd|even|2,6,30] [--threads N] [--data DIR] [--cache FILE]
// The cache key is (reads, params, instance): keep one cache file per read count.
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelFromJsonText } from '../dist/hamiltonian/io/model-json.js';
import { QpuSimulator } from '../dist/sim/qpu/index.js';
import { median, spearman } from '../dist/studies/validation/stats.js';

const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const data = flag('data', join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'qpu-calibration'));
const reads = Number(flag('reads', '200'));
const grid = flag('grid') === undefined ? [JSON.parse(flag('params', '{}'))] : JSON.parse(flag('grid'));
const which = flag('instances', 'all');
const threads = flag('threads') === undefined ? undefined : Number(flag('threads'));
const cacheFile = flag('cache');
const summary = JSON.parse(readFileSync(join(data, 'summary.json'), 'utf8'));
const sim = new QpuSimulator(threads === undefined ? {} : { threads });

const listed = /^\d+(,\d+)*$/.test(which) ? new Set(which.split(',').map(Number)) : undefined;
const chosen = (id) =>
  listed ? listed.has(id) : which === 'all' || (which === 'odd' ? id % 2 === 1 : id % 2 === 0);
const instances = readdirSync(join(data, 'instances'))
  .filter((x) => x.endsWith('.json'))
  .sort()
  .map((f) => ({ f, id: Number(/_(\d+)\.json$/.exec(f)[1]) }))
  .filter(({ id }) => chosen(id));

const key = (params, id) => JSON.stringify({ reads, params, id });
const cache = new Map();
if (cacheFile && existsSync(cacheFile))
  for (const line of readFileSync(cacheFile, 'utf8').split('\n'))
    if (line.trim()) {
      const r = JSON.parse(line);
      cache.set(key(r.params, r.instance), r);
    }

async function run(params, { f, id }) {
  const k = key(params, id);
  if (cache.has(k)) return cache.get(k);
  const s = summary.find((x) => x.instance === id);
  const bqm = modelFromJsonText(readFileSync(join(data, 'instances', f), 'utf8'), f).bqm;
  const t0 = Date.now();
  const ss = await sim.sample(bqm, {
    num_reads: reads,
    annealing_time: 62.5,
    auto_scale: false,
    num_spin_reversal_transforms: 25,
    seed: id,
    ...params,
  });
  let g = 0;
  let x = 0;
  for (let r = 0; r < ss.numRows; r++) {
    const d = ss.energy[r] - s.E0_exact;
    if (Math.abs(d) <= 1e-9) g += ss.numOccurrences[r];
    else if (Math.abs(d - 2) <= 1e-9) x += ss.numOccurrences[r];
  }
  const row = {
    params,
    instance: id,
    qpu0: s.p_qpu_E0,
    sim0: g / reads,
    qpu1: s.p_qpu_E0p2,
    sim1: x / reads,
    seconds: (Date.now() - t0) / 1000,
  };
  cache.set(k, row);
  if (cacheFile) appendFileSync(cacheFile, `${JSON.stringify(row)}\n`);
  return row;
}

const nearHalf = (r) => Math.min(r.qpu0, r.qpu1) >= 0.2;
function metrics(rows) {
  const d0 = rows.map((r) => Math.abs(r.sim0 - r.qpu0));
  const half = rows.filter(nearHalf);
  return {
    instances: rows.length,
    spearmanRho: spearman(
      rows.map((r) => r.qpu0),
      rows.map((r) => r.sim0),
    ),
    medianAbsDeltaP0: median(d0),
    flaggedOver0_1: rows.filter((r) => Math.abs(r.sim0 - r.qpu0) > 0.1 || Math.abs(r.sim1 - r.qpu1) > 0.1)
      .length,
    nearHalf: half.length,
    nearHalfMaxAbsDeltaP0: half.length ? Math.max(...half.map((r) => Math.abs(r.sim0 - r.qpu0))) : null,
  };
}

const t0 = Date.now();
const results = [];
for (const [g, params] of grid.entries()) {
  const rows = [];
  for (const [k, inst] of instances.entries()) {
    rows.push(await run(params, inst));
    process.stderr.write(
      `setting ${g + 1}/${grid.length}, instance ${k + 1}/${instances.length} (${inst.id}) done, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
    );
  }
  results.push({ params, rows, all: metrics(rows) });
}

const out = {
  reads,
  instances: which,
  wallSeconds: (Date.now() - t0) / 1000,
  settings: results.map((r) => ({ params: r.params, ...r.all })),
};
if (grid.length > 1) {
  const fold = (fit, report) => {
    const scored = results.map((r) => ({
      r,
      fit: metrics(r.rows.filter((x) => x.instance % 2 === fit)).medianAbsDeltaP0,
    }));
    const best = scored.reduce((a, b) => (b.fit < a.fit ? b : a));
    const unseen = best.r.rows.filter((x) => x.instance % 2 === report);
    return {
      unseen,
      summary: {
        fitOn: fit ? 'odd' : 'even',
        chosen: best.r.params,
        fitMedianAbsDeltaP0: best.fit,
        reportedOn: report ? 'odd' : 'even',
        ...metrics(unseen),
      },
    };
  };
  const folds = [fold(1, 0), fold(0, 1)];
  out.crossValidation = folds.map((f) => f.summary);
  // every instance judged by the setting chosen on the other half
  out.crossValidated = metrics(folds.flatMap((f) => f.unseen));
}
console.log(JSON.stringify(out));
for (const r of results) {
  console.log(`# ${JSON.stringify(r.params)}`);
  for (const x of r.rows)
    console.log(
      `${x.instance}\tP(E0) qpu ${x.qpu0.toFixed(3)} sim ${x.sim0.toFixed(3)}\tP(E0+2) qpu ${x.qpu1.toFixed(3)} sim ${x.sim1.toFixed(3)}${nearHalf(x) ? '\tnear 50/50' : ''}`,
    );
}
