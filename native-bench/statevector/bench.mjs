#!/usr/bin/env node
// `npm run bench -- statevector [--json] [--sizes 20,22,24,26] [--gap-n 20] [--gap-points 11] [--skip-python]
//   [--parts steps,qutip,gap]`
//
// 1. Trotter step: our single-thread TypeScript step (dist/sim/statevector/step.js) against the same algorithm in
//    C++ (trotter.cpp, g++ -O3 -march=native), and our 2-thread step, at each n (median of repeats).
// 2. QuTiP sesolve (Debian python3-qutip, run with /usr/bin/python3, atol 1e-8 / rtol 1e-6) on the n = 12 linear
//    anneal with τ = 10, against our run at the coarsest of dt = τ/50, τ/100, … whose final state has fidelity
//    ≥ 0.9999 with QuTiP's.
// 3. Minimum-gap scan at n = 20: SciPy eigsh (k lowest, which='SA', warm v0) on the same grid plus
//    minimize_scalar refinement, against ours (minimumGap, Lanczos).
// With --json the last line of stdout is one JSON object of the ratios.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const flag = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const sizes = flag('--sizes', '20,22,24,26').split(',').map(Number);
const gapN = Number(flag('--gap-n', '20'));
const gapPoints = Number(flag('--gap-points', '11'));
const skipPython = args.includes('--skip-python');
const parts = new Set(flag('--parts', 'steps,qutip,gap').split(','));
const log = (s) => process.stderr.write(`${s}\n`);
const tmp = mkdtempSync(join(tmpdir(), 'qaxai-bench-sv-'));

const dist = (p) => pathToFileURL(join(root, 'dist', p)).href;
if (!existsSync(join(root, 'dist', 'sim', 'statevector', 'step.js'))) {
  log('building dist/ (node scripts/build.mjs) …');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
}
const { BinaryQuadraticModel } = await import(dist('hamiltonian/bqm.js'));
const { compileModel } = await import(dist('hamiltonian/compiled.js'));
const { linearSchedule } = await import(dist('hamiltonian/schedule/linear.js'));
const { buildDiagonal } = await import(dist('sim/statevector/diagonal.js'));
const { trotterStep, newLevelTable } = await import(dist('sim/statevector/step.js'));
const { evolve } = await import(dist('sim/statevector/evolve.js'));
const { closeStatevectorThreads } = await import(dist('sim/statevector/threaded.js'));
const { annealCompiled } = await import(dist('sim/statevector/anneal.js'));
const { minimumGap } = await import(dist('sim/spectrum/gap.js'));

