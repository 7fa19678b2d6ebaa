#!/usr/bin/env node
// `npm run bench -- ocean [--json] [--rounds 5] [--calls 3] [--parts sa,pimc-ct,svmc,ground] [--only ID,…]
//                        [--pimc-sweeps 100] [--ground-reads 400] [--ground-instances 5] [--eq-s 0.25] [--eq-sweeps 2000]`
//
// qaxai's samplers against dwave-samplers' (Ocean), single thread, process CPU time, interleaved runs:
//   sa      `sa` vs SimulatedAnnealingSampler (1,000 sweeps, default β range, geometric) on a ±1 spin glass on
//           the whole Pegasus P16 graph (5,640 qubits), a random 3-regular graph (n = 2,000) and SK (n = 100,
//           100 and 10 reads);
//   pimc-ct `pimc-ct` (update_order sequential, and random as Ocean's) vs PathIntegralAnnealingSampler on the P16
//           glass: the same continuous-time model and the same anneal table (Hd_field = our β·Γ(s_k), Hp_field =
//           our β·Λ(s_k), one sweep each, Advantage_system4.1 at 12 mK over 20 µs);
//   svmc    `svmc` (readout probabilistic) vs RotorModelAnnealingSampler (MetropolisUniform, sequential order,
//           rotors started at θ = π/2 as ours are), same table;
//   ground  P(ground) at equal sweeps (the default 1,000 sweeps of a 20 µs anneal) on real 24-qubit instances of
//           data/qpu-calibration: pimc-ct in sequential and in random update order vs Ocean's PIMC (random order),
//           against the exact ground energy of summary.json;
//   equilibrium  the same samplers held at a fixed s (--eq-s, default 0.25) for --eq-sweeps sweeps (default 2,000),
//           where they must agree whatever the update order (the order changes the dynamics, not the equilibrium).
//           At s = 0.25 single chains mix (their time averages agree); by s = 0.3 a chain stays in one valley for
//           10^5 sweeps, and which valleys a random start reaches depends on the early dynamics, hence on the order.
// Each round runs our side and Ocean's side in fresh processes (order alternating); each process makes `calls`
// sample() calls: the first is the cold one (a fresh process, first call: compilation and warm-up included), the
// rest are warm. Min and median over rounds (cold) and over all warm calls; ratio = ours ÷ Ocean's CPU time.
//
// Ocean is not installable from npm: point QAXAI_OCEAN_PYTHON at a Python that imports dimod and dwave-samplers
// (PYTHONPATH is passed through). Without it only our side runs and the ratios are null.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const flag = (name, def) => {
  const k = args.indexOf(`--${name}`);
  return k < 0 ? def : args[k + 1];
};
const intFlag = (name, def) => {
  const v = Number(flag(name, def));
  if (!Number.isInteger(v) || v < 1) {
    process.stderr.write(`bench ocean: --${name} needs a positive integer\n`);
    process.exit(2);
  }
  return v;
};
const ROUNDS = intFlag('rounds', 5);
const CALLS = intFlag('calls', 3);
const PIMC_SWEEPS = intFlag('pimc-sweeps', 100);
const GROUND_READS = intFlag('ground-reads', 400);
const GROUND_INSTANCES = intFlag('ground-instances', 5);
const EQ_SWEEPS = intFlag('eq-sweeps', 2000);
const EQ_S = Number(flag('eq-s', '0.25'));
const parts = new Set(flag('parts', 'sa,pimc-ct,svmc,ground,equilibrium').split(','));
const only = flag('only', '') ? new Set(flag('only', '').split(',')) : null;
const log = (s) => process.stderr.write(`${s}\n`);
const out = (s) => (json ? log(s) : process.stdout.write(`${s}\n`));

