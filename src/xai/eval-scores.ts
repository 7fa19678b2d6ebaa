/**
 * Faithfulness scores of many heatmaps of a set of images, each heatmap scored once: the Average Drop and
 * Increase in Confidence of the image multiplied by the (bilinearly upsampled) heatmap, and the deletion and
 * insertion AUCs (see ./metrics.ts). Methods that pick the same maps for an image share one heatmap, so the
 * ablation baselines cost only the subsets that differ.
 */

import { classProbabilities } from './attribution.js';
import { heatmapAt } from './explainer.js';
import type { FeatureModel } from './feature-model.js';
import { averageDropPerImage, increasePerImage, perturbationSeries, trapezoidAuc } from './metrics.js';

export interface HeatmapJob {
  /** Image index into the evaluated images. */
  image: number;
  /** Heatmap at the map resolution, values in [0, 1]. */
  cam: ArrayLike<number>;
}

export interface HeatmapScores {
  /** Average Drop % per job. */
  drop: Float64Array;
  /** 1 where the masked image's probability exceeds the image's. */
  increase: Float64Array;
  deletionAuc: Float64Array;
  insertionAuc: Float64Array;
}

export interface ScoreContext {
  fm: FeatureModel;
  /** The images, floats NHWC. */
  images: Float32Array;
  shape: [number, number, number];
  mapShape: readonly [number, number, number];
  /** Class scored per image. */
  labels: readonly number[];
  /** Softmax probability Y of the class on each unmasked image. */
  probability: ArrayLike<number>;
  curveSteps: number;
  /** Called after each chunk with the jobs done so far. */
  onChunk?: (done: number) => void;
  check?: () => void;
}

/** Jobs per chunk (bounds the memory of the perturbation series: chunk × (steps + 1) images). */
const CHUNK = 32;

export function scoreHeatmaps(jobs: readonly HeatmapJob[], c: ScoreContext): HeatmapScores {
  const [h, w, ch] = c.shape;
  const px = h * w * ch;
  const steps = c.curveSteps;
  const n = jobs.length;
  const out: HeatmapScores = {
    drop: new Float64Array(n),
    increase: new Float64Array(n),
    deletionAuc: new Float64Array(n),
    insertionAuc: new Float64Array(n),
  };
  for (let s = 0; s < n; s += CHUNK) {
    c.check?.();
    const part = jobs.slice(s, s + CHUNK);
    const m = part.length;
    const heat = part.map((j) => heatmapAt(j.cam, c.mapShape, h, w));
    const masked = new Float32Array(m * px);
    part.forEach((j, q) => {
      for (let p = 0; p < h * w; p++)
        for (let k = 0; k < ch; k++)
          masked[q * px + p * ch + k] = c.images[j.image * px + p * ch + k]! * heat[q]![p]!;
    });
    const cls = part.map((j) => c.labels[j.image]!);
    const O = classProbabilities(c.fm, masked, c.shape, cls);
    const Y = Float64Array.from(part, (j) => c.probability[j.image]!);
    out.drop.set(averageDropPerImage(Y, O), s);
    out.increase.set(increasePerImage(Y, O), s);
    for (const [mode, target] of [
      ['deletion', out.deletionAuc],
      ['insertion', out.insertionAuc],
    ] as const) {
      const series = new Float32Array(m * (steps + 1) * px);
      part.forEach((j, q) =>
        series.set(
          perturbationSeries(c.images.subarray(j.image * px, (j.image + 1) * px), heat[q]!, ch, steps, mode),
          q * (steps + 1) * px,
        ),
      );
      const seriesCls = Int32Array.from(
        { length: m * (steps + 1) },
        (_, k) => cls[Math.floor(k / (steps + 1))]!,
      );
      const p = classProbabilities(c.fm, series, c.shape, seriesCls);
      for (let q = 0; q < m; q++)
        target[s + q] = trapezoidAuc(p.subarray(q * (steps + 1), (q + 1) * (steps + 1)));
    }
    c.onChunk?.(Math.min(n, s + CHUNK));
  }
  return out;
}

/**
 * Collects heatmap jobs without duplicates: `add(image, key, cam)` returns the job index of that (image,
 * key), computing the heatmap only the first time (`cam` is a thunk).
 */
export class HeatmapJobs {
  readonly jobs: HeatmapJob[] = [];
  private readonly index = new Map<string, number>();

  add(image: number, key: string, cam: () => ArrayLike<number>): number {
    const id = `${image}|${key}`;
    const known = this.index.get(id);
    if (known !== undefined) return known;
    this.jobs.push({ image, cam: cam() });
    this.index.set(id, this.jobs.length - 1);
    return this.jobs.length - 1;
  }
}
