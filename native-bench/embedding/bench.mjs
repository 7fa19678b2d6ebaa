#!/usr/bin/env node
// Embedding benchmark: qaxai's heuristic embedder (findEmbedding) against minorminer.find_embedding, and qaxai's
// clique embedder against minorminer's busclique, on the same source graphs and the same target graphs.
// `npm run bench -- embedding [--json] [--seeds 5] [--only p16,z12,c16,clique] [--case NAME] [--no-ocean]`
//
// Heuristic: seeded Erdős–Rényi graphs G(n, p) (isolated vertices dropped, so both sides embed the same
// variables) and cliques, into Pegasus P16 (fabric), Zephyr Z(12, 4) and Chimera C16; seed s is both the graph's
// seed and the embedder's random_seed; both sides single-threaded with their default parameters (tries 10,
// max_no_improvement 10, chainlength_patience 10), run interleaved (ours, theirs, alternating which goes first),
// each timed by process CPU time of the call alone after one untimed warm-up call. Reported per case: successes,
// min and median of total qubits, longest chain and CPU seconds, and the medians' ratios (ours ÷ theirs).
// Cliques: busclique cold (cache computed into a fresh temporary directory) and warm (find_clique_embedding(k, G)
// reading its disk cache, as a user calls it) against ours cold (first call on a new topology object) and warm.
//
// Ocean: QAXAI_OCEAN_PYTHON (a Python with minorminer, dwave-networkx and dimod), else python3; when it cannot
// import minorminer the bench says so and runs qaxai's side only.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  cliqueEmbedding,
  completeSourceGraph,
  Embedding,
  largestClique,
  SeededRandom,
  tryFindEmbedding,
  validateEmbedding,
} from '../../dist/embedding/index.js';
import { chimeraGraph, pegasusGraph, zephyrGraph } from '../../dist/topology/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const numSeeds = Number(opt('--seeds', '5'));
const only = opt('--only', 'p16,z12,c16,clique').split(',');
const caseFilter = opt('--case', '');
const log = (s) => (json ? process.stderr.write(`${s}\n`) : console.log(s));

const targets = {
  p16: { family: 'pegasus', shape: [16], make: () => pegasusGraph(16), name: 'P16 (fabric)' },
  z12: { family: 'zephyr', shape: [12, 4], make: () => zephyrGraph(12, 4), name: 'Z(12,4)' },
  c16: { family: 'chimera', shape: [16, 16, 4], make: () => chimeraGraph(16), name: 'C16' },
};

/** G(n, p) from seed, isolated vertices dropped (relabelled 0…n'−1). */
function erGraph(n, p, seed) {
  const rng = new SeededRandom(seed * 7919 + n);
  const pairs = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rng.next() < p) pairs.push([i, j]);
  const used = [...new Set(pairs.flat())].sort((a, b) => a - b);
  const idx = new Map(used.map((v, i) => [v, i]));
  const edges = Int32Array.from(pairs.flatMap(([i, j]) => [idx.get(i), idx.get(j)]));
  return { labels: used.map((_, i) => i), edges };
}
const clique = (k) => completeSourceGraph(Array.from({ length: k }, (_, i) => i));

const heuristicCases = {
  p16: [
    ['ER(20, 0.2)', (s) => erGraph(20, 0.2, s)],
    ['ER(50, 0.1)', (s) => erGraph(50, 0.1, s)],
    ['ER(100, 0.05)', (s) => erGraph(100, 0.05, s)],
    ['ER(100, 0.1)', (s) => erGraph(100, 0.1, s)],
    ['ER(200, 0.03)', (s) => erGraph(200, 0.03, s)],
    ['K20', () => clique(20)],
    ['K40', () => clique(40)],
  ],
  z12: [
    ['ER(20, 0.2)', (s) => erGraph(20, 0.2, s)],
    ['ER(50, 0.1)', (s) => erGraph(50, 0.1, s)],
    ['ER(100, 0.1)', (s) => erGraph(100, 0.1, s)],
    ['ER(200, 0.03)', (s) => erGraph(200, 0.03, s)],
    ['K40', () => clique(40)],
  ],
  c16: [
    ['K20', () => clique(20)],
    ['K40', () => clique(40)],
    ['K60', () => clique(60)],
    ['ER(100, 0.1)', (s) => erGraph(100, 0.1, s)],
  ],
};

