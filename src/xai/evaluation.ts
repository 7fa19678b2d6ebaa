/**
 * The paper's evaluation on an evaluation subset, for Grad-CAM, Grad-CAM++ and QA-fGradCAM side by side, with
 * the ablation baselines that isolate what the annealer contributes (./ablation.ts: `positive`, `top-k`,
 * `random-k`, `exact`, all through QA's heatmap formula on the same maps and gradients) and QA through other
 * samplers (`qa-<sampler>`). Per method: Average Drop % per class (mean ± SEM over classes), Increase in
 * Confidence %, deletion/insertion AUC and maps per heatmap; paired comparisons of per-image drops
 * (./eval-compare.ts); class disentanglement; the paper's Table I beside ours (./paper-table.ts); the
 * annealing statistics (./eval-annealing.ts).
 */

import { CancelledError } from '../errors.js';
import { Rng } from '../sim/rng.js';
import type { Progress, Sampler } from '../sim/sampler.js';
import { ablationSelections, type ExactMinimiser, exactMinimiser, sameSelection } from './ablation.js';
import { mapsAndGradients } from './attribution.js';
import { type AnnealingSummary, annealingSummary } from './eval-annealing.js';
import { type PairedComparison, pairedComparisons } from './eval-compare.js';
import { HeatmapJobs, scoreHeatmaps } from './eval-scores.js';
import { type EvalSubset, subsetImages } from './eval-subset.js';
import { EXPLAIN_METHODS, explainFromMaps, type ImageExplanation, subsetCam } from './explainer.js';
import type { FeatureModel } from './feature-model.js';
import { encodePng, overlayRgba } from './image-io.js';
import { classHistograms, type Disentanglement, disentanglement, meanSem, perClassMean } from './metrics.js';
import { type PaperBlock, paperBlock } from './paper-table.js';
import { imageSeed, type QaSelection, type QaSolveOptions, solveFeatureQubo } from './qa-select.js';
import { type FeatureQubo, type FeatureQuboOptions, featureQuboEnergy } from './qubo.js';

export type { AnnealingSummary, QuantileRow } from './eval-annealing.js';

/** The methods every evaluation scores, in report order; `qa-<sampler>` rows follow when asked for. */
export const EVAL_METHODS = ['gradcam', 'gradcam++', 'qa', 'positive', 'top-k', 'random-k', 'exact'] as const;

/** Display names of the methods. */
export function methodName(m: string): string {
  const names: Record<string, string> = {
    gradcam: 'Grad-CAM',
    'gradcam++': 'Grad-CAM++',
    qa: 'QA-fGradCAM',
    positive: 'positive',
    'top-k': 'top-k',
    'random-k': 'random-k',
    exact: 'exact',
  };
  return names[m] ?? (m.startsWith('qa-') ? `QA (${m.slice(3)})` : m);
}

export interface EvaluationOptions {
  fm: FeatureModel;
  subset: EvalSubset;
  /** Images per class taken from the subset (the first ones of each class). */
  perClass: number;
  qa: QaSolveOptions & FeatureQuboOptions;
  /** More samplers for QA on the same QUBOs, scored as methods `qa-<name>`. */
  compareSamplers?: Sampler[];
  /** Annealing times for the F-versus-d study (needs qa.analyzer); paper: 10, 50, 100. */
  tauSweep?: number[];
  /** Steps of the deletion/insertion curves (default 28). */
  curveSteps?: number;
  /** Images per class in the gallery (default 3). */
  gridPerClass?: number;
  /** Bootstrap resamples of the paired comparisons (default 2,000). */
  bootstrapResamples?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Images (and τ-sweep anneals) worked on at once (default 1); the results do not depend on it. */
  concurrency?: number;
  /** Runs the annealing work elsewhere (e.g. on queue workers) instead of with `qa` here; same results. */
  remote?: RemoteQaPoints;
}

/** The per-image annealing work of an evaluation, run elsewhere. */
export interface RemoteQaPoints {
  /** What solveFeatureQubo(q, qa, index) returns. */
  select(q: FeatureQubo, index: number): Promise<QaSelection>;
  /** The success probability F of the QUBO's anneal at annealing time τ (qa.analyzer's, without the gap). */
  success(q: FeatureQubo, tau: number): Promise<number | null>;
}

/** fn(0), …, fn(n − 1) with at most `limit` running at once, results in index order. */
async function mapInOrder<T>(n: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(n);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, n)) }, lane));
  return out;
}

