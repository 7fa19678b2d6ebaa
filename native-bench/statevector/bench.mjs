#!/usr/bin/env node
// `npm run bench -- statevector [--json] [--sizes 20,22,24,26] [--gap-n 20] [--gap-points 11] [--skip-python]
//   [--parts steps,qutip,gap,gpu] [--thread-rounds 3] [--gpu-sizes 16,18,20,22] [--gpu-steps 20]`
//
// 1. Trotter step: our single-thread step as the engine runs it (the WebAssembly SIMD kernels of
//    dist/sim/statevector/wasm-kernel.js where available, else the TypeScript kernels), the float64 TypeScript
//    reference step (dist/sim/statevector/step.js), and the same algorithm in C++ (trotter.cpp, g++ -O3
//    -march=native; kernels plain, vec2 and vec4), at each n, in process CPU time per step (median). Our
//    2-thread step against our 1-thread step in wall time: one evolve() of K steps each, alternated for
//    --thread-rounds rounds, best round of each (other load only ever slows a round down).
//    Checks: the WASM state equals the TypeScript state bit for bit, the 2-thread state equals the 1-thread
//    state, and every C++ kernel ends on the same checksum.
// 2. QuTiP sesolve (Debian python3-qutip, run with /usr/bin/python3, atol 1e-8 / rtol 1e-6) on the n = 12 linear
//    anneal with τ = 10, against our run at the coarsest of dt = τ/50, τ/100, … whose final state has fidelity
//    ≥ 0.9999 with QuTiP's.
// 3. Minimum-gap scan at n = 20: SciPy eigsh (k lowest, which='SA', warm v0) on the same grid plus
//    minimize_scalar refinement, against ours (minimumGap, Lanczos).
// 4. (opt-in, `--parts gpu`) the gpu.js backend (WebGPU where an adapter exists, else gpu.js's WebAssembly
//    backend) against the engine's float64 cpu backend on all threads: wall time per step through evolve(), and
//    the fidelity of the two final states (float32 against float64).
// With --json the last line of stdout is one JSON object of the ratios.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
const threadRounds = Number(flag('--thread-rounds', '3'));
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
const { allocateWasmState, wasmUnavailableReason } = await import(dist('sim/statevector/wasm-kernel.js'));
const { annealCompiled } = await import(dist('sim/statevector/anneal.js'));
const { minimumGap } = await import(dist('sim/spectrum/gap.js'));
const { defaultThreadCount } = await import(dist('sim/threads/pool.js'));
const { availableGpuMode } = await import(dist('sim/gpu.js'));

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
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
/**
 * Seconds our threads spent runnable but waiting for a core (Linux /proc schedstat, summed over the process's
 * threads; null elsewhere). Per second of wall time: how many of our threads the machine's other load kept off
 * a core.
 */
