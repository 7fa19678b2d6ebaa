#!/usr/bin/env node
// `npm run bench -- pimc [--json] [--reads N] [--sweeps N] [--kernel-sweeps N] [--sa-sweeps N] [--threads T]
//                       [--no-full]`
//
// 1. Kernel rate: our PIMC sweep (Metropolis + worldline clusters, P = 32) and SA sweep as the engine runs them
//    (the WebAssembly kernels of dist/sim/mc/wasm-kernel.js where available, else the TypeScript kernels), the
//    TypeScript kernels alongside, and native C++ (kernels.cpp, g++ -O3 -march=native), on the same
//    Advantage-size instance, from the same start and the same random stream: spin updates per second, single
//    thread, and a check that all trajectories are identical.
// 2. Full chip: a random ±1 spin glass on 5,627 active qubits of a Pegasus P16 graph, 32 slices, 1,000 sweeps
//    (Advantage_system4.1 schedule at 12 mK, 20 µs) × 100 reads on worker threads (default 2): wall time,
//    updates/s and peak memory. --reads/--sweeps run a reduced size and extrapolate fullChipSeconds linearly.
// With --json the last stdout line is one JSON object: {tsOverNativeRate, saTsOverNativeRate, fullChipSeconds, …}
// (tsOverNativeRate: the engine's kernels; tsKernelOverNativeRate: the TypeScript kernels).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const opt = (name, def) => {
  const k = args.indexOf(`--${name}`);
  if (k < 0) return def;
  const v = Number(args[k + 1]);
  if (!Number.isInteger(v) || v < 1) {
    process.stderr.write(`bench pimc: --${name} needs a positive integer\n`);
    process.exit(2);
  }
  return v;
};
const READS = opt('reads', 100);
const SWEEPS = opt('sweeps', 1000);
const KERNEL_SWEEPS = opt('kernel-sweeps', 20);
const SA_SWEEPS = opt('sa-sweeps', 400);
const THREADS = opt('threads', 2);
const FULL = !args.includes('--no-full');
const P = 32;
const ACTIVE = 5627;
const log = (s) => process.stderr.write(`${s}\n`);
const out = (s) => (json ? log(s) : process.stdout.write(`${s}\n`));