// ---- Ocean peer -------------------------------------------------------------------------------------------
const py = process.env.QAXAI_OCEAN_PYTHON || 'python3';
let peer;
let oceanVersions;
if (!args.includes('--no-ocean')) {
  const probe = spawnSync(py, ['-c', 'import minorminer, dwave_networkx, dimod'], {
    encoding: 'utf8',
    cwd: tmpdir(),
  });
  if (probe.status === 0) {
    const child = spawn(py, [join(here, 'ocean_peer.py')], {
      cwd: tmpdir(),
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    peer = {
      async call(req) {
        child.stdin.write(`${JSON.stringify(req)}\n`);
        const { value } = await lines.next();
        const out = JSON.parse(value);
        if (out.error) throw new Error(`ocean peer: ${out.error}`);
        return out;
      },
      close: () => child.stdin.end(),
    };
    oceanVersions = await peer.call({ op: 'versions' });
  } else
    log(
      `Ocean not found: ${py} cannot import minorminer, dwave_networkx and dimod ` +
        `(${(probe.stderr || String(probe.error)).trim().split('\n').pop()}). Set QAXAI_OCEAN_PYTHON to a Python ` +
        "that has them. Running qaxai's side only.",
    );
}

// ---- helpers ----------------------------------------------------------------------------------------------
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const min = (a) => Math.min(...a);
const r3 = (x) => Number(x.toFixed(3));
function measure(emb, g, topo) {
  if (!emb || emb.size === 0) return undefined;
  validateEmbedding(emb, g, topo);
  const lengths = emb.chains.map((c) => c.length);
  return { qubits: lengths.reduce((a, b) => a + b, 0), longest: Math.max(...lengths) };
}
function summary(runs) {
  const ok = runs.filter((r) => r.qubits !== undefined);
  const pick = (k) => ok.map((r) => r[k]);
  return {
    success: `${ok.length}/${runs.length}`,
    qubits: ok.length ? { min: min(pick('qubits')), median: median(pick('qubits')) } : undefined,
    longest: ok.length ? { min: min(pick('longest')), median: median(pick('longest')) } : undefined,
    cpu: { min: r3(min(runs.map((r) => r.cpu))), median: r3(median(runs.map((r) => r.cpu))) },
  };
}

async function ours(g, topo, seed) {
  const t0 = cpu();
  const r = tryFindEmbedding(g, topo, { random_seed: seed });
  const t = cpu() - t0;
  return { ...measure(r.embedding, g, topo), cpu: t };
}
async function theirs(g, target, topo, seed) {
  const edges = [];
  for (let e = 0; e < g.edges.length; e += 2) edges.push([g.edges[e], g.edges[e + 1]]);
  const r = await peer.call({
    op: 'find',
    target: { family: target.family, shape: target.shape },
    edges,
    seed,
  });
  const emb = Embedding.from(Object.entries(r.emb).map(([k, c]) => [Number(k), c]));
  return { ...(Object.keys(r.emb).length ? measure(emb, g, topo) : {}), cpu: r.cpu };
}

// ---- heuristic --------------------------------------------------------------------------------------------
const results = {
  machine: { loadavgStart: loadavg().map(r3) },
  ocean: oceanVersions ?? null,
  heuristic: [],
  clique: [],
};
log(
  `embedding bench: ${numSeeds} seeds, single thread, process CPU time; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}` +
    (oceanVersions
      ? `; Ocean: minorminer ${oceanVersions.minorminer}, dwave-networkx ${oceanVersions.dwave_networkx}`
      : ''),
);
for (const key of ['p16', 'z12', 'c16']) {
  if (!only.includes(key)) continue;
  const target = targets[key];
  const topo = target.make();
  for (const [name, make] of heuristicCases[key]) {
    if (caseFilter && !name.includes(caseFilter)) continue;
    // warm-up (JIT, target CSR, the peer's target graph), untimed
    await ours(make(0), topo, 0);
    if (peer) await theirs(make(0), target, topo, 0);
    const a = [];
    const b = [];
    for (let s = 1; s <= numSeeds; s++) {
      const g = make(s);
      if (peer && s % 2 === 0) b.push(await theirs(g, target, topo, s));
      a.push(await ours(g, topo, s));
      if (peer && s % 2 === 1) b.push(await theirs(g, target, topo, s));
    }
    const row = { target: target.name, source: name, ours: summary(a), runs: { ours: a } };
    if (peer) {
      row.minorminer = summary(b);
      row.runs.minorminer = b;
      const q =
        row.ours.qubits && row.minorminer.qubits
          ? row.ours.qubits.median / row.minorminer.qubits.median
          : NaN;
      row.ratio = { qubits: r3(q), cpu: r3(row.ours.cpu.median / row.minorminer.cpu.median) };
    }
    results.heuristic.push(row);
    const fmt = (s) =>
      `${s.success} ok, qubits ${s.qubits ? `${s.qubits.min}/${s.qubits.median}` : '-'}, longest ${s.longest ? `${s.longest.min}/${s.longest.median}` : '-'}, cpu ${s.cpu.min}/${s.cpu.median} s`;
    log(`${target.name.padEnd(12)} ${name.padEnd(14)} ours: ${fmt(row.ours)}`);
    if (peer)
      log(
        `${''.padEnd(27)} minorminer: ${fmt(row.minorminer)}   ratio (median) qubits ${row.ratio.qubits}, cpu ${row.ratio.cpu}`,
      );
  }
}

// ---- cliques ----------------------------------------------------------------------------------------------
const cliqueSizes = {
  p16: [20, 40, 60, 100, 150, 172, 180],
  z12: [20, 40, 60, 100, 150, 184],
  c16: [20, 40, 60, 64],
};
if (only.includes('clique'))
  for (const key of ['p16', 'z12', 'c16']) {
    const target = targets[key];
    const t0 = cpu();
    const topo = target.make();
    const topoCpu = cpu() - t0;
    const t1 = cpu();
    const big = largestClique(topo);
    const coldCpu = cpu() - t1;
    const mine = {
      cold_cpu: r3(coldCpu),
      topology_cpu: r3(topoCpu),
      largest: big.size,
      largest_chain: big.maxChainLength,
    };
    mine.largest_qubits = big.embedding.chains.reduce((s, c) => s + c.length, 0);
    validateEmbedding(big.embedding, completeSourceGraph(big.embedding.labels), topo);
    mine.warm_cpu = {};
    mine.chains = {};
    for (const k of cliqueSizes[key]) {
      if (k > big.size) continue;
      const t2 = cpu();
      const r = cliqueEmbedding(k, topo);
      mine.warm_cpu[k] = r3(cpu() - t2);
      mine.chains[k] = [r.maxChainLength, r.embedding.chains.reduce((s, c) => s + c.length, 0)];
    }
    mine.table = [];
    for (let k = 1; k <= big.size; k++) mine.table.push(cliqueEmbedding(k, topo).maxChainLength);
    const row = { target: target.name, ours: mine };
    if (peer) {
      const dir = mkdtempSync(join(tmpdir(), 'qaxai-busclique-'));
      try {
        const r = await peer.call({
          op: 'clique',
          target: { family: target.family, shape: target.shape },
          cache_dir: dir,
          sizes: cliqueSizes[key],
        });
        const emb = Embedding.from(Object.entries(r.largest_emb).map(([k, c]) => [Number(k), c]));
        validateEmbedding(emb, completeSourceGraph(emb.labels), topo);
        delete r.largest_emb;
        r.cold_cpu = r3(r.cold_cpu);
        for (const k of Object.keys(r.warm_cpu)) r.warm_cpu[k] = r3(r.warm_cpu[k]);
        row.busclique = r;
        const n = Math.min(r.table.length, mine.table.length);
        let longer = 0;
        let shorter = 0;
        for (let k = 0; k < n; k++) {
          if (mine.table[k] > r.table[k]) longer++;
          if (mine.table[k] < r.table[k]) shorter++;
        }
        row.compare = { sizes: n, oursLonger: longer, oursShorter: shorter };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    results.clique.push(row);
    const sizes = Object.entries(mine.chains)
      .map(([k, [l, q]]) => `K${k} ${l}/${q}q ${mine.warm_cpu[k]}s`)
      .join(', ');
    log(
      `${target.name.padEnd(12)} clique ours: largest K${mine.largest} (chain ${mine.largest_chain}, ${mine.largest_qubits} q), cold ${mine.cold_cpu} s; ${sizes}`,
    );
    if (row.busclique) {
      const b = row.busclique;
      const bs = Object.entries(b.chains)
        .map(([k, [l, q]]) => `K${k} ${l}/${q}q ${b.warm_cpu[k]}s`)
        .join(', ');
      log(
        `${''.padEnd(12)} busclique: largest K${b.largest} (chain ${b.largest_chain}, ${b.largest_qubits} q), cold ${b.cold_cpu} s; ${bs}`,
      );
      log(
        `${''.padEnd(12)} per size K1…K${row.compare.sizes}: ours longer at ${row.compare.oursLonger} sizes, shorter at ${row.compare.oursShorter}`,
      );
    }
  }

peer?.close();
results.machine.loadavgEnd = loadavg().map(r3);
log(
  `load average at the end ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
if (json) {
  for (const row of results.heuristic) delete row.runs;
  console.log(JSON.stringify(results));
}