const imp = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
let dist;
try {
  dist = {
    ...(await imp('topology/index.js')),
    ...(await imp('sim/rng.js')),
    ...(await imp('hamiltonian/schedule/catalog.js')),
    ...(await imp('hamiltonian/schedule/paths.js')),
    ...(await imp('hamiltonian/schedule/units.js')),
    ...(await imp('sim/mc/anneal-table.js')),
  };
} catch {
  log('bench ocean: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
const { pegasusGraph, Rng, getSchedule, forwardPath, mkToBeta, buildAnnealTable, tableAtPoints } = dist;

// ---- Ocean ---------------------------------------------------------------------------------------------------
const py = process.env.QAXAI_OCEAN_PYTHON || '/usr/bin/python3';
const probe = spawnSync(
  py,
  ['-c', 'import dimod, dwave.samplers; print(dimod.__version__, dwave.samplers.__version__)'],
  { encoding: 'utf8' },
);
const ocean = probe.status === 0 ? probe.stdout.trim().split(' ') : null;
if (ocean) log(`Ocean: dimod ${ocean[0]}, dwave-samplers ${ocean[1]} (${py})`);
else
  log(
    `Ocean is MISSING: ${py} cannot import dimod and dwave-samplers, so only qaxai's side runs and every ratio is null.\n` +
      '  Set QAXAI_OCEAN_PYTHON to a Python that imports them (and PYTHONPATH if needed); they are not on npm and\n' +
      '  build from their public sources (docs/benchmarks.md, "Against Ocean").',
  );

// ---- instances -----------------------------------------------------------------------------------------------
/** ±1 couplers on every edge of a graph given as a flat edge list; h = 0. Variables renumbered 0..n−1. */
function glass(nodes, edges, seed) {
  const rng = Rng.fromSeed(seed, 1);
  const index = new Map(nodes.map((q, i) => [q, i]));
  const J = [];
  for (let e = 0; e < edges.length; e += 2)
    J.push([index.get(edges[e]), index.get(edges[e + 1]), rng.nextSpin()]);
  return { n: nodes.length, h: new Array(nodes.length).fill(0), J };
}

function p16() {
  const t = pegasusGraph(16);
  return glass(Array.from(t.nodes), Array.from(t.edges), 2025);
}

/** A random 3-regular simple graph on n vertices (pairing model, redrawn until simple). */
function regular3(n, seed) {
  const rng = Rng.fromSeed(seed, 2);
  for (;;) {
    const stubs = [];
    for (let i = 0; i < n; i++) stubs.push(i, i, i);
    for (let k = stubs.length - 1; k > 0; k--) {
      const j = rng.nextInt(k + 1);
      [stubs[k], stubs[j]] = [stubs[j], stubs[k]];
    }
    const seen = new Set();
    const edges = [];
    let ok = true;
    for (let k = 0; k < stubs.length && ok; k += 2) {
      const u = Math.min(stubs[k], stubs[k + 1]);
      const v = Math.max(stubs[k], stubs[k + 1]);
      if (u === v || seen.has(u * n + v)) ok = false;
      seen.add(u * n + v);
      edges.push(u, v);
    }
    if (ok) return glass([...Array(n).keys()], edges, seed);
  }
}

function sk(n, seed) {
  const edges = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push(i, j);
  return glass([...Array(n).keys()], edges, seed);
}

/** A bqpjson instance of data/qpu-calibration as {n, h, J}, variables in the file's order. */
function bqpInstance(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const ids = doc.variable_ids;
  const index = new Map(ids.map((q, i) => [q, i]));
  const h = new Array(ids.length).fill(0);
  for (const t of doc.linear_terms) h[index.get(t.id)] += t.coeff;
  const J = doc.quadratic_terms.map((t) => [index.get(t.id_tail), index.get(t.id_head), t.coeff]);
  return { n: ids.length, h, J };
}

/** The anneal table our pimc-ct and svmc build for these defaults (anneal-params.ts): Ocean gets the same. */
function defaultTable(numSweeps) {
  const t = buildAnnealTable(getSchedule('Advantage_system4.1'), forwardPath(20), mkToBeta(12), numSweeps);
  return { Hd_field: Array.from(t.betaGamma), Hp_field: Array.from(t.betaLambda) };
}

// ---- running -------------------------------------------------------------------------------------------------
const tmp = mkdtempSync(join(tmpdir(), 'qaxai-ocean-'));
let specNo = 0;

function runSide(side, spec) {
  const file = join(tmp, `spec-${specNo++}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const cmd =
    side === 'ours'
      ? [process.execPath, [join(here, 'ours.mjs'), file]]
      : [py, [join(here, 'theirs.py'), file]];
  const r = spawnSync(cmd[0], cmd[1], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, QAXAI_THREADS: '1', OMP_NUM_THREADS: '1' },
  });
  if (r.status !== 0) throw new Error(`${side} run failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const min = (a) => Math.min(...a);
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const meanSe = (a) => {
  const m = a.reduce((x, y) => x + y, 0) / a.length;
  const v = a.reduce((x, y) => x + (y - m) ** 2, 0) / Math.max(1, a.length - 1);
  return { mean: m, se: Math.sqrt(v / a.length) };
};
const stats = (a) => (a.length ? { min: min(a), median: median(a), n: a.length } : null);

/**
 * Interleaved rounds of one comparison: each round a fresh process per side (order alternating), `calls`
 * sample() calls each. Returns CPU-time statistics, cold and warm, and ours ÷ Ocean's ratios.
 */
function compare(id, label, ours, theirs, calls = CALLS) {
  if (only && !only.has(id)) return null;
  log(`\n${id}: ${label}`);
  const res = { ours: [], theirs: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? ['theirs', 'ours'] : ['ours', 'theirs'];
    for (const side of order) {
      if (side === 'theirs' && !ocean) continue;
      const spec = side === 'ours' ? ours : theirs;
      const o = runSide(side, { ...spec, calls, seed: 1000 * r + 1 });
      res[side].push(o);
      log(`  round ${r + 1} ${side.padEnd(6)} cpu ${o.cpu.map((c) => c.toFixed(3)).join(' ')} s`);
    }
  }
  const summary = (runs) => {
    if (!runs.length) return null;
    const cold = runs.map((o) => o.cpu[0]);
    const warm = runs.flatMap((o) => o.cpu.slice(1));
    const energy = meanSe(runs.flatMap((o) => o.meanEnergy));
    return {
      cold: stats(cold),
      warm: stats(warm),
      meanEnergy: energy.mean,
      meanEnergySe: energy.se,
      minEnergy: min(runs.flatMap((o) => o.minEnergy)),
      ...(runs[0].betaRange ? { betaRange: runs[0].betaRange } : {}),
      ...(runs[0].threads !== undefined ? { threads: runs[0].threads } : {}),
    };
  };
  const a = summary(res.ours);
  const b = summary(res.theirs);
  const ratio = (k, s) => (a?.[k] && b?.[k] ? a[k][s] / b[k][s] : null);
  const row = {
    id,
    label,
    ours: a,
    ocean: b,
    ratio: {
      coldMin: ratio('cold', 'min'),
      coldMedian: ratio('cold', 'median'),
      warmMin: ratio('warm', 'min'),
      warmMedian: ratio('warm', 'median'),
    },
  };
  const f = (x, d = 3) => (x === null || x === undefined ? '—' : x.toFixed(d));
  out(
    `${id}: ours cold ${f(a.cold.min)}/${f(a.cold.median)} s, warm ${f(a.warm?.min)}/${f(a.warm?.median)} s (min/median); ` +
      (b
        ? `Ocean cold ${f(b.cold.min)}/${f(b.cold.median)} s, warm ${f(b.warm?.min)}/${f(b.warm?.median)} s; ` +
          `ratio cold ${f(row.ratio.coldMin, 2)}/${f(row.ratio.coldMedian, 2)}, warm ${f(row.ratio.warmMin, 2)}/${f(row.ratio.warmMedian, 2)}`
        : 'Ocean missing'),
  );
  out(
    `  mean energy per read: ours ${f(a.meanEnergy, 2)} ± ${f(a.meanEnergySe, 2)}` +
      (b ? `, Ocean ${f(b.meanEnergy, 2)} ± ${f(b.meanEnergySe, 2)}` : '') +
      `; lowest ours ${a.minEnergy}${b ? `, Ocean ${b.minEnergy}` : ''}`,
  );
  return row;
}

const results = [];
const startLoad = loadavg()[0];
log(
  `machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);

if (parts.has('sa')) {
  const cases = [
    ['sa-p16', 'sa, Pegasus P16 ±1 glass (5,640 q), 1,000 sweeps, 10 reads', p16(), 10],
    [
      'sa-rrg2000',
      'sa, random 3-regular ±1 glass (n = 2,000), 1,000 sweeps, 20 reads',
      regular3(2000, 7),
      20,
    ],
    ['sa-sk100', 'sa, SK ±1 (n = 100), 1,000 sweeps, 100 reads', sk(100, 11), 100],
    ['sa-sk100-r10', 'sa, SK ±1 (n = 100), 1,000 sweeps, 10 reads (a ≈ 40 ms job)', sk(100, 11), 10],
  ];
  for (const [id, label, inst, reads] of cases) {
    const params = { num_reads: reads, num_sweeps: 1000 };
    results.push(compare(id, label, { ...inst, sampler: 'sa', params }, { ...inst, sampler: 'sa', params }));
  }
}

if (parts.has('pimc-ct')) {
  const inst = p16();
  const table = defaultTable(PIMC_SWEEPS);
  for (const order of ['sequential', 'random'])
    results.push(
      compare(
        order === 'random' ? 'pimc-ct-p16-random' : 'pimc-ct-p16',
        `pimc-ct (update_order ${order}) vs PathIntegralAnnealingSampler, P16 glass, Advantage_system4.1 12 mK 20 µs in ${PIMC_SWEEPS} sweeps, 1 read`,
        {
          ...inst,
          sampler: 'pimc-ct',
          // the default order is left unsaid (so the bench also runs on code without the parameter)
          params: {
            num_reads: 1,
            num_sweeps: PIMC_SWEEPS,
            ...(order === 'random' ? { update_order: order } : {}),
          },
        },
        {
          ...inst,
          sampler: 'pimc',
          params: { num_reads: 1, beta_schedule_type: 'custom', num_sweeps_per_beta: 1, ...table },
        },
      ),
    );
}

if (parts.has('svmc')) {
  const inst = p16();
  const sweeps = 1000;
  const table = defaultTable(sweeps);
  results.push(
    compare(
      'svmc-p16',
      'svmc vs RotorModelAnnealingSampler (MetropolisUniform), P16 glass, Advantage_system4.1 12 mK 20 µs, 1,000 sweeps, 2 reads',
      { ...inst, sampler: 'svmc', params: { num_reads: 2, num_sweeps: sweeps, readout: 'probabilistic' } },
      {
        ...inst,
        sampler: 'rotor',
        rotor_start: 64,
        params: {
          num_reads: 2,
          beta_schedule_type: 'custom',
          num_sweeps_per_beta: 1,
          randomize_order: false,
          proposal_acceptance_criteria: 'MetropolisUniform',
          ...table,
        },
      },
    ),
  );
}

/**
 * P(ground) of pimc-ct in sequential and random order and of Ocean's PIMC on `table` (Hd/Hp fields, one sweep
 * each) for the first `count` instances of data/qpu-calibration.
 */
function groundRows(label, table, count) {
  const dir = join(root, 'data', 'qpu-calibration');
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  const rows = [];
  log(`\n${label}: ${GROUND_READS} reads per sampler and instance`);
  for (const entry of summary.slice(0, count)) {
    const name = `Pegasus-Lattice_Size-2_${String(entry.instance).padStart(5, '0')}`;
    const inst = { ...bqpInstance(join(dir, 'instances', `${name}.json`)), ground_energy: entry.E0_exact };
    const row = { instance: name, E0: inst.ground_energy, qpu: entry.p_qpu_E0 };
    for (const order of ['sequential', 'random']) {
      const o = runSide('ours', {
        ...inst,
        sampler: 'pimc-ct',
        calls: 1,
        seed: 1,
        params: { num_reads: GROUND_READS },
        task: { kind: 'pimc-ct', betaGamma: table.Hd_field, betaLambda: table.Hp_field, updateOrder: order },
      });
      row[order] = o.groundHits / o.reads;
      row[`${order}Cpu`] = o.cpu[0];
    }
    if (ocean) {
      const o = runSide('theirs', {
        ...inst,
        sampler: 'pimc',
        calls: 1,
        seed: 1,
        params: { num_reads: GROUND_READS, beta_schedule_type: 'custom', num_sweeps_per_beta: 1, ...table },
      });
      row.ocean = o.groundHits / o.reads;
      row.oceanCpu = o.cpu[0];
    }
    const se = (p) => Math.sqrt((p * (1 - p)) / GROUND_READS);
    out(
      `${name}: P(ground) pimc-ct sequential ${row.sequential.toFixed(3)} ± ${se(row.sequential).toFixed(3)}, ` +
        `random ${row.random.toFixed(3)} ± ${se(row.random).toFixed(3)}` +
        (ocean ? `, Ocean PIMC ${row.ocean.toFixed(3)} ± ${se(row.ocean).toFixed(3)}` : '') +
        ` (CPU ${row.sequentialCpu.toFixed(1)} / ${row.randomCpu.toFixed(1)}${ocean ? ` / ${row.oceanCpu.toFixed(1)}` : ''} s)`,
    );
    rows.push(row);
  }
  return rows;
}

const ground =
  parts.has('ground') && (!only || only.has('ground'))
    ? groundRows(
        'ground: P(ground) at the end of a 20 µs anneal in 1,000 sweeps',
        defaultTable(1000),
        GROUND_INSTANCES,
      )
    : [];
let equilibrium = [];
if (parts.has('equilibrium') && (!only || only.has('equilibrium'))) {
  const t = tableAtPoints(
    getSchedule('Advantage_system4.1'),
    new Float64Array(EQ_SWEEPS).fill(EQ_S),
    mkToBeta(12),
  );
  equilibrium = groundRows(
    `equilibrium: P(ground) after ${EQ_SWEEPS} sweeps at fixed s = ${EQ_S} (βΓ = ${t.betaGamma[0].toFixed(3)}, βΛ = ${t.betaLambda[0].toFixed(3)})`,
    { Hd_field: Array.from(t.betaGamma), Hp_field: Array.from(t.betaLambda) },
    GROUND_INSTANCES,
  );
}

const report = {
  ocean: ocean ? { dimod: ocean[0], dwaveSamplers: ocean[1] } : null,
  node: process.version,
  machine: `${cpus()[0]?.model ?? '?'} × ${cpus().length}`,
  loadAverage: [startLoad, loadavg()[0]],
  rounds: ROUNDS,
  calls: CALLS,
  comparisons: results.filter(Boolean),
  ground,
  equilibrium,
};
log(
  `load average at the end: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