export interface MethodScores {
  averageDrop: { perClass: number[]; mean: number; sem: number };
  increaseInConfidence: { perClass: number[]; mean: number };
  deletionAuc: { perClass: number[]; mean: number; sem: number };
  insertionAuc: { perClass: number[]; mean: number; sem: number };
  /** Mean number of maps a heatmap uses. */
  meanSelectedMaps: number;
  /** Images this method scored (exact: those with d ≤ 20). */
  images: number;
  /** QA rows: images whose selection is all of S+ (`positive`), and a ground state of the QUBO (`exact`). */
  equalsPositive?: { count: number; of: number };
  equalsExact?: { count: number; of: number };
  note?: string;
}

export interface ImageRecord {
  row: number;
  testIndex: number;
  label: number;
  predicted: number;
  probability: number;
  d: number;
  /** Reads asked of the sampler and the seed it got (both vary per image: d² reads, a seed per image). */
  reads: number;
  seed: number;
  /** Maps of each method's heatmap (random-k: its first draw; all draws in `randomKDraws`). */
  selected: Record<string, number[]>;
  randomKDraws: number[][];
  averageDrop: Record<string, number>;
  deletionAuc: Record<string, number>;
  insertionAuc: Record<string, number>;
  qaEnergy: number | null;
  /** Ground energy of the QUBO and its degeneracy (null when not enumerated). */
  exactEnergy: number | null;
  groundDegeneracy: number | null;
  /** E_1 − E_0 of H_P (best against second-best subset), the gap at s = 1. */
  classicalGap: number | null;
  minGap: number | null;
  sAtMin: number | null;
  successProbability: number | null;
}

export interface GalleryEntry {
  label: number;
  row: number;
  image: Uint8Array;
  overlays: Record<string, Uint8Array>;
}

export interface EvaluationResult {
  images: number;
  perClass: number;
  classNames: string[];
  numMaps: number;
  mapSize: [number, number];
  layer: string;
  misclassified: number;
  sampler: {
    name: string;
    /** Parameters common to every image (per-image reads and seeds are in perImage). */
    parameters: Record<string, unknown>;
    notApplicable: string[];
    reads: { rule: string; min: number; max: number };
    seeds: string;
  };
  qubo: { beta: number; form: string };
  /** Method keys in report order. */
  methodOrder: string[];
  methods: Record<string, MethodScores>;
  comparisons: PairedComparison[];
  paper: PaperBlock;
  disentanglement: Record<string, Disentanglement>;
  annealing: AnnealingSummary;
  perImage: ImageRecord[];
  /** The gallery: per class, the image then each method's overlay (PNG). */
  grid: GalleryEntry[];
  wallSeconds: number;
}

/** Seed stream of the random-k draws (beside the samplers' per-image seeds). */
const RANDOM_K_STREAM = 0x72616e64;

interface ImageWork {
  e: ImageExplanation;
  exact: ExactMinimiser | null;
  /** Selections per subset method (random-k: every draw). */
  selections: Record<string, number[][]>;
}

