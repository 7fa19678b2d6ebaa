/**
 * The paper's evaluation on an evaluation subset, for Grad-CAM, Grad-CAM++ and QA-fGradCAM side by side:
 * Average Drop % per class (mean ± SEM over classes), Increase in Confidence %, deletion/insertion AUC,
 * class disentanglement (Bhattacharyya matrix of per-class histograms of the maps each method uses) and the
 * annealing statistics (minimum gaps, where they fall, success probability F per d, F versus d for several τ).
 */

import { CancelledError } from '../errors.js';
import type { Progress } from '../sim/sampler.js';
import { classProbabilities, mapsAndGradients } from './attribution.js';
import { type EvalSubset, subsetImages } from './eval-subset.js';
import {
  EXPLAIN_METHODS,
  type ExplainMethod,
  explainFromMaps,
  heatmapAt,
  type ImageExplanation,
} from './explainer.js';
import type { FeatureModel } from './feature-model.js';
import { encodePng, overlayRgba } from './image-io.js';
import {
  averageDropPerImage,
  classHistograms,
  type Disentanglement,
  disentanglement,
  increasePerImage,
  meanSem,
  perClassMean,
  perturbationSeries,
  quantiles,
  trapezoidAuc,
} from './metrics.js';
import type { QaSelection, QaSolveOptions } from './qa-select.js';
import type { FeatureQubo, FeatureQuboOptions } from './qubo.js';

export interface EvaluationOptions {
  fm: FeatureModel;
  subset: EvalSubset;
  /** Images per class taken from the subset (the first ones of each class). */
  perClass: number;
  qa: QaSolveOptions & FeatureQuboOptions;
  /** Annealing times for the F-versus-d study (needs qa.analyzer); paper: 10, 50, 100. */
  tauSweep?: number[];
  /** Steps of the deletion/insertion curves (default 28). */
  curveSteps?: number;
  /** Images per class rendered in the heatmap grid (default 1). */
  gridPerClass?: number;
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
}

export interface QuantileRow {
  d: number;
  count: number;
  median: number;
  q1: number;
  q3: number;
}

export interface AnnealingSummary {
  available: boolean;
  engine: string | null;
  tau: number;
  minGaps: number[];
  sAtMin: number[];
  successProbabilities: number[];
  minGapMedian: number | null;
  minGapQuartiles: [number, number] | null;
  sAtMinMedian: number | null;
  successProbabilityMedian: number | null;
  /** Median F with quartiles per d at the main τ. */
  successByD: QuantileRow[];
  /** F versus d for each τ of the sweep. */
  tauSweep: { tau: number; byD: QuantileRow[] }[];
  dHistogram: { d: number; count: number }[];
  note?: string;
}

export interface ImageRecord {
  row: number;
  testIndex: number;
  label: number;
  predicted: number;
  probability: number;
  d: number;
  selected: Partial<Record<ExplainMethod, number[]>>;
  averageDrop: Partial<Record<ExplainMethod, number>>;
  deletionAuc: Partial<Record<ExplainMethod, number>>;
  insertionAuc: Partial<Record<ExplainMethod, number>>;
  qaEnergy: number | null;
  minGap: number | null;
  sAtMin: number | null;
  successProbability: number | null;
}

export interface EvaluationResult {
  images: number;
  perClass: number;
  classNames: string[];
  numMaps: number;
  layer: string;
  misclassified: number;
  sampler: { name: string; parameters: Record<string, unknown>; notApplicable: string[] };
  qubo: { beta: number; form: string };
  methods: Record<ExplainMethod, MethodScores>;
  disentanglement: Record<ExplainMethod, Disentanglement>;
  annealing: AnnealingSummary;
  perImage: ImageRecord[];
  /** PNGs of the heatmap grid: per class, the image then each method's overlay. */
  grid: { label: number; row: number; image: Uint8Array; overlays: Record<ExplainMethod, Uint8Array> }[];
  wallSeconds: number;
}

function groupByD(ds: readonly number[], values: readonly (number | null)[]): QuantileRow[] {
  const by = new Map<number, number[]>();
  ds.forEach((d, i) => {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    if (!by.has(d)) by.set(d, []);
    by.get(d)!.push(v);
  });
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([d, v]) => {
      const q = quantiles(v);
      return { d, count: q.n, median: q.median, q1: q.q1, q3: q.q3 };
    });
}

