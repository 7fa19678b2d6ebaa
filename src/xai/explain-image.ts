/**
 * One image, one method, end to end: decode (PNG/JPEG), convert to the model's input, explain, and render the
 * heatmap overlay as PNG. The front ends (CLI `qaxai explain`, the web app) call this.
 */

import { InputError } from '../errors.js';
import { type SelectionRelation, selectionRelation } from './ablation.js';
import { type ExplainMethod, explainImages } from './explainer.js';
import type { FeatureModel } from './feature-model.js';
import {
  decodeImage,
  encodePng,
  lightBackgroundWarning,
  type ModelInput,
  overlayRgba,
  toModelInput,
} from './image-io.js';
import type { QaSolveOptions } from './qa-select.js';
import type { FeatureQuboOptions } from './qubo.js';

export interface ExplainImageRequest {
  fm: FeatureModel;
  classNames?: readonly string[];
  /** Image file bytes (PNG or JPEG), or an already converted input. */
  image: Uint8Array | ModelInput;
  method: ExplainMethod;
  qa?: QaSolveOptions & FeatureQuboOptions;
  invert?: boolean;
  /** Explain this class instead of the prediction. */
  target?: number;
}

export interface ExplainImageResult {
  predictedClass: number;
  className: string;
  /** Softmax probability of the explained class. */
  probability: number;
  target: number;
  method: ExplainMethod;
  layer: string;
  mapShape: [number, number, number];
  weights: number[];
  selectedMaps: number[];
  /** Min–max normalised heatmap at the feature-map resolution, row-major. */
  cam: number[];
  qubo: null | {
    d: number;
    beta: number;
    form: string;
    kept: number[];
    h: number[];
    J: number[][];
    energy: number | null;
  };
  annealing: null | {
    minGap: number | null;
    sAtMin: number | null;
    successProbability: number | null;
    engine: string | null;
  };
  /** For `qa`: the selection against the candidates (α > 0) and the QUBO's exact minimiser. */
  selection: SelectionRelation | null;
  sampler: null | {
    name: string;
    parameters: Record<string, unknown>;
    notApplicable: string[];
    reads: number;
  };
  /** How the image was converted to the model's input. */
  notes: string[];
  warnings: string[];
  input: ModelInput;
  overlayPng: Uint8Array;
}

export async function explainImage(req: ExplainImageRequest): Promise<ExplainImageResult> {
  const { fm } = req;
  const input =
    req.image instanceof Uint8Array
      ? toModelInput(decodeImage(req.image), fm.inputShape, { invert: req.invert })
      : req.image;
  if (
    req.target !== undefined &&
    !(Number.isInteger(req.target) && req.target >= 0 && req.target < fm.numClasses)
  )
    throw new InputError(`target: ${req.target} is not a class index in 0..${fm.numClasses - 1}`, {
      field: 'target',
    });
  const { batch, explanations } = await explainImages(fm, input.pixels, input.shape, {
    methods: [req.method],
    ...(req.qa ? { qa: req.qa } : {}),
    ...(req.target !== undefined ? { targets: [req.target] } : {}),
  });
  const ex = explanations[0]!;
  const m = ex.methods[req.method]!;
  const warnings: string[] = [];
  if (m.qa?.note) warnings.push(m.qa.note);
  if (m.selectedMaps.length === 0 && !m.qa?.note)
    warnings.push('no feature map was selected: the heatmap is empty');
  const light = lightBackgroundWarning(input, req.invert);
  if (light) warnings.push(light);
  const ov = overlayRgba(input.pixels, input.shape, m.cam, [batch.mapShape[0], batch.mapShape[1]]);
  const q = m.qubo;
  const d = q?.d ?? 0;
  const selection = q ? await selectionRelation(q, m.selectedMaps, m.qa?.energy ?? null) : null;
  return {
    predictedClass: ex.predictedClass,
    className: req.classNames?.[ex.target] ?? String(ex.target),
    probability: ex.probability,
    target: ex.target,
    method: req.method,
    layer: fm.layerName,
    mapShape: batch.mapShape,
    weights: Array.from(m.weights),
    selectedMaps: m.selectedMaps,
    cam: Array.from(m.cam),
    qubo: q
      ? {
          d,
          beta: q.beta,
          form: q.form,
          kept: q.kept,
          h: Array.from(q.h),
          J: Array.from({ length: d }, (_, p) => Array.from(q.J.subarray(p * d, (p + 1) * d))),
          energy: m.qa?.energy ?? null,
        }
      : null,
    annealing: m.qa
      ? {
          minGap: m.qa.annealing?.minGap ?? null,
          sAtMin: m.qa.annealing?.sAtMin ?? null,
          successProbability: m.qa.annealing?.successProbability ?? null,
          engine: m.qa.annealing?.engine ?? null,
        }
      : null,
    selection,
    sampler: m.qa
      ? {
          name: m.qa.sampler,
          parameters: m.qa.parameters,
          notApplicable: m.qa.notApplicable,
          reads: m.qa.reads,
        }
      : null,
    notes: input.notes,
    warnings,
    input,
    overlayPng: encodePng(ov.rgba, ov.width, ov.height),
  };
}