export async function evaluate(o: EvaluationOptions): Promise<EvaluationResult> {
  const t0 = performance.now();
  const { fm, subset } = o;
  const K = subset.classNames.length;
  const rows: number[] = [];
  for (let c = 0; c < K; c++)
    rows.push(...subset.labels.flatMap((l, r) => (l === c ? [r] : [])).slice(0, o.perClass));
  const [, h, w, ch] = subset.shape;
  const shape: [number, number, number] = [h, w, ch];
  const images = subsetImages(subset, rows);
  const labels = rows.map((r) => subset.labels[r]!);
  const N = rows.length;
  const tauSweep = o.tauSweep ?? [];
  const analyzer = o.qa.analyzer;
  const compare = o.compareSamplers ?? [];
  const check = () => {
    if (o.signal?.aborted) throw new CancelledError('evaluation cancelled');
  };
  const progress = (label: string, done: number, total: number) => o.onProgress?.({ done, total, label });

  // explanations and the selections of every method (targets = the true labels: the subset holds
  // correctly classified images); maps and gradients once
  const batch = mapsAndGradients(fm, images, shape, labels);
  const concurrency = o.concurrency ?? 1;
  let explained = 0;
  const work: ImageWork[] = await mapInOrder(N, concurrency, async (i) => {
    check();
    const e = await explainFromMaps(batch, i, {
      methods: EXPLAIN_METHODS,
      qa: o.qa,
      indexOffset: rows[i]!,
      ...(o.remote ? { select: o.remote.select } : {}),
    });
    const qa = e.methods.qa!;
    const exact = await exactMinimiser(qa.qubo!);
    const abl = ablationSelections(
      qa.qubo!,
      qa.weights,
      qa.selectedMaps,
      exact,
      Rng.fromSeed(o.qa.seed, RANDOM_K_STREAM, rows[i]!),
    );
    const selections: Record<string, number[][]> = {
      qa: [qa.selectedMaps],
      positive: [abl.positive],
      'top-k': [abl['top-k']],
      'random-k': abl['random-k'],
      exact: abl.exact ? [abl.exact] : [],
    };
    for (const s of compare) {
      const sel = await solveFeatureQubo(qa.qubo!, { ...o.qa, sampler: s, analyzer: undefined }, rows[i]!);
      selections[`qa-${s.name}`] = [sel.selected];
    }
    progress('images explained', ++explained, N);
    return { e, exact, selections };
  });
  const methodOrder = [...EVAL_METHODS, ...compare.map((s) => `qa-${s.name}`)];

  // one heatmap per distinct (image, maps); scores of each
  const jobs = new HeatmapJobs();
  const jobIds: Record<string, number[][]> = Object.fromEntries(methodOrder.map((m) => [m, []]));
  work.forEach(({ e, selections }, i) => {
    jobIds.gradcam!.push([jobs.add(i, 'gradcam', () => e.methods.gradcam!.cam)]);
    jobIds['gradcam++']!.push([jobs.add(i, 'gradcam++', () => e.methods['gradcam++']!.cam)]);
    const alpha = e.methods.qa!.weights;
    for (const m of methodOrder.slice(2))
      jobIds[m]!.push(
        selections[m]!.map((sel) => jobs.add(i, sel.join(','), () => subsetCam(batch, i, alpha, sel))),
      );
  });
  const Y = Float64Array.from(work, (x) => x.e.probability);
  const scores = scoreHeatmaps(jobs.jobs, {
    fm,
    images,
    shape,
    mapShape: batch.mapShape,
    labels,
    probability: Y,
    curveSteps: o.curveSteps ?? 28,
    check,
    onChunk: (done) => progress('heatmaps scored', done, jobs.jobs.length),
  });
  /** Per-image mean of a score over a method's heatmaps (NaN where the method has none). */
  const perImage = (m: string, s: Float64Array) =>
    jobIds[m]!.map((ids) => (ids.length ? ids.reduce((a, id) => a + s[id]!, 0) / ids.length : Number.NaN));

  const selectedOf = (m: string, i: number): number[][] =>
    m === 'gradcam' || m === 'gradcam++' ? [work[i]!.e.methods[m]!.selectedMaps] : work[i]!.selections[m]!;
  const methods: Record<string, MethodScores> = {};
  const dis: Record<string, Disentanglement> = {};
  const values: Record<string, { drop: number[]; del: number[]; ins: number[] }> = {};
  for (const m of methodOrder) {
    const drop = perImage(m, scores.drop);
    const inc = perImage(m, scores.increase);
    const del = perImage(m, scores.deletionAuc);
    const ins = perImage(m, scores.insertionAuc);
    values[m] = { drop, del, ins };
    const scored = drop.filter(Number.isFinite).length;
    const stat = (v: number[]) => {
      // over the images the method scored (exact: d ≤ 20); a class without any is NaN
      const ok = v.flatMap((x, i) => (Number.isFinite(x) ? [i] : []));
      const perClass = perClassMean(
        ok.map((i) => v[i]!),
        ok.map((i) => labels[i]!),
        K,
      );
      return { perClass, ...meanSem(perClass) };
    };
    const ad = stat(drop);
    const dl = stat(del);
    const il = stat(ins);
    const ic = stat(inc).perClass.map((v) => 100 * v);
    const sels = work.map((_, i) => selectedOf(m, i));
    const flat = sels.flat();
    methods[m] = {
      averageDrop: { perClass: ad.perClass, mean: ad.mean, sem: ad.sem },
      increaseInConfidence: { perClass: ic, mean: meanSem(ic).mean },
      deletionAuc: { perClass: dl.perClass, mean: dl.mean, sem: dl.sem },
      insertionAuc: { perClass: il.perClass, mean: il.mean, sem: il.sem },
      meanSelectedMaps: flat.length ? flat.reduce((a, s) => a + s.length, 0) / flat.length : Number.NaN,
      images: scored,
    };
    if (m === 'qa' || m.startsWith('qa-')) {
      const withExact = work.filter((x) => x.exact !== null);
      methods[m].equalsPositive = {
        count: work.filter((x) => sameSelection(x.selections[m]![0]!, x.selections.positive![0]!)).length,
        of: N,
      };
      methods[m].equalsExact = {
        count: withExact.filter((x) => isGround(x, m)).length,
        of: withExact.length,
      };
    }
    if (m === 'exact' && scored < N)
      methods[m].note = `the exact minimiser is enumerated for d ≤ 20 only: ${scored} of ${N} images`;
    // random-k: every draw counts once in its class histogram
    dis[m] = disentanglement(
      classHistograms(
        flat,
        sels.flatMap((s, i) => s.map(() => labels[i]!)),
        K,
        batch.mapShape[2],
      ),
    );
  }

  const comparisons = pairedComparisons(
    ['gradcam', 'gradcam++', 'positive', 'top-k', 'random-k', 'exact']
      .map((b) => ({ a: 'qa', b, va: values.qa!.drop, vb: values[b]!.drop }))
      .concat(
        compare.map((s) => ({
          a: `qa-${s.name}`,
          b: 'qa',
          va: values[`qa-${s.name}`]!.drop,
          vb: values.qa!.drop,
        })),
      ),
    {
      seed: o.qa.seed,
      ...(o.bootstrapResamples ? { resamples: o.bootstrapResamples } : {}),
      name: methodName,
    },
  );

  const records: ImageRecord[] = work.map(({ e, exact, selections }, i) => {
    const qa = e.methods.qa!;
    const rec: ImageRecord = {
      row: rows[i]!,
      testIndex: subset.testIndices[rows[i]!]!,
      label: labels[i]!,
      predicted: e.predictedClass,
      probability: e.probability,
      d: qa.qubo!.d,
      reads: (qa.qa!.parameters.num_reads as number | undefined) ?? qa.qa!.reads,
      seed: (qa.qa!.parameters.seed as number | undefined) ?? imageSeed(o.qa.seed, rows[i]!),
      selected: {},
      randomKDraws: selections['random-k']!,
      averageDrop: {},
      deletionAuc: {},
      insertionAuc: {},
      qaEnergy: qa.qa!.energy,
      exactEnergy: exact?.groundEnergy ?? null,
      groundDegeneracy: exact?.degeneracy ?? null,
      classicalGap: exact?.classicalGap ?? null,
      minGap: qa.qa!.annealing?.minGap ?? null,
      sAtMin: qa.qa!.annealing?.sAtMin ?? null,
      successProbability: qa.qa!.annealing?.successProbability ?? null,
    };
    for (const m of methodOrder) {
      const sel = selectedOf(m, i)[0];
      if (sel) rec.selected[m] = sel;
      const v = values[m]!;
      if (Number.isFinite(v.drop[i]!)) {
        rec.averageDrop[m] = v.drop[i]!;
        rec.deletionAuc[m] = v.del[i]!;
        rec.insertionAuc[m] = v.ins[i]!;
      }
    }
    return rec;
  });
  const misclassified = labels.filter((l, i) => batch.predicted[i] !== l).length;

  // annealing statistics (F versus d for several τ re-runs the anneal of every image)
  const sweep: { tau: number; values: (number | null)[] }[] = [];
  if (analyzer && tauSweep.length > 0) {
    // every (τ, image) anneal at once, up to `concurrency`
    let annealed = 0;
    const fAt = await mapInOrder(tauSweep.length * N, concurrency, async (k) => {
      check();
      const tau = tauSweep[Math.floor(k / N)]!;
      const q = work[k % N]!.e.methods.qa!.qubo!;
      const f =
        q.d === 0
          ? null
          : o.remote
            ? await o.remote.success(q, tau)
            : (await analyzer(q.bqm, { tau, dt: o.qa.dt ?? 0.01, gap: false })).successProbability;
      progress('F at each τ', ++annealed, tauSweep.length * N);
      return f;
    });
    tauSweep.forEach((tau, t) => sweep.push({ tau, values: fAt.slice(t * N, (t + 1) * N) }));
  }
  const engine = work.map((x) => x.e.methods.qa?.qa?.annealing?.engine).find((v) => v !== undefined) ?? null;
  const annealing = annealingSummary(records, {
    available: analyzer !== undefined,
    engine,
    tau: o.qa.tau ?? 50,
    sweep,
  });

  const camOf = (m: string, i: number) => {
    const id = jobIds[m]![i]![0];
    return id === undefined ? undefined : jobs.jobs[id]!.cam;
  };
  const grid = gallery(
    rows,
    labels,
    images,
    shape,
    batch.mapShape,
    methodOrder,
    camOf,
    o.gridPerClass ?? 3,
    K,
  );
  const solved = work.map((x) => x.e.methods.qa!.qa!).filter((q) => q.reads > 0);
  const common = { ...(solved[0]?.parameters ?? {}) };
  delete common.num_reads;
  delete common.seed;
  const reads = records.filter((r) => r.d > 0).map((r) => r.reads);
  return {
    images: N,
    perClass: o.perClass,
    classNames: [...subset.classNames],
    numMaps: batch.mapShape[2],
    mapSize: [batch.mapShape[0], batch.mapShape[1]],
    layer: fm.layerName,
    misclassified,
    sampler: {
      name: o.qa.sampler.name,
      parameters: common,
      notApplicable: solved[0]?.notApplicable ?? [],
      reads: {
        rule:
          o.qa.reads === undefined
            ? 'd² per image (the paper’s shots)'
            : typeof o.qa.reads === 'number'
              ? `${o.qa.reads} per image`
              : 'a function of d',
        min: reads.length ? Math.min(...reads) : 0,
        max: reads.length ? Math.max(...reads) : 0,
      },
      seeds: `one per image, derived from --seed ${o.qa.seed} and the image's row in the subset (perImage[].seed)`,
    },
    qubo: { beta: o.qa.beta ?? 0.7, form: o.qa.form ?? 'paper' },
    methodOrder,
    methods,
    comparisons,
    paper: paperBlock(methods, {
      numMaps: batch.mapShape[2],
      dataset: subset.dataset ?? null,
      sampler: o.qa.sampler.name,
    }),
    disentanglement: dis,
    annealing,
    perImage: records,
    grid,
    wallSeconds: (performance.now() - t0) / 1000,
  };

  function isGround(x: ImageWork, m: string): boolean {
    const sel = x.selections[m]![0]!;
    if (x.exact === null) return false;
    if (sameSelection(sel, x.exact.selected)) return true;
    // a degenerate ground level: compare energies
    const q = x.e.methods.qa!.qubo!;
    const e = featureQuboEnergy(
      q,
      q.kept.map((a) => (sel.includes(a) ? 1 : 0)),
    );
    return Math.abs(e - x.exact.groundEnergy) <= 1e-9 * Math.max(1, Math.abs(x.exact.groundEnergy));
  }
}