/** The benchmark model of trotter.cpp: ring + (i, i+5) couplings, J = ±1 from a fixed hash, h = 0. */
function benchModel(n) {
  const J = [];
  for (let i = 0; i < n; i++) {
    J.push([[i, (i + 1) % n], (i * 7 + 3) % 5 < 2 ? 1 : -1]);
    J.push([[i, (i + 5) % n], (i * 11 + 1) % 3 === 0 ? 1 : -1]);
  }
  return BinaryQuadraticModel.fromIsing(
    Array.from({ length: n }, (_, i) => [i, 0]),
    J,
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ---- 1. step timings ------------------------------------------------------------------------------------
const exe = join(tmp, 'trotter');
let native = true;
try {
  execFileSync('g++', ['-O3', '-march=native', '-o', exe, join(here, 'trotter.cpp')], { stdio: 'inherit' });
} catch {
  native = false;
  log('g++ failed or is missing: the native comparison is skipped (install g++)');
}
const phi = 0.05;
const th = 0.03;
const perN = {};
for (const n of parts.has('steps') ? sizes : []) {
  const reps = n <= 20 ? 7 : n <= 22 ? 5 : 3;
  const model = compileModel(benchModel(n), 'SPIN');
  const N = 2 ** n;
  // single thread
  const diag = buildDiagonal(model);
  const a = new Float64Array(2 * N);
  for (let z = 0; z < N; z++) a[2 * z] = 1 / Math.sqrt(N);
  const table = newLevelTable(diag);
  // single thread: process CPU time per step (robust on a loaded machine) and wall time
  const t1 = [];
  const w1 = [];
  for (let r = 0; r < reps + 1; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    trotterStep(a, n, diag, table, phi, Math.cos(th), Math.sin(th));
    const dc = process.cpuUsage(c0);
    if (r > 0) {
      t1.push((dc.user + dc.system) / 1e6);
      w1.push((performance.now() - t0) / 1000);
    }
  }
  let check = 0;
  for (let z = 0; z < N; z += 97) check += a[2 * z] - 0.5 * a[2 * z + 1];
  // two threads: one evolve() call of K steps (after a warm-up call)
  const sdiag = buildDiagonal(model, { shared: true });
  const b = new Float64Array(new SharedArrayBuffer(16 * N));
  for (let z = 0; z < N; z++) b[2 * z] = 1 / Math.sqrt(N);
  const plan = (K) => {
    const data = new Float64Array(new SharedArrayBuffer(24 * K));
    for (let k = 0; k < K; k++) data.set([phi, Math.cos(th), Math.sin(th)], 3 * k);
    return {
      steps: K,
      data,
      finalPhi: 0,
      tEnd: new Float64Array(K),
      halfPhi: new Float64Array(K),
      dtMax: 1,
      duration: K,
    };
  };
  await evolve(b, n, sdiag, plan(1), { threads: 2 });
  const K = reps;
  const t2s = performance.now();
  await evolve(b, n, sdiag, plan(K), { threads: 2 });
  const t2 = (performance.now() - t2s) / 1000 / K;
  // threads: wall time against the single-thread wall time (only meaningful on a quiet machine)
  const row = {
    tsStepSeconds: median(t1),
    tsStepWallSeconds: median(w1),
    twoThreadStepWallSeconds: t2,
    threadSpeedup: median(w1) / t2,
  };
  if (native) {
    const out = execFileSync(exe, [String(n), String(reps)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/)
      .map(Number);
    row.nativeStepSeconds = out[0];
    row.nativeStepWallSeconds = out[2];
    row.tsOverNative = row.tsStepSeconds / out[0];
    row.checksumAgrees = Math.abs(out[1] - check) <= 1e-9 * Math.max(1, Math.abs(check));
  }
  perN[n] = row;
  log(
    `n=${n}: TS ${(row.tsStepSeconds * 1e3).toFixed(1)} ms CPU/step` +
      (native
        ? `, C++ ${(row.nativeStepSeconds * 1e3).toFixed(1)} ms (TS/C++ ${row.tsOverNative.toFixed(2)}, checksum ${row.checksumAgrees ? 'ok' : 'DIFFERS'})`
        : '') +
      `; wall: 1 thread ${(row.tsStepWallSeconds * 1e3).toFixed(1)} ms, 2 threads ${(t2 * 1e3).toFixed(1)} ms (speed-up ${row.threadSpeedup.toFixed(2)})`,
  );
}
await closeStatevectorThreads();

// ---- 2. QuTiP ---------------------------------------------------------------------------------------------
const py = '/usr/bin/python3';
const hasPy = (mods) =>
  !skipPython && existsSync(py) && spawnSync(py, ['-c', `import ${mods}`], { encoding: 'utf8' }).status === 0;
let qutip = null;
const qn = 12;
const qtau = 10;
/** Random ring TFIM for the QuTiP comparison: J_i,i+1 and h_i uniform in [−1, 1] from a fixed LCG. */
function qutipModel() {
  let x = 12345;
  const rnd = () => ((x = (1103515245 * x + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const h = [];
  const J = [];
  for (let i = 0; i < qn; i++) h.push([i, rnd()]);
  for (let i = 0; i < qn; i++) J.push([[i, (i + 1) % qn], rnd()]);
  return { h, J };
}
if (!parts.has('qutip')) log('QuTiP part not requested');
else if (hasPy('qutip')) {
  const { h, J } = qutipModel();
  const spec = join(tmp, 'qutip-model.json');
  writeFileSync(spec, JSON.stringify({ n: qn, tau: qtau, h, J }));
  const r = spawnSync(py, [join(here, 'qutip_anneal.py'), spec, join(tmp, 'qutip-state.json')], {
    encoding: 'utf8',
  });
  if (r.status !== 0) log(`QuTiP run failed:\n${r.stderr}`);
  else {
    const qs = JSON.parse(readFileSync(join(tmp, 'qutip-state.json'), 'utf8'));
    const model = compileModel(BinaryQuadraticModel.fromIsing(h, J), 'SPIN');
    const path = {
      kind: 'forward',
      points: [
        [0, 0],
        [qtau, 1],
      ],
      timeUnit: 'tau',
    };
    // QuTiP orders qubit 0 as the most significant bit; ours as the least
    const rev = (z) => {
      let o = 0;
      for (let i = 0; i < qn; i++) if (z & (1 << i)) o |= 1 << (qn - 1 - i);
      return o;
    };
    const fidelityWith = (state) => {
      let re = 0;
      let im = 0;
      for (let z = 0; z < 2 ** qn; z++) {
        const q = rev(z);
        const [qr, qi] = [qs.re[q], qs.im[q]];
        re += qr * state[2 * z] + qi * state[2 * z + 1];
        im += qr * state[2 * z + 1] - qi * state[2 * z];
      }
      return re * re + im * im;
    };
    let chosen = null;
    for (const steps of [50, 100, 200, 400, 800, 1600, 3200]) {
      const reps = [];
      let res;
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        res = await annealCompiled(model, {
          schedule: linearSchedule,
          path,
          steps,
          convergenceCheck: false,
          threads: 1,
          keepState: true,
        });
        reps.push((performance.now() - t0) / 1000);
      }
      const fid = fidelityWith(res.state);
      log(
        `ours at ${steps} steps: ${(median(reps) * 1e3).toFixed(1)} ms, fidelity with QuTiP ${fid.toFixed(7)}`,
      );
      if (fid >= 0.9999) {
        chosen = { steps, seconds: median(reps), fidelity: fid };
        break;
      }
    }
    if (chosen) {
      qutip = {
        qutipSeconds: qs.seconds,
        tsSeconds: chosen.seconds,
        steps: chosen.steps,
        qutipOverTs: qs.seconds / chosen.seconds,
        qutipFidelity: chosen.fidelity,
        qutipVersion: qs.version,
      };
      log(
        `QuTiP ${qs.version} sesolve: ${qs.seconds.toFixed(3)} s; ours ${(chosen.seconds * 1e3).toFixed(1)} ms → ${qutip.qutipOverTs.toFixed(0)}× faster`,
      );
    }
  }
} else
  log(
    'QuTiP comparison skipped: /usr/bin/python3 cannot import qutip (apt-get install -y python3-qutip python3-scipy)',
  );

// ---- 3. SciPy eigsh minimum-gap scan ------------------------------------------------------------------------
let eigsh = null;
if (!parts.has('gap')) log('eigsh part not requested');
else if (hasPy('scipy.sparse.linalg')) {
  const { h, J } = (() => {
    let x = 777;
    const rnd = () => ((x = (1103515245 * x + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const h = [];
    const J = [];
    for (let i = 0; i < gapN; i++) h.push([i, 0.1 * rnd()]);
    for (let i = 0; i < gapN; i++) J.push([[i, (i + 1) % gapN], rnd() < 0 ? -1 : 1]);
    for (let i = 0; i < gapN; i += 2) J.push([[i, (i + 7) % gapN], rnd() < 0 ? -1 : 1]);
    return { h, J };
  })();
  const spec = join(tmp, 'gap-model.json');
  writeFileSync(spec, JSON.stringify({ n: gapN, points: gapPoints, h, J }));
  const t0 = performance.now();
  const res = await minimumGap(compileModel(BinaryQuadraticModel.fromIsing(h, J), 'SPIN'), {
    schedule: linearSchedule,
    points: gapPoints,
    levels: 2,
    method: 'lanczos',
  });
  const ours = (performance.now() - t0) / 1000;
  log(
    `ours: minimum gap ${res.minGap.toPrecision(8)} at s = ${res.sAtMin.toFixed(6)} in ${ours.toFixed(1)} s (${gapPoints} points + ${res.refinement.evaluations} refinements)`,
  );
  const r = spawnSync(py, [join(here, 'eigsh_gap.py'), spec], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
  if (r.status !== 0) log(`SciPy eigsh run failed:\n${r.stderr}`);
  else {
    const sp = JSON.parse(r.stdout.trim().split('\n').pop());
    eigsh = {
      n: gapN,
      points: gapPoints,
      tsSeconds: ours,
      eigshSeconds: sp.seconds,
      eigshOverTs: sp.seconds / ours,
      minGapTs: res.minGap,
      minGapEigsh: sp.minGap,
      relativeDifference: Math.abs(res.minGap - sp.minGap) / sp.minGap,
    };
    log(
      `SciPy eigsh: ${sp.minGap.toPrecision(8)} at s = ${sp.sAtMin.toFixed(6)} in ${sp.seconds.toFixed(1)} s → eigsh/ours ${eigsh.eigshOverTs.toFixed(2)}`,
    );
  }
} else
  log('eigsh comparison skipped: /usr/bin/python3 cannot import scipy (apt-get install -y python3-scipy)');

const rows = Object.values(perN);
const summary = {
  bench: 'statevector',
  n: sizes,
  tsOverNative: native && rows.length ? Math.max(...rows.map((r) => r.tsOverNative)) : null,
  threadSpeedup: rows.length ? Math.min(...rows.map((r) => r.threadSpeedup)) : null,
  qutipOverTs: qutip?.qutipOverTs ?? null,
  qutipFidelity: qutip?.qutipFidelity ?? null,
  eigshOverTs: eigsh?.eigshOverTs ?? null,
  perN,
  qutip,
  eigsh,
  note: 'tsOverNative: worst n, process CPU time per step (TS ÷ C++); threadSpeedup: worst n, wall time 1 thread ÷ 2 threads',
};
if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
