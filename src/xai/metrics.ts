/**
 * Faithfulness and disentanglement metrics.
 *
 * - Average Drop % (Chattopadhay et al. 2018; the paper's Table I): per image 100·max(0, Y − O)/Y, with Y the
 *   softmax probability of the explained class on the image and O on the image multiplied by its heatmap;
 *   averaged per class, then mean ± SEM over classes with SEM = population std (ddof 0) / √(classes).
 * - Increase in Confidence %: 100 × the share of images with O > Y.
 * - Deletion / insertion AUC (Petsiuk et al. 2018): pixels ranked by the heatmap, removed (set to 0) or
 *   inserted into a black image in equal steps; the trapezoid area under p(class) over the fraction [0, 1].
 * - Class disentanglement: per-class normalised histograms of the selected map indices and their
 *   Bhattacharyya coefficients BC(p, q) = Σ_a √(p_a q_a).
 */

/** 100·max(0, Y − O)/Y per image. */
export function averageDropPerImage(y: ArrayLike<number>, o: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: y.length }, (_, i) => (100 * Math.max(0, y[i]! - o[i]!)) / y[i]!);
}

/** 1 where O > Y, else 0 (×100 after averaging gives Increase in Confidence %). */
export function increasePerImage(y: ArrayLike<number>, o: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: y.length }, (_, i) => (o[i]! > y[i]! ? 1 : 0));
}

/** Mean of `values` per class (NaN for a class without images). */
export function perClassMean(
  values: ArrayLike<number>,
  classes: ArrayLike<number>,
  numClasses: number,
): number[] {
  const s = new Float64Array(numClasses);
  const n = new Float64Array(numClasses);
  for (let i = 0; i < values.length; i++) {
    s[classes[i]!]! += values[i]!;
    n[classes[i]!]!++;
  }
  return Array.from(s, (v, c) => (n[c]! > 0 ? v / n[c]! : Number.NaN));
}

/** Mean and standard error of the mean with the population std (ddof = 0), over finite entries. */
export function meanSem(values: readonly number[]): { mean: number; sem: number; n: number } {
  const v = values.filter((x) => Number.isFinite(x));
  const n = v.length;
  if (n === 0) return { mean: Number.NaN, sem: Number.NaN, n };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const varPop = v.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  return { mean, sem: Math.sqrt(varPop) / Math.sqrt(n), n };
}

export { quantiles } from '../util/quantiles.js';

/** Pixel order by decreasing saliency (ties by index). */
export function saliencyOrder(heatmap: ArrayLike<number>): Int32Array {
  const idx = Int32Array.from({ length: heatmap.length }, (_, i) => i);
  return idx.sort((a, b) => heatmap[b]! - heatmap[a]! || a - b);
}

/**
 * The perturbed images of a deletion (or insertion) curve for one image (h·w pixels × c channels):
 * `steps + 1` images, image t with the first round(t/steps · h·w) ranked pixels removed (or inserted).
 */
export function perturbationSeries(
  image: ArrayLike<number>,
  heatmap: ArrayLike<number>,
  channels: number,
  steps: number,
  mode: 'deletion' | 'insertion',
): Float32Array {
  const px = heatmap.length;
  const order = saliencyOrder(heatmap);
  const out = new Float32Array((steps + 1) * px * channels);
  for (let t = 0; t <= steps; t++) {
    const m = Math.round((t / steps) * px);
    const base = t * px * channels;
    if (mode === 'deletion') {
      for (let i = 0; i < px * channels; i++) out[base + i] = image[i]!;
      for (let r = 0; r < m; r++) for (let c = 0; c < channels; c++) out[base + order[r]! * channels + c] = 0;
    } else {
      for (let r = 0; r < m; r++)
        for (let c = 0; c < channels; c++)
          out[base + order[r]! * channels + c] = image[order[r]! * channels + c]!;
    }
  }
  return out;
}

/** Trapezoid area under equally spaced samples over [0, 1]. */
export function trapezoidAuc(ys: ArrayLike<number>): number {
  const n = ys.length - 1;
  if (n < 1) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += (ys[i]! + ys[i + 1]!) / 2;
  return s / n;
}

/** Normalised histogram over `bins` of the map indices selected for each image of each class. */
export function classHistograms(
  selections: readonly (readonly number[])[],
  classes: ArrayLike<number>,
  numClasses: number,
  bins: number,
): number[][] {
  const h = Array.from({ length: numClasses }, () => new Array<number>(bins).fill(0));
  selections.forEach((sel, i) => {
    for (const a of sel) h[classes[i]!]![a]!++;
  });
  return h.map((row) => {
    const tot = row.reduce((a, b) => a + b, 0);
    return tot > 0 ? row.map((v) => v / tot) : row;
  });
}

export function bhattacharyya(p: readonly number[], q: readonly number[]): number {
  let s = 0;
  for (let a = 0; a < p.length; a++) s += Math.sqrt(p[a]! * q[a]!);
  return s;
}

export interface Disentanglement {
  /** BC between the class histograms, classes × classes (1 on the diagonal unless a class selected nothing). */
  matrix: number[][];
  /** Unordered class pairs (c < c') with BC ≥ 0.1 (the paper's display threshold). */
  offDiagonalAtLeast0_1: number;
  maxOffDiagonal: number;
  meanOffDiagonal: number;
  /** Per-class normalised histograms of selected map indices. */
  histograms: number[][];
  /** Classes whose images selected no map at all (their rows are zero). */
  emptyClasses: number[];
}

export function disentanglement(histograms: number[][]): Disentanglement {
  const k = histograms.length;
  const matrix = histograms.map((p) => histograms.map((q) => bhattacharyya(p, q)));
  let count = 0;
  let max = 0;
  let sum = 0;
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++) {
      const v = matrix[a]![b]!;
      if (v >= 0.1) count++;
      max = Math.max(max, v);
      sum += v;
    }
  return {
    matrix,
    offDiagonalAtLeast0_1: count,
    maxOffDiagonal: max,
    meanOffDiagonal: k > 1 ? sum / ((k * (k - 1)) / 2) : Number.NaN,
    histograms,
    emptyClasses: histograms.flatMap((h, c) => (h.every((v) => v === 0) ? [c] : [])),
  };
}