export async function evaluate(o: EvaluationOptions): Promise<EvaluationResult> {
  const t0 = performance.now();
  const { fm, subset } = o;
  const K = subset.classNames.length;
  const rows: number[] = [];
  for (let c = 0; c < K; c++) {
    const ofClass = subset.labels.flatMap((l, r) => (l === c ? [r] : [])).slice(0, o.perClass);
    rows.push(...ofClass);
  }
  const [, h, w, ch] = subset.shape;
  const shape: [number, number, number] = [h, w, ch];
  const px = h * w * ch;
  const images = subsetImages(subset, rows);
  const labels = rows.map((r) => subset.labels[r]!);
  const N = rows.length;
  const curveSteps = o.curveSteps ?? 28;
  const tauSweep = o.tauSweep ?? [];
  const analyzer = o.qa.analyzer;
  const total = N + 3 + (analyzer ? N * tauSweep.length : 0);
  let done = 0;
  const tick = (label: string) => o.onProgress?.({ done: ++done, total, label });
  const check = () => {
    if (o.signal?.aborted) throw new CancelledError('evaluation cancelled');
  };

  // explanations (targets = the true labels; the subset holds correctly classified images)
  const batch = mapsAndGradients(fm, images, shape, labels);
  const concurrency = o.concurrency ?? 1;
  const explanations = await mapInOrder(N, concurrency, async (i) => {
    check();
    const e = await explainFromMaps(batch, i, {
      methods: EXPLAIN_METHODS,
      qa: o.qa,
      indexOffset: rows[i]!,
      ...(o.remote ? { select: o.remote.select } : {}),
    });
    tick('images');
    return e;
  });
  const misclassified = labels.filter((l, i) => batch.predicted[i] !== l).length;
  const Y = Float64Array.from(explanations, (e) => e.probability);

  const methods = {} as Record<ExplainMethod, MethodScores>;
  const dis = {} as Record<ExplainMethod, Disentanglement>;
  const perImage: ImageRecord[] = explanations.map((e, i) => {
    const qa = e.methods.qa!;
    return {
      row: rows[i]!,
      testIndex: subset.testIndices[rows[i]!]!,
      label: labels[i]!,
      predicted: e.predictedClass,
      probability: e.probability,
      d: qa.qubo!.d,
      selected: {},
      averageDrop: {},
      deletionAuc: {},
      insertionAuc: {},
      qaEnergy: qa.qa!.energy,
      minGap: qa.qa!.annealing?.minGap ?? null,
      sAtMin: qa.qa!.annealing?.sAtMin ?? null,
      successProbability: qa.qa!.annealing?.successProbability ?? null,
    };
  });
  for (const m of EXPLAIN_METHODS) {
    check();
    const heat = explanations.map((e) => heatmapAt(e.methods[m]!.cam, batch.mapShape, h, w));
    const masked = new Float32Array(N * px);
    for (let i = 0; i < N; i++)
      for (let p = 0; p < h * w; p++)
        for (let c = 0; c < ch; c++)
          masked[i * px + p * ch + c] = images[i * px + p * ch + c]! * heat[i]![p]!;
    const O = classProbabilities(fm, masked, shape, labels);
    const drop = averageDropPerImage(Y, O);
    const inc = increasePerImage(Y, O);
    const del = new Float64Array(N);
    const ins = new Float64Array(N);
    for (const [mode, out] of [
      ['deletion', del],
      ['insertion', ins],
    ] as const) {
      const series = new Float32Array(N * (curveSteps + 1) * px);
      for (let i = 0; i < N; i++)
        series.set(
          perturbationSeries(images.subarray(i * px, (i + 1) * px), heat[i]!, ch, curveSteps, mode),
          i * (curveSteps + 1) * px,
        );
      const cls = Int32Array.from(
        { length: N * (curveSteps + 1) },
        (_, k) => labels[Math.floor(k / (curveSteps + 1))]!,
      );
      const p = classProbabilities(fm, series, shape, cls);
      for (let i = 0; i < N; i++)
        out[i] = trapezoidAuc(p.subarray(i * (curveSteps + 1), (i + 1) * (curveSteps + 1)));
    }
    const dropClass = perClassMean(drop, labels, K);
    const delClass = perClassMean(del, labels, K);
    const insClass = perClassMean(ins, labels, K);
    const incClass = perClassMean(inc, labels, K).map((v) => 100 * v);
    const ds = meanSem(dropClass);
    const dl = meanSem(delClass);
    const il = meanSem(insClass);
    const selections = explanations.map((e) => e.methods[m]!.selectedMaps);
    methods[m] = {
      averageDrop: { perClass: dropClass, mean: ds.mean, sem: ds.sem },
      increaseInConfidence: { perClass: incClass, mean: meanSem(incClass).mean },
      deletionAuc: { perClass: delClass, mean: dl.mean, sem: dl.sem },
      insertionAuc: { perClass: insClass, mean: il.mean, sem: il.sem },
      meanSelectedMaps: selections.reduce((a, s) => a + s.length, 0) / Math.max(1, N),
    };
    dis[m] = disentanglement(classHistograms(selections, labels, K, batch.mapShape[2]));
    perImage.forEach((r, i) => {
      r.selected[m] = selections[i]!;
      r.averageDrop[m] = drop[i]!;
      r.deletionAuc[m] = del[i]!;
      r.insertionAuc[m] = ins[i]!;
    });
    tick('metrics');
  }

  // annealing statistics
  const ds = perImage.map((r) => r.d);
  const gaps = perImage.map((r) => r.minGap).filter((v): v is number => v !== null);
  const sMin = perImage.map((r) => r.sAtMin).filter((v): v is number => v !== null);
  const Fs = perImage.map((r) => r.successProbability).filter((v): v is number => v !== null);
  const sweep: AnnealingSummary['tauSweep'] = [];
  if (analyzer && tauSweep.length > 0) {
    // every (τ, image) anneal at once, up to `concurrency`
    const fAt = await mapInOrder(tauSweep.length * N, concurrency, async (k) => {
      check();
      const tau = tauSweep[Math.floor(k / N)]!;
      const q = explanations[k % N]!.methods.qa!.qubo!;
      const f =
        q.d === 0
          ? null
          : o.remote
            ? await o.remote.success(q, tau)
            : (await analyzer(q.bqm, { tau, dt: o.qa.dt ?? 0.01, gap: false })).successProbability;
      tick(`τ = ${tau}`);
      return f;
    });
    tauSweep.forEach((tau, t) => {
      sweep.push({ tau, byD: groupByD(ds, fAt.slice(t * N, (t + 1) * N)) });
    });
  }
  const dCounts = new Map<number, number>();
  for (const d of ds) dCounts.set(d, (dCounts.get(d) ?? 0) + 1);
  const gq = quantiles(gaps);
  const engine =
    explanations.map((e) => e.methods.qa?.qa?.annealing?.engine).find((v) => v !== undefined) ?? null;
  const annealing: AnnealingSummary = {
    available: analyzer !== undefined,
    engine,
    tau: o.qa.tau ?? 50,
    minGaps: gaps,
    sAtMin: sMin,
    successProbabilities: Fs,
    minGapMedian: gaps.length ? gq.median : null,
    minGapQuartiles: gaps.length ? [gq.q1, gq.q3] : null,
    sAtMinMedian: sMin.length ? quantiles(sMin).median : null,
    successProbabilityMedian: Fs.length ? quantiles(Fs).median : null,
    successByD: groupByD(
      ds,
      perImage.map((r) => r.successProbability),
    ),
    tauSweep: sweep,
    dHistogram: [...dCounts.entries()].sort((a, b) => a[0] - b[0]).map(([d, count]) => ({ d, count })),
    ...(analyzer
      ? {}
      : {
          note: 'no annealing engine in this build: minimum gaps and success probabilities were not computed',
        }),
  };
  tick('annealing');

  // heatmap grid
  const gridPer = o.gridPerClass ?? 1;
  const grid: EvaluationResult['grid'] = [];
  for (let c = 0; c < K; c++) {
    const idx = labels.flatMap((l, i) => (l === c ? [i] : [])).slice(0, gridPer);
    for (const i of idx) {
      const img = images.subarray(i * px, (i + 1) * px);
      const overlays = {} as Record<ExplainMethod, Uint8Array>;
      for (const m of EXPLAIN_METHODS) {
        const ov = overlayRgba(
          img,
          shape,
          explanations[i]!.methods[m]!.cam,
          [batch.mapShape[0], batch.mapShape[1]],
          { scale: 4 },
        );
        overlays[m] = encodePng(ov.rgba, ov.width, ov.height);
      }
      const big = overlayRgba(img, shape, new Float64Array(4), [2, 2], { scale: 4, alpha: 0 });
      grid.push({ label: c, row: rows[i]!, image: encodePng(big.rgba, big.width, big.height), overlays });
    }
  }
  const qa0 = explanations.map((e) => e.methods.qa?.qa).find((q) => q !== undefined && q.reads > 0);
  return {
    images: N,
    perClass: o.perClass,
    classNames: [...subset.classNames],
    numMaps: batch.mapShape[2],
    layer: fm.layerName,
    misclassified,
    sampler: {
      name: o.qa.sampler.name,
      parameters: qa0?.parameters ?? {},
      notApplicable: qa0?.notApplicable ?? [],
    },
    qubo: { beta: o.qa.beta ?? 0.7, form: o.qa.form ?? 'paper' },
    methods,
    disentanglement: dis,
    annealing,
    perImage,
    grid,
    wallSeconds: (performance.now() - t0) / 1000,
  };
}
