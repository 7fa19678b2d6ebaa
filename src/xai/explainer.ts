/**
 * Explanations for a batch of images with the three methods: Grad-CAM, Grad-CAM++ and the paper's
 * QA-fGradCAM (Grad-CAM restricted to the maps a QUBO solver selects). Each map is computed at the
 * feature-map resolution and min–max normalised; {@link heatmapAt} upsamples it bilinearly.
 */

import { type MapBatch, mapsAndGradients } from './attribution.js';
import {
  gradcamPlusPlusWeights,
  gradcamWeights,
  minMaxNormalize,
  resizeBilinear,
  weightedMap,
} from './cam.js';
import type { FeatureModel } from './feature-model.js';
import { type QaSelection, type QaSolveOptions, solveFeatureQubo } from './qa-select.js';
import { buildFeatureQubo, type FeatureQubo, type FeatureQuboOptions } from './qubo.js';

export type ExplainMethod = 'gradcam' | 'gradcam++' | 'qa';
export const EXPLAIN_METHODS: readonly ExplainMethod[] = ['gradcam', 'gradcam++', 'qa'];

export interface MethodExplanation {
  /** Per-map weights (α for Grad-CAM and QA, w for Grad-CAM++). */
  weights: Float64Array;
  /**
   * Maps that make up the heatmap: QA's selection; for Grad-CAM the maps with α > 0, for Grad-CAM++ those
   * with w > 0 (what each method "activates", for the disentanglement comparison).
   */
  selectedMaps: number[];
  /** Min–max normalised map at the feature-map resolution (H_f × W_f). */
  cam: Float64Array;
  qubo?: FeatureQubo;
  qa?: QaSelection;
}

export interface ImageExplanation {
  index: number;
  predictedClass: number;
  /** Softmax probability of the explained class. */
  probability: number;
  /** The class explained (the prediction unless a target was given). */
  target: number;
  methods: Partial<Record<ExplainMethod, MethodExplanation>>;
}

export interface ExplainBatchOptions {
  methods: readonly ExplainMethod[];
  /** Required when methods include 'qa'. */
  qa?: QaSolveOptions & FeatureQuboOptions;
  targets?: ArrayLike<number>;
  /** Offset added to image indices for per-image seeds (batches of a larger run). */
  indexOffset?: number;
  /** Solves an image's QUBO elsewhere (e.g. a queue worker) instead of with `qa` here; same result. */
  select?: (q: FeatureQubo, index: number) => Promise<QaSelection>;
  onImage?: (done: number, total: number) => void;
}

function positive(w: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let a = 0; a < w.length; a++) if (w[a]! > 0) out.push(a);
  return out;
}

/**
 * The paper's subset Grad-CAM of image i: Σ_{a ∈ subset} ReLU(α_a A^a), min–max normalised at the map
 * resolution (the QA heatmap, and the ablation baselines' with their own subsets).
 */
export function subsetCam(
  batch: MapBatch,
  i: number,
  alpha: ArrayLike<number>,
  subset: readonly number[],
): Float64Array {
  const [fh, fw, k] = batch.mapShape;
  return minMaxNormalize(
    weightedMap(batch.maps, alpha, fh, fw, k, { offset: i * fh * fw * k, subset, perChannelRelu: true }),
  );
}

/** Explains one image of a batch from its maps and gradients. */
export async function explainFromMaps(
  batch: MapBatch,
  i: number,
  o: ExplainBatchOptions,
): Promise<ImageExplanation> {
  const [fh, fw, k] = batch.mapShape;
  const off = i * fh * fw * k;
  const target = batch.targets[i]!;
  const alpha = gradcamWeights(batch.gradients, fh, fw, k, off);
  const methods: ImageExplanation['methods'] = {};
  for (const m of o.methods) {
    if (m === 'gradcam') {
      methods.gradcam = {
        weights: alpha,
        selectedMaps: positive(alpha),
        cam: minMaxNormalize(weightedMap(batch.maps, alpha, fh, fw, k, { offset: off })),
      };
    } else if (m === 'gradcam++') {
      const w = gradcamPlusPlusWeights(batch.maps, batch.gradients, fh, fw, k, off);
      methods['gradcam++'] = {
        weights: w,
        selectedMaps: positive(w),
        cam: minMaxNormalize(weightedMap(batch.maps, w, fh, fw, k, { offset: off })),
      };
    } else {
      if (!o.qa) throw new Error("explain: method 'qa' needs qa options (a sampler and a seed)");
      const qubo = buildFeatureQubo(alpha, batch.maps, batch.mapShape, o.qa, off);
      const index = (o.indexOffset ?? 0) + i;
      const qa = o.select ? await o.select(qubo, index) : await solveFeatureQubo(qubo, o.qa, index);
      methods.qa = {
        weights: alpha,
        selectedMaps: qa.selected,
        cam: subsetCam(batch, i, alpha, qa.selected),
        qubo,
        qa,
      };
    }
  }
  return {
    index: (o.indexOffset ?? 0) + i,
    predictedClass: batch.predicted[i]!,
    probability: batch.probabilities[i * batch.numClasses + target]!,
    target,
    methods,
  };
}

/** Maps, gradients and explanations for `images` (floats, NHWC, at the model's input size). */
export async function explainImages(
  fm: FeatureModel,
  images: Float32Array,
  imageShape: [number, number, number],
  o: ExplainBatchOptions,
): Promise<{ batch: MapBatch; explanations: ImageExplanation[] }> {
  const batch = mapsAndGradients(fm, images, imageShape, o.targets);
  const explanations: ImageExplanation[] = [];
  for (let i = 0; i < batch.count; i++) {
    explanations.push(await explainFromMaps(batch, i, o));
    o.onImage?.(i + 1, batch.count);
  }
  return { batch, explanations };
}

/** A method's heatmap upsampled bilinearly to the image size (values in [0, 1]). */
export function heatmapAt(
  cam: ArrayLike<number>,
  mapShape: readonly [number, number, number],
  h: number,
  w: number,
): Float64Array {
  return resizeBilinear(cam, mapShape[0], mapShape[1], h, w);
}
