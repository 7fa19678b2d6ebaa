#!/usr/bin/env node
// `npm run bench -- xai [--json] [--repeats N] [--no-paper] [--row R]`
//
// One QA-fGradCAM explanation at N_f = 16 (the committed Fashion-MNIST model) in the paper's setting: the
// statevector sampler on the linear schedule, τ = 50, dt = 0.01 (5,000 Trotter steps), d² shots, lowest-energy
// bit string, plus the per-image minimum gap and success probability F. The instance is the evaluation-subset
// image with the largest d (the hardest QUBO of the 200), unless --row picks one. Timed end to end (maps and
// gradients, QUBO, sampler, gap, heatmap PNG; median of --repeats after a warm-up), then the same QUBO goes
// through the paper's own procedure (paper_approach.py: SciPy expm_multiply + eigsh at every one of the 5,000
// steps, Debian python3-scipy via /usr/bin/python3) for the ratio and a check that both agree.
// With --json the last stdout line is one JSON object:
//   {explainSeconds, withinBudget, paperSeconds, paperOverOurs, d, nf, minGap{ours,paper}, successProbability{ours,paper}, …}
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
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
  if (!Number.isInteger(v) || v < 0) {
    process.stderr.write(`bench xai: --${name} needs a non-negative integer\n`);
    process.exit(2);
  }
  return v;
};
const REPEATS = Math.max(1, opt('repeats', 5));
const ROW = opt('row', -1);
const PAPER = !args.includes('--no-paper');
const log = (s) => process.stderr.write(`${s}\n`);
const out = (s) => (json ? log(s) : process.stdout.write(`${s}\n`));

