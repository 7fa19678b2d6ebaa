/**
 * The explainer page's job, run inside a job worker: one image through the three methods of src/xai (Grad-CAM,
 * Grad-CAM++ and the paper's QA-selected maps) in one pass of maps and gradients, with heatmap overlays, the
 * feature maps as thumbnails, the QUBO (h, J), the sampler record and, for the QA problem, the spectrum of
 * H(s) = −(1 − s) Σσx + s H_P with the gap marked and the success probability F of the statevector anneal
 * (τ, dt of the request). The model and the tfjs runtime are loaded once per worker.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { linearSchedule } from '../../hamiltonian/schedule/linear.js';
import { forwardPath } from '../../hamiltonian/schedule/paths.js';
import type { AnnealingSchedule } from '../../hamiltonian/schedule/types.js';
import type { Sampler } from '../../sim/sampler.js';
import { annealStatevector } from '../../sim/statevector/anneal.js';
import { selectionRelation } from '../../xai/ablation.js';
import type { AnnealStats } from '../../xai/anneal-stats.js';
import { type EvalSubset, readEvalSubset } from '../../xai/eval-subset.js';
import { EXPLAIN_METHODS, explainImages } from '../../xai/explainer.js';
import { FeatureModel } from '../../xai/feature-model.js';
import {
  decodeImage,
  encodePng,
  imageRgba,
  lightBackgroundWarning,
  type ModelInput,
  overlayRgba,
  toModelInput,
} from '../../xai/image-io.js';
import { loadModel, type ModelMeta } from '../../xai/model-io.js';
import { initTf } from '../../xai/tf-runtime.js';
import { webSamplers } from '../samplers.js';
import type { ExplainInput } from './protocol.js';
import type { JobContext } from './run-lab.js';
import { SPECTRUM_MAX_QUBITS, type SpectrumResult, spectrumScan } from './spectrum-scan.js';

interface Loaded {
  fm: FeatureModel;
  meta: ModelMeta;
  subset?: EvalSubset;
  backend: string;
}

const models = new Map<string, Promise<Loaded>>();

async function load(dir: string): Promise<Loaded> {
  let p = models.get(dir);
  if (!p) {
    p = (async () => {
      const rt = await initTf();
      const lm = await loadModel(dir);
      const fm = new FeatureModel(lm.model, lm.meta.targetLayer);
      const subsetPath = join(dir, 'eval-subset.json');
      return {
        fm,
        meta: lm.meta,
        ...(existsSync(subsetPath) ? { subset: readEvalSubset(subsetPath) } : {}),
        backend: rt.backend,
      };
    })();
    models.set(dir, p);
    p.catch(() => models.delete(dir));
  }
  return p;
}

const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;

function embeddedInput(subset: EvalSubset | undefined, index: number): ModelInput {
  if (!subset)
    throw new InputError(
      'image.embedded: this model folder has no eval-subset.json; upload an image instead',
      {
        field: 'image.embedded',
      },
    );
  const [count, h, w, c] = subset.shape;
  if (index >= count)
    throw new InputError(`image.embedded: ${index} is not an image index in 0..${count - 1}`, {
      field: 'image.embedded',
    });
  const px = h * w * c;
  const pixels = new Float32Array(px);
  for (let i = 0; i < px; i++) pixels[i] = subset.pixels[index * px + i]! / 255;
  return { pixels, shape: [h, w, c], notes: [] };
}

/** The sampler a QA explanation uses when none is named: statevector (the paper's) when registered, else exact. */
export function defaultExplainSampler(): string {
  return webSamplers.has('statevector') ? 'statevector' : 'exact';
}