// --- our code (compiled) ---
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'sim', 'mc', 'pimc-kernel.js'))) {
  log('bench pimc: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
const imp = (p) => import(pathToFileURL(join(dist, p)).href);
const { BinaryQuadraticModel } = await imp('hamiltonian/bqm.js');
const { compileModel } = await imp('hamiltonian/compiled.js');
const { getSchedule } = await imp('hamiltonian/schedule/catalog.js');
const { forwardPath } = await imp('hamiltonian/schedule/paths.js');
const { mkToBeta } = await imp('hamiltonian/schedule/units.js');
const { pegasusGraph } = await imp('topology/index.js');
const { Rng } = await imp('sim/rng.js');
const { buildAnnealTable } = await imp('sim/mc/anneal-table.js');
const { PimcState, metropolisSweep, worldlineSweep, sliceCoupling } = await imp('sim/mc/pimc-kernel.js');
const { saSweep, classicalFields } = await imp('sim/mc/sa-kernel.js');
const { defaultIsingBetaRange, interpolatedBetas } = await imp('sim/mc/sa-schedule.js');
const { runReads } = await imp('sim/mc/parallel.js');
const { McWasmKernel, mcWasmUnavailableReason, useMcWasm } = await imp('sim/mc/wasm-kernel.js');
const { warmUpKernels } = await imp('sim/mc/warm-up.js');
const { closeAllPools } = await imp('sim/threads/pool.js');

// --- native build ---
const buildDir = join(root, 'native-bench', 'build');
mkdirSync(buildDir, { recursive: true });
const src = join(here, 'kernels.cpp');
const bin = join(buildDir, 'pimc-kernels');
const gxx = spawnSync('g++', ['--version'], { encoding: 'utf8' });
if (gxx.status !== 0) {
  log('bench pimc: g++ is missing (apt-get install g++); it builds the native reference');
  process.exit(1);
}
if (!existsSync(bin) || statSync(bin).mtimeMs < statSync(src).mtimeMs) {
  log('building native reference: g++ -O3 -march=native -ffp-contract=off');
  execFileSync('g++', ['-O3', '-march=native', '-ffp-contract=off', '-o', bin, src], { stdio: 'inherit' });
}

// --- the instance: ±1 spin glass on 5,627 active qubits of Pegasus P16 ---
const topo = pegasusGraph(16);
const rng0 = Rng.fromSeed(2024, 1);
const nodes = Array.from(topo.nodes);
const dead = new Set();
while (nodes.length - dead.size > ACTIVE) dead.add(nodes[rng0.nextInt(nodes.length)]);
const J = [];
for (let e = 0; e < topo.edges.length; e += 2) {
  const u = topo.edges[e];
  const v = topo.edges[e + 1];
  if (dead.has(u) || dead.has(v)) continue;
  J.push([[u, v], rng0.nextSpin()]);
}
const bqm = BinaryQuadraticModel.fromIsing(
  nodes.filter((q) => !dead.has(q)).map((q) => [q, 0]),
  J,
);
const model = compileModel(bqm, 'SPIN');
const n = model.n;
const schedule = getSchedule('Advantage_system4.1');
const beta = mkToBeta(12);
log(`instance: Pegasus P16, ${n} active qubits, ${model.edgeW.length} couplers (J = ±1, h = 0); P = ${P}`);

// --- 1. kernel rates, same start and stream in JS and C++ ---
const table = buildAnnealTable(schedule, forwardPath(20), beta, KERNEL_SWEEPS);
const aTab = new Float64Array(KERNEL_SWEEPS);
const kTab = new Float64Array(KERNEL_SWEEPS);
for (let k = 0; k < KERNEL_SWEEPS; k++) {
  aTab[k] = table.betaLambda[k] / P;
  kTab[k] = sliceCoupling(table.betaGamma[k], P);
}
const saBetas = interpolatedBetas('geometric', defaultIsingBetaRange(model).range, SA_SWEEPS);
const startRng = Rng.fromSeed(7, 0);
const start = new Int8Array(n * P);
for (let k = 0; k < start.length; k++) start[k] = startRng.nextSpin();
const saStart = start.slice(0, n);
const pimcRng = Rng.fromSeed(7, 1);
const saRng = Rng.fromSeed(7, 2);

/** Process CPU seconds (user + system): less sensitive than wall time to other jobs on a shared machine. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function checksum(x) {
  let h = 2166136261;
  for (let k = 0; k < x.length; k++) {
    h ^= x[k] & 0xff;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

/**
 * Our kernels from the bench's start: kind 'ts' (pimc-kernel.ts, sa-kernel.ts) or 'wasm' (the engine's
 * WebAssembly kernels on one wasm memory per run, laid out as tasks.ts does for a thread's reads).
 */
function runJsKernels(kind) {
  const kern = kind === 'wasm' ? McWasmKernel.create(model, P) : undefined;
  const st = kern ? kern.pimcState : new PimcState(n, P);
  st.spins.set(start);
  const r = pimcRng.clone();
  let t0 = cpuNow();
  st.recomputeFields(model);
  let metropolisSeconds = 0;
  let worldlineSeconds = 0;
  for (let k = 0; k < KERNEL_SWEEPS; k++) {
    const t1 = cpuNow();
    if (kern) kern.metropolisSweep(aTab[k], kTab[k], r);
    else metropolisSweep(model, st, aTab[k], kTab[k], r);
    const t2 = cpuNow();
    if (kern) kern.worldlineSweep(aTab[k], kTab[k], r);
    else worldlineSweep(model, st, aTab[k], kTab[k], r);
    metropolisSeconds += t2 - t1;
    worldlineSeconds += cpuNow() - t2;
  }
  const pimcSeconds = cpuNow() - t0;
  const saKern = kind === 'wasm' ? McWasmKernel.create(model, 1) : undefined;
  const spins = saKern ? saKern.spins : saStart.slice();
  const field = saKern ? saKern.field : new Float64Array(n);
  if (saKern) spins.set(saStart);
  const rs = saRng.clone();
  t0 = cpuNow();
  if (saKern) saKern.recomputeFields();
  else classicalFields(model, spins, field);
  if (saKern) for (let b = 0; b < saBetas.length; b++) saKern.saSweep(saBetas[b], rs);
  else for (let b = 0; b < saBetas.length; b++) saSweep(model, spins, field, saBetas[b], rs);
  const saSeconds = cpuNow() - t0;
  return {
    metropolisSeconds,
    worldlineSeconds,
    pimcSeconds,
    pimcChecksum: checksum(st.spins),
    saSeconds,
    saChecksum: checksum(spins),
  };
}

function runNative() {
  const parts = [
    Int32Array.of(n, P, model.colIdx.length, KERNEL_SWEEPS, SA_SWEEPS, 1),
    model.rowPtr,
    model.colIdx,
    model.weights,
    model.linear,
    aTab,
    kTab,
    saBetas,
    start,
    pimcRng.state,
    saStart,
    saRng.state,
  ];
  const bytes = Buffer.concat(parts.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  const input = join(buildDir, 'pimc-input.bin');
  writeFileSync(input, bytes);
  const r = spawnSync(bin, [input], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`native kernels failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim());
}

const pimcUpdates = n * P * KERNEL_SWEEPS * 2;
const saUpdates = n * SA_SWEEPS;
// the engine's kernels: WebAssembly unless unavailable or QAXAI_MC_KERNEL=ts
const engineKernel = useMcWasm() ? 'wasm' : 'ts';
const kernelNote = mcWasmUnavailableReason();
if (kernelNote) log(`WASM kernels unavailable (${kernelNote}): the engine runs the TypeScript kernels`);
const kinds = engineKernel === 'wasm' ? ['wasm', 'ts'] : ['ts'];
log(
  `kernel comparison: ${KERNEL_SWEEPS} PIMC sweeps (Metropolis + worldline), ${SA_SWEEPS} SA sweeps; CPU time, best of 5, interleaved (native, ${kinds.join(', ')})`,
);
const empty = () => ({ pimc: Infinity, sa: Infinity, met: Infinity, wl: Infinity });
const best = { native: empty(), ts: empty(), wasm: empty() };
const last = {};
const keep = (b, x) => {
  b.pimc = Math.min(b.pimc, x.pimcSeconds);
  b.sa = Math.min(b.sa, x.saSeconds);
  b.met = Math.min(b.met, x.metropolisSeconds);
  b.wl = Math.min(b.wl, x.worldlineSeconds);
};
// The same warm-up the worker threads do before a long run of the TypeScript kernels (src/sim/mc/warm-up.ts),
// then one full pass of each kind (JIT; wasm tier-up).
warmUpKernels();
for (const kind of kinds) runJsKernels(kind);
for (let rep = 0; rep < 5; rep++) {
  last.native = runNative();
  keep(best.native, last.native);
  for (const kind of rep % 2 ? [...kinds].reverse() : kinds) {
    last[kind] = runJsKernels(kind);
    keep(best[kind], last[kind]);
  }
}
const rate = (u, s) => u / s;
const nativePimc = rate(pimcUpdates, best.native.pimc);
const nativeSa = rate(saUpdates, best.native.sa);
const tsPimc = rate(pimcUpdates, best.ts.pimc);
const tsSa = rate(saUpdates, best.ts.sa);
const ours = best[engineKernel];
const oursPimc = rate(pimcUpdates, ours.pimc);
const oursSa = rate(saUpdates, ours.sa);
const same = (x) => x.pimcChecksum === last.native.pimcChecksum && x.saChecksum === last.native.saChecksum;
const sameTrajectory = kinds.every((k) => same(last[k]));
const line = (what, u, kind) =>
  `${what}: ours (${kind}) ${(u.ours / 1e6).toFixed(1)} M spin updates/s, native ${(u.native / 1e6).toFixed(1)} M/s, ratio ${(u.ours / u.native).toFixed(3)}`;
out(line('PIMC sweep', { ours: oursPimc, native: nativePimc }, engineKernel));
out(line('SA sweep  ', { ours: oursSa, native: nativeSa }, engineKernel));
out(
  `  of which Metropolis: ours/native time ${(best.native.met / ours.met).toFixed(3)}, worldline: ${(best.native.wl / ours.wl).toFixed(3)}`,
);
if (engineKernel !== 'ts')
  out(
    `TypeScript kernels: PIMC ${(tsPimc / 1e6).toFixed(1)} M/s (ratio ${(tsPimc / nativePimc).toFixed(3)}), SA ${(tsSa / 1e6).toFixed(1)} M/s (ratio ${(tsSa / nativeSa).toFixed(3)})`,
  );
out(`identical trajectories (${kinds.join(', ')} vs C++, same stream): ${sameTrajectory}`);

// --- 2. full chip ---
let full = null;
if (FULL) {
  const fullTable = buildAnnealTable(schedule, forwardPath(20), beta, SWEEPS);
  const task = {
    kind: 'pimc',
    model,
    betaGamma: fullTable.betaGamma,
    betaLambda: fullTable.betaLambda,
    numSlices: P,
    seed: 11,
    clusterMoves: true,
    readout: 'slice',
    readoutSlice: 0,
  };
  log(`full chip: ${READS} reads × ${SWEEPS} sweeps × ${P} slices on ${THREADS} worker threads …`);
  const t0 = performance.now();
  const cpu0 = cpuNow();
  let lastPct = -1;
  const res = await runReads(task, READS, {
    threads: THREADS,
    minSecondsForThreads: 0,
    onProgress: (p) => {
      const pct = Math.floor((100 * p.done) / p.total);
      if (pct >= lastPct + 10) {
        lastPct = pct;
        log(`  ${p.done}/${p.total} reads, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  // CPU seconds of this process (main + worker threads): on a shared machine, cpu / threads estimates the wall
  // time the same run takes with the cores to itself.
  const cpuSeconds = cpuNow() - cpu0;
  await closeAllPools();
  const scale = (100 * 1000) / (READS * SWEEPS);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  let minE = Infinity;
  for (let r = 0; r < READS; r++) {
    let e = 0;
    for (let q = 0; q < model.edgeW.length; q++)
      e += model.edgeW[q] * res.spins[r * n + model.edgeU[q]] * res.spins[r * n + model.edgeV[q]];
    minE = Math.min(minE, e);
  }
  full = {
    kernel: engineKernel,
    seconds,
    reads: READS,
    sweeps: SWEEPS,
    threads: res.threads,
    updatesPerSecond: res.updates / seconds,
    fullChipSeconds: seconds * scale,
    extrapolated: scale !== 1,
    cpuSeconds,
    fullChipSecondsIfUnloaded: (cpuSeconds / res.threads) * scale,
    peakRssMiB,
    lowestEnergy: minE,
  };
  out(
    `full chip: ${seconds.toFixed(1)} s for ${READS} reads × ${SWEEPS} sweeps on ${res.threads} threads, ` +
      `${(full.updatesPerSecond / 1e6).toFixed(1)} M updates/s, peak RSS ${peakRssMiB.toFixed(0)} MiB, lowest energy ${minE}` +
      (scale !== 1 ? `; 100 reads × 1000 sweeps extrapolate to ${full.fullChipSeconds.toFixed(0)} s` : '') +
      `; CPU ${cpuSeconds.toFixed(1)} s, i.e. ${full.fullChipSecondsIfUnloaded.toFixed(0)} s for the full run on ${res.threads} otherwise idle cores`,
  );
}

const result = {
  tsOverNativeRate: oursPimc / nativePimc,
  saTsOverNativeRate: oursSa / nativeSa,
  kernel: engineKernel,
  tsPimcUpdatesPerSecond: oursPimc,
  nativePimcUpdatesPerSecond: nativePimc,
  tsSaUpdatesPerSecond: oursSa,
  nativeSaUpdatesPerSecond: nativeSa,
  metropolisTsOverNativeRate: best.native.met / ours.met,
  worldlineTsOverNativeRate: best.native.wl / ours.wl,
  tsKernelOverNativeRate: tsPimc / nativePimc,
  saTsKernelOverNativeRate: tsSa / nativeSa,
  tsKernelPimcUpdatesPerSecond: tsPimc,
  tsKernelSaUpdatesPerSecond: tsSa,
  sameTrajectory,
  fullChipSeconds: full ? full.fullChipSeconds : null,
  fullChipExtrapolated: full ? full.extrapolated : null,
  fullChipSecondsIfUnloaded: full ? full.fullChipSecondsIfUnloaded : null,
  fullChip: full,
  n,
  slices: P,
  note: 'tsOverNativeRate / saTsOverNativeRate: the engine kernels (kernel) ÷ native C++ spin updates/s, process CPU time, best of 5; tsKernel*: the TypeScript kernels; fullChip runs the engine (worker threads)',
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), loadavg: loadavg() },
};
if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