const dist = join(root, 'dist');
if (!existsSync(join(dist, 'xai', 'explain-image.js'))) {
  log('bench xai: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
const imp = (p) => import(pathToFileURL(join(dist, p)).href);
const { initTf } = await imp('xai/tf-runtime.js');
const { loadModel, defaultModelDir } = await imp('xai/model-io.js');
const { FeatureModel } = await imp('xai/feature-model.js');
const { readEvalSubset, subsetImages } = await imp('xai/eval-subset.js');
const { mapsAndGradients } = await imp('xai/attribution.js');
const { gradcamWeights } = await imp('xai/cam.js');
const { buildFeatureQubo } = await imp('xai/qubo.js');
const { explainImage } = await imp('xai/explain-image.js');
const { defaultAnnealAnalyzer } = await imp('xai/sim-analyzer.js');
const { samplerEntries } = await imp('cli/samplers.js');

const TAU = 50;
const DT = 0.01;
const SEED = 7;
const runtime = await initTf();
const lm = await loadModel(defaultModelDir());
const fm = new FeatureModel(lm.model, lm.meta.targetLayer);
const subset = readEvalSubset(join(lm.dir, 'eval-subset.json'));
const [count, h, w, c] = subset.shape;
const all = Array.from({ length: count }, (_, i) => i);
const batch = mapsAndGradients(fm, subsetImages(subset, all), [h, w, c], subset.labels);
const [fh, fw, k] = batch.mapShape;
const ds = all.map((i) => {
  const a = gradcamWeights(batch.gradients, fh, fw, k, i * fh * fw * k);
  return a.filter((v) => v > 0).length;
});
const row = ROW >= 0 ? ROW : ds.indexOf(Math.max(...ds));
if (row >= count) {
  log(`bench xai: --row ${row} is past the ${count} subset images`);
  process.exit(2);
}
const image = { pixels: subsetImages(subset, [row]), shape: [h, w, c], notes: [] };
const entry = samplerEntries.find((e) => e.name === 'statevector');
if (!entry) {
  log('bench xai: this build has no statevector sampler');
  process.exit(1);
}
const sampler = await entry.create({ threads: 1 });
const analyzer = defaultAnnealAnalyzer();
const request = {
  fm,
  classNames: subset.classNames,
  image,
  method: 'qa',
  target: subset.labels[row],
  qa: { sampler, seed: SEED, tau: TAU, dt: DT, beta: 0.7, form: 'paper', analyzer },
};
await explainImage(request); // warm-up (JIT, tfjs kernels)
const times = [];
let res;
for (let r = 0; r < REPEATS; r++) {
  const t0 = performance.now();
  res = await explainImage(request);
  times.push((performance.now() - t0) / 1000);
}
await sampler.close?.();
times.sort((a, b) => a - b);
const ours = times[Math.floor(times.length / 2)];
const d = res.qubo.d;
out(
  `machine: ${cpus()[0]?.model ?? '?'} ×${cpus().length}, load ${loadavg()[0].toFixed(2)}; tfjs ${runtime.backend}`,
);
out(
  `instance: subset row ${row} (class ${subset.labels[row]} ${subset.classNames[subset.labels[row]]}), N_f = ${k}, d = ${d} (d over the 200 images: ${Math.min(...ds)}–${Math.max(...ds)})`,
);
out(
  `ours: one explanation (maps + gradients, QUBO, statevector τ = ${TAU}, dt = ${DT}, ${d * d} shots, gap search, PNG) ` +
    `median ${(1000 * ours).toFixed(1)} ms of ${REPEATS} (min ${(1000 * times[0]).toFixed(1)}, max ${(1000 * times[times.length - 1]).toFixed(1)})`,
);
out(
  `      min gap ${res.annealing.minGap.toPrecision(6)} at s = ${res.annealing.sAtMin.toFixed(4)}, F = ${res.annealing.successProbability.toFixed(5)}, ` +
    `selected maps [${res.selectedMaps.join(', ')}], energy ${res.qubo.energy}`,
);

let paper = null;
if (PAPER) {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import scipy.sparse.linalg'], { encoding: 'utf8' });
  if (probe.status !== 0)
    out('paper approach skipped: /usr/bin/python3 cannot import scipy (apt-get install -y python3-scipy)');
  else {
    const q = buildFeatureQubo(
      res.weights,
      batch.maps.subarray(row * fh * fw * k, (row + 1) * fh * fw * k),
      batch.mapShape,
    );
    const spec = {
      d,
      h: Array.from(q.h),
      J: Array.from({ length: d }, (_, p) => Array.from(q.J.subarray(p * d, (p + 1) * d))),
      beta: q.beta,
      qScale: 1,
      lScale: 1,
      tau: TAU,
      dt: DT,
      shots: d * d,
      seed: SEED,
    };
    const file = join(mkdtempSync(join(tmpdir(), 'qaxai-bench-xai-')), 'instance.json');
    writeFileSync(file, JSON.stringify(spec));
    const r = spawnSync('/usr/bin/python3', [join(here, 'paper_approach.py'), file], { encoding: 'utf8' });
    if (r.status !== 0) {
      log(r.stderr);
      process.exit(1);
    }
    paper = JSON.parse(r.stdout.trim().split('\n').pop());
    const paperSel = q.kept.filter((_, p) => paper.selectedBits[p] === 1);
    paper.selectedMaps = paperSel;
    out(
      `paper: SciPy expm_multiply + eigsh(k=2) at each of ${paper.steps} steps: ${paper.seconds.toFixed(2)} s; ` +
        `min gap ${paper.minGap.toPrecision(6)} at s = ${paper.sAtMin.toFixed(4)}, F = ${paper.successProbability.toFixed(5)}, selected [${paperSel.join(', ')}]`,
    );
    out(`ratio paper / ours: ${(paper.seconds / ours).toFixed(1)}×`);
  }
}
const result = {
  explainSeconds: ours,
  withinBudget: ours <= 1,
  paperSeconds: paper?.seconds ?? null,
  paperOverOurs: paper ? paper.seconds / ours : null,
  d,
  nf: k,
  row,
  minGap: { ours: res.annealing.minGap, paper: paper?.minGap ?? null },
  sAtMin: { ours: res.annealing.sAtMin, paper: paper?.sAtMin ?? null },
  successProbability: { ours: res.annealing.successProbability, paper: paper?.successProbability ?? null },
  selectedMaps: { ours: res.selectedMaps, paper: paper?.selectedMaps ?? null },
  groundEnergy: paper?.groundEnergy ?? null,
  energy: { ours: res.qubo.energy, paper: paper?.lowestEnergy ?? null },
  tfBackend: runtime.backend,
  load: loadavg()[0],
};
if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