export async function runExplain(input: ExplainInput, ctx: JobContext): Promise<unknown> {
  const t0 = performance.now();
  ctx.onProgress({ done: 0, total: 4, label: 'loading the model' });
  const m = await load(input.modelDir);
  const { fm } = m;
  const model = {
    dir: input.modelDir,
    layer: fm.layerName,
    inputShape: fm.inputShape,
    numClasses: fm.numClasses,
  };
  const image =
    input.image.kind === 'embedded'
      ? embeddedInput(m.subset, input.image.index)
      : toModelInput(decodeImage(input.image.bytes, 'image'), fm.inputShape, { invert: input.invert });
  if (input.image.kind === 'embedded' && input.invert) {
    for (let i = 0; i < image.pixels.length; i++) image.pixels[i] = 1 - image.pixels[i]!;
    image.notes.push('inverted (v → 1 − v)');
  }
  if (input.target !== undefined && input.target >= fm.numClasses)
    throw new InputError(`target: ${input.target} is not a class index in 0..${fm.numClasses - 1}`, {
      field: 'target',
    });
  const sampler: Sampler = await webSamplers.create(input.sampler, {
    threads: 1,
    ...(input.solver ? { solver: input.solver } : {}),
  });
  ctx.onProgress({ done: 1, total: 4, label: 'maps, gradients and the QUBO' });
  let explained: Awaited<ReturnType<typeof explainImages>>;
  try {
    explained = await explainImages(fm, image.pixels, image.shape, {
      methods: EXPLAIN_METHODS,
      qa: {
        sampler,
        seed: input.seed,
        beta: input.beta,
        form: input.form,
        tau: input.tau,
        dt: input.dt,
        ...(input.reads !== undefined ? { reads: input.reads } : {}),
        params: input.samplerParams,
        signal: ctx.signal,
      },
      ...(input.target !== undefined ? { targets: [input.target] } : {}),
    });
  } finally {
    await sampler.close?.();
  }
  const { batch, explanations } = explained;
  const ex = explanations[0]!;
  const [fh, fw, k] = batch.mapShape;
  const classNames =
    m.meta.classNames ?? m.subset?.classNames ?? Array.from({ length: fm.numClasses }, (_, i) => String(i));
  const methods: Record<string, unknown> = {};
  for (const name of EXPLAIN_METHODS) {
    const me = ex.methods[name]!;
    const ov = overlayRgba(image.pixels, image.shape, me.cam, [fh, fw]);
    methods[name] = {
      overlayPng: dataUrl(encodePng(ov.rgba, ov.width, ov.height)),
      cam: Array.from(me.cam),
      selectedMaps: me.selectedMaps,
      weights: Array.from(me.weights),
    };
  }
  // feature maps as thumbnails, each min–max normalised on its own
  const qaSel = new Set(ex.methods.qa!.selectedMaps);
  const alpha = ex.methods.gradcam!.weights;
  const featureMaps = [];
  for (let c = 0; c < k; c++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let p = 0; p < fh * fw; p++) {
      const v = batch.maps[p * k + c]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const grey = new Float32Array(fh * fw);
    for (let p = 0; p < fh * fw; p++) grey[p] = hi > lo ? (batch.maps[p * k + c]! - lo) / (hi - lo) : 0;
    featureMaps.push({
      index: c,
      alpha: alpha[c]!,
      selected: qaSel.has(c),
      png: dataUrl(encodePng(imageRgba(grey, [fh, fw, 1]), fw, fh)),
    });
  }
  ctx.onProgress({ done: 2, total: 4, label: 'spectrum of the QA problem' });
  const qa = ex.methods.qa!;
  const q = qa.qubo!;
  const warnings: string[] = [];
  if (qa.qa?.note) warnings.push(qa.qa.note);
  const light = lightBackgroundWarning(image, input.invert);
  if (light) warnings.push(light);
  const selection = await selectionRelation(q, qa.selectedMaps, qa.qa?.energy ?? null);
  let spectrum: SpectrumResult | null = null;
  let annealing: (AnnealStats & { tau: number; dt: number }) | null = null;
  if (input.spectrum && q.d > 0) {
    if (q.d > SPECTRUM_MAX_QUBITS)
      warnings.push(
        `the QA problem has d = ${q.d} variables; the spectrum is computed for d ≤ ${SPECTRUM_MAX_QUBITS}`,
      );
    else {
      // H(s) = −Γ(s) Σσx + s H_P with Γ = 1 − s (paper) or (1 − s)/d (the authors' code, --qubo-form code)
      const schedule: AnnealingSchedule =
        input.form === 'code'
          ? {
              ...linearSchedule,
              name: `linear/${q.d}`,
              A: (s) => (1 - s) / q.d,
              transverse: (s) => (1 - s) / q.d,
            }
          : linearSchedule;
      spectrum = await spectrumScan(q.bqm, {
        schedule,
        points: input.spectrumPoints,
        signal: ctx.signal,
        onProgress: (p) =>
          ctx.onProgress({ done: 2 + p.done / p.total, total: 4, label: `spectrum: ${p.label ?? ''}` }),
      });
      ctx.onProgress({ done: 3, total: 4, label: 'statevector anneal (success probability)' });
      const sv = await annealStatevector(q.bqm, {
        schedule,
        path: forwardPath(input.tau, 'tau'),
        dt: input.dt,
        convergenceCheck: false,
        threads: 1,
        signal: ctx.signal,
      });
      annealing = {
        minGap: spectrum.minGap,
        sAtMin: spectrum.sAtMin,
        successProbability: sv.successProbability,
        groundDegeneracy: spectrum.groundDegeneracy,
        engine: `statevector (Trotter–Suzuki, dt ${input.dt}) and minimum-gap search, ${schedule.name} schedule`,
        tau: input.tau,
        dt: input.dt,
      };
    }
  }
  ctx.onProgress({ done: 4, total: 4, label: 'done' });
  const probs = Array.from(batch.probabilities.subarray(0, batch.numClasses));
  return {
    model: { ...model, dataset: m.meta.dataset ?? m.subset?.dataset ?? null, tfBackend: m.backend },
    image: {
      source:
        input.image.kind === 'embedded' ? { embedded: input.image.index } : { upload: input.image.name },
      label: input.image.kind === 'embedded' ? (m.subset?.labels[input.image.index] ?? null) : null,
      png: dataUrl(encodePng(imageRgba(image.pixels, image.shape), image.shape[1], image.shape[0])),
      notes: image.notes,
    },
    predictedClass: ex.predictedClass,
    className: classNames[ex.target] ?? String(ex.target),
    probability: ex.probability,
    target: ex.target,
    classNames,
    probabilities: probs,
    mapShape: batch.mapShape,
    methods,
    selectedMaps: qa.selectedMaps,
    selection,
    featureMaps,
    qubo: {
      d: q.d,
      beta: q.beta,
      form: q.form,
      kept: q.kept,
      h: Array.from(q.h),
      J: Array.from({ length: q.d }, (_, p) => Array.from(q.J.subarray(p * q.d, (p + 1) * q.d))),
      energy: qa.qa?.energy ?? null,
    },
    sampler: qa.qa
      ? {
          name: qa.qa.sampler,
          parameters: qa.qa.parameters,
          notApplicable: qa.qa.notApplicable,
          reads: qa.qa.reads,
        }
      : null,
    annealing,
    spectrum,
    warnings,
    wallSeconds: (performance.now() - t0) / 1000,
  };
}