const runqueueSeconds = () => {
  try {
    let ns = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        ns += Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[1]);
      } catch {}
    }
    return ns / 1e9;
  } catch {
    return null;
  }
};
const kernelNote = wasmUnavailableReason();
if (kernelNote) log(`WASM kernels unavailable (${kernelNote}): "ours" is the TypeScript step`);
const nativeKernels = ['plain', 'vec2', 'vec4'];
/** A plan of K identical steps (shared, for the worker team). */
const repeatedPlan = (K) => {
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
const maxAbsDiff = (x, y) => {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
};
for (const n of parts.has('steps') ? sizes : []) {
  const reps = n <= 20 ? 7 : n <= 22 ? 5 : 3;
  const model = compileModel(benchModel(n), 'SPIN');
  const N = 2 ** n;
  const sdiag = buildDiagonal(model, { shared: true });
  // ours: the state in wasm memory, as annealCompiled allocates it (tables for 2 threads for part 1b)
  const ws = allocateWasmState(n, sdiag, 2);
  const ours = ws?.amps ?? new Float64Array(new SharedArrayBuffer(16 * N));
  const oursDiag = ws?.diag ?? sdiag;
  // the TypeScript reference on an ordinary buffer
  const tsDiag = buildDiagonal(model);
  let ref = new Float64Array(2 * N);
  for (let z = 0; z < N; z++) {
    ref[2 * z] = 1 / Math.sqrt(N);
    ours[2 * z] = 1 / Math.sqrt(N);
  }
  const table = newLevelTable(tsDiag);
  const oursTable = newLevelTable(oursDiag);
  const t1 = [];
  const w1 = [];
  const tTs = [];
  for (let r = 0; r < reps + 1; r++) {
    let c0 = cpuSeconds();
    const t0 = performance.now();
    if (ws) ws.kernel.step(oursDiag, phi, Math.cos(th), Math.sin(th));
    else trotterStep(ours, n, oursDiag, oursTable, phi, Math.cos(th), Math.sin(th));
    const dc = cpuSeconds() - c0;
    const dw = (performance.now() - t0) / 1000;
    c0 = cpuSeconds();
    trotterStep(ref, n, tsDiag, table, phi, Math.cos(th), Math.sin(th));
    const dt = cpuSeconds() - c0;
    if (r > 0) {
      t1.push(dc);
      w1.push(dw);
      tTs.push(dt);
    }
  }
  const oursEqualsTs = maxAbsDiff(ours, ref) === 0;
  ref = null; // let the reference state go before the threads part
  let check = 0;
  for (let z = 0; z < N; z += 97) check += ours[2 * z] - 0.5 * ours[2 * z + 1];
  const row = {
    kernel: ws ? 'wasm' : 'ts',
    stepSeconds: median(t1),
    stepWallSeconds: median(w1),
    tsKernelStepSeconds: median(tTs),
    oursEqualsTsKernel: oursEqualsTs,
  };
  // 1b. threads: alternate 1-thread and 2-thread evolve() runs of K steps on the engine's state
  // steps per evolve() call: ≈ 0.4 s of work, so the team's per-call start-up does not count
  const K = Math.max(2, Math.round(0.4 / Math.max(1e-4, row.stepSeconds)));
  await evolve(ours, n, oursDiag, repeatedPlan(1), { threads: 2 });
  await evolve(ours, n, oursDiag, repeatedPlan(1), { threads: 1 });
  const start = Float64Array.from(ours);
  const one = [];
  const two = [];
  const twoCpu = [];
  const oneCpuSec = [];
  const twoCpuSec = [];
  const oneRq = [];
  const twoRq = [];
  let threadsAgree = true;
  for (let r = 0; r < threadRounds; r++) {
    if (r === 0) ours.set(start);
    let c1 = cpuSeconds();
    let rq = runqueueSeconds();
    let t0 = performance.now();
    await evolve(ours, n, oursDiag, repeatedPlan(K), { threads: 1 });
    const wall1 = (performance.now() - t0) / 1000;
    one.push(wall1 / K);
    oneCpuSec.push(cpuSeconds() - c1);
    oneRq.push(rq === null ? null : (runqueueSeconds() - rq) / wall1);
    const after1 = r === 0 ? Float64Array.from(ours) : null;
    if (r === 0) ours.set(start);
    c1 = cpuSeconds();
    rq = runqueueSeconds();
    t0 = performance.now();
    const ev = await evolve(ours, n, oursDiag, repeatedPlan(K), { threads: 2 });
    const wall = (performance.now() - t0) / 1000;
    twoRq.push(rq === null ? null : (runqueueSeconds() - rq) / wall);
    two.push(wall / K);
    twoCpuSec.push(cpuSeconds() - c1);
    twoCpu.push((cpuSeconds() - c1) / wall);
    if (ev.threads !== 2) threadsAgree = false;
    if (after1) threadsAgree &&= maxAbsDiff(after1, ours) === 0;
  }
  row.oneThreadStepWallSeconds = Math.min(...one);
  row.twoThreadStepWallSeconds = Math.min(...two);
  row.threadSpeedup = row.oneThreadStepWallSeconds / row.twoThreadStepWallSeconds;
  row.threadSpeedupMedian = median(one) / median(two);
  // cores the 2-thread run actually had (2 on an idle machine), and the CPU time it spent over the 1-thread
  // run's (1 = no extra work from splitting; more = barrier spinning and the two threads contending)
  row.twoThreadCpuPerWall = median(twoCpu);
  row.twoThreadCpuOverOneThread = median(twoCpuSec) / median(oneCpuSec);
  // threads kept off a core by other load, per second (0 on an idle machine); rounds where both runs stayed
  // under 0.05 are "clean", and the speed-up over those alone is the one an idle machine would show
  row.oneThreadRunqueuePerWall = oneRq[0] === null ? null : median(oneRq);
  row.twoThreadRunqueuePerWall = twoRq[0] === null ? null : median(twoRq);
  const clean = one.map((_, r) => r).filter((r) => oneRq[r] !== null && oneRq[r] < 0.05 && twoRq[r] < 0.05);
  row.cleanThreadRounds = clean.length;
  row.threadSpeedupClean = clean.length
    ? Math.min(...clean.map((r) => one[r])) / Math.min(...clean.map((r) => two[r]))
    : null;
  row.threadsAgree = threadsAgree;
  if (native) {
    row.checksumAgrees = true;
    for (const kind of nativeKernels) {
      const out = execFileSync(exe, [String(n), String(reps), kind], { encoding: 'utf8' })
        .trim()
        .split(/\s+/)
        .map(Number);
      const key = kind === 'plain' ? '' : kind[0].toUpperCase() + kind.slice(1);
      row[`native${key}StepSeconds`] = out[0];
      row[`native${key}StepWallSeconds`] = out[2];
      row[`tsOverNative${key}`] = row.stepSeconds / out[0];
      row.checksumAgrees &&= Math.abs(out[1] - check) <= 1e-9 * Math.max(1, Math.abs(check));
    }
    row.tsKernelOverNative = row.tsKernelStepSeconds / row.nativeStepSeconds;
    row.tsOverNativeBest =
      row.stepSeconds /
      Math.min(
        ...nativeKernels.map(
          (k) => row[`native${k === 'plain' ? '' : k[0].toUpperCase() + k.slice(1)}StepSeconds`],
        ),
      );
  }
  perN[n] = row;
  const ms = (x) => `${(x * 1e3).toFixed(x < 0.1 ? 2 : 1)} ms`;
  log(
    `n=${n}: ours (${row.kernel}) ${ms(row.stepSeconds)} CPU/step, TypeScript kernels ${ms(row.tsKernelStepSeconds)}` +
      ` (${oursEqualsTs ? 'bit-identical' : 'STATES DIFFER'})` +
      (native
        ? `; C++ plain ${ms(row.nativeStepSeconds)}, vec2 ${ms(row.nativeVec2StepSeconds)}, vec4 ${ms(row.nativeVec4StepSeconds)}` +
          ` → ours/C++ ${row.tsOverNative.toFixed(2)} / ${row.tsOverNativeVec2.toFixed(2)} / ${row.tsOverNativeVec4.toFixed(2)}` +
          ` (checksums ${row.checksumAgrees ? 'ok' : 'DIFFER'})`
        : '') +
      `; wall (best of ${threadRounds}): 1 thread ${ms(row.oneThreadStepWallSeconds)}, 2 threads ${ms(row.twoThreadStepWallSeconds)}` +
      ` (speed-up ${row.threadSpeedup.toFixed(2)}, median ${row.threadSpeedupMedian.toFixed(2)}, 2-thread CPU/wall ${row.twoThreadCpuPerWall.toFixed(2)}, CPU 2T/1T ${row.twoThreadCpuOverOneThread.toFixed(2)}, waiting for a core ${row.twoThreadRunqueuePerWall?.toFixed(2)}, clean rounds ${row.cleanThreadRounds}${row.threadSpeedupClean ? ` → ${row.threadSpeedupClean.toFixed(2)}` : ''}, states ${threadsAgree ? 'equal' : 'DIFFER'})`,
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
  // like for like: eigsh runs on one thread (OMP_NUM_THREADS=1), so the ratio uses ours on one thread too;
  // ours on the default worker count is reported beside it
  const gapRun = async (threads) => {
    const t0 = performance.now();
    const res = await minimumGap(compileModel(BinaryQuadraticModel.fromIsing(h, J), 'SPIN'), {
      schedule: linearSchedule,
      points: gapPoints,
      levels: 2,
      method: 'lanczos',
      threads,
    });
    const seconds = (performance.now() - t0) / 1000;
    log(
      `ours (${threads} thread${threads > 1 ? 's' : ''}): minimum gap ${res.minGap.toPrecision(8)} at s = ${res.sAtMin.toFixed(6)} in ${seconds.toFixed(1)} s (${gapPoints} points + ${res.refinement.evaluations} refinements, ${res.matvecs} products)`,
    );
    return { res, seconds };
  };
  const { res, seconds: ours } = await gapRun(1);
  const threadsT = defaultThreadCount();
  const oursThreaded = threadsT > 1 ? (await gapRun(threadsT)).seconds : null;
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
      tsThreads: 1,
      tsSecondsThreaded: oursThreaded,
      threads: threadsT,
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

// ---- 4. gpu.js backend against the cpu backend ----------------------------------------------------------------
let gpu = null;
if (parts.has('gpu')) {
  const mode = await availableGpuMode();
  const gpuSizes = flag('--gpu-sizes', '16,18,20,22').split(',').map(Number);
  const K = Number(flag('--gpu-steps', '20'));
  const threads = defaultThreadCount();
  gpu = { mode, threads, steps: K, perN: {} };
  for (const n of gpuSizes) {
    const model = compileModel(benchModel(n), 'SPIN');
    const path = {
      kind: 'forward',
      timeUnit: 'engine',
      points: [
        [0, 0],
        [K * 0.05, 1],
      ],
    };
    const N = 2 ** n;
    // whole anneals (diagonal, plan, evolution, read-out) of K steps, as the engine runs them; wall time per step
    const run = async (backend) => {
      const r = await annealCompiled(model, {
        schedule: linearSchedule,
        path,
        dt: 0.05,
        convergenceCheck: false,
        keepState: true,
        threads,
        backend,
      });
      return { amps: r.state, seconds: r.wallSeconds / r.steps, kernel: r.kernel };
    };
    await run('gpu'); // compile the kernels once
    const g = await run('gpu');
    const c = await run('cpu');
    let re = 0;
    let im = 0;
    for (let z = 0; z < N; z++) {
      const [ar, ai, br, bi] = [g.amps[2 * z], g.amps[2 * z + 1], c.amps[2 * z], c.amps[2 * z + 1]];
      re += ar * br + ai * bi;
      im += ar * bi - ai * br;
    }
    const row = {
      gpuKernel: g.kernel,
      gpuStepSeconds: g.seconds,
      cpuKernel: c.kernel,
      cpuThreads: threads,
      cpuStepSeconds: c.seconds,
      cpuOverGpu: c.seconds / g.seconds,
      fidelity: re * re + im * im,
    };
    gpu.perN[n] = row;
    log(
      `gpu n=${n}: ${g.kernel} ${(g.seconds * 1e3).toFixed(2)} ms/step, cpu (${c.kernel}, ${threads} threads) ${(c.seconds * 1e3).toFixed(2)} ms/step → cpu/gpu ${row.cpuOverGpu.toFixed(2)}; fidelity ${row.fidelity.toFixed(9)}`,
    );
  }
  await closeStatevectorThreads();
}

const rows = Object.values(perN);
const summary = {
  bench: 'statevector',
  n: sizes,
  tsOverNative: native && rows.length ? Math.max(...rows.map((r) => r.tsOverNative)) : null,
  tsOverNativeBest: native && rows.length ? Math.max(...rows.map((r) => r.tsOverNativeBest)) : null,
  threadSpeedup: rows.length ? Math.min(...rows.map((r) => r.threadSpeedup)) : null,
  kernel: rows[0]?.kernel ?? null,
  qutipOverTs: qutip?.qutipOverTs ?? null,
  qutipFidelity: qutip?.qutipFidelity ?? null,
  eigshOverTs: eigsh?.eigshOverTs ?? null,
  gpuSpeedup: gpu ? Math.min(...Object.values(gpu.perN).map((r) => r.cpuOverGpu)) : null,
  perN,
  qutip,
  eigsh,
  gpu,
  note: 'tsOverNative: worst n, process CPU time per step, our engine step (kernel) ÷ trotter.cpp plain; tsOverNativeBest: the same ÷ the fastest C++ kernel (plain, vec2, vec4); threadSpeedup: worst n, wall time 1 thread ÷ 2 threads (best round of each)',
};
if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