/** PNGs of `perClass` images per class: the image and each method's overlay (random-k: its first draw). */
function gallery(
  rows: readonly number[],
  labels: readonly number[],
  images: Float32Array,
  shape: [number, number, number],
  mapShape: readonly [number, number, number],
  methodOrder: readonly string[],
  camOf: (m: string, i: number) => ArrayLike<number> | undefined,
  perClass: number,
  K: number,
): GalleryEntry[] {
  const px = shape[0] * shape[1] * shape[2];
  const out: GalleryEntry[] = [];
  for (let c = 0; c < K; c++)
    for (const i of labels.flatMap((l, i) => (l === c ? [i] : [])).slice(0, perClass)) {
      const img = images.subarray(i * px, (i + 1) * px);
      const png = (cam: ArrayLike<number>, alpha?: number) => {
        const ov = overlayRgba(img, shape, cam, [mapShape[0], mapShape[1]], {
          scale: 3,
          ...(alpha === undefined ? {} : { alpha }),
        });
        return encodePng(ov.rgba, ov.width, ov.height);
      };
      const overlays: Record<string, Uint8Array> = {};
      for (const m of methodOrder) {
        const cam = camOf(m, i);
        if (cam) overlays[m] = png(cam);
      }
      out.push({
        label: c,
        row: rows[i]!,
        image: png(new Float64Array(mapShape[0] * mapShape[1]), 0),
        overlays,
      });
    }
  return out;
}
