/**
 * The paper's feature-selection QUBOs as study instances: for the first `images` pictures of the evaluation
 * subset (round-robin over the classes) and every β, the BINARY model E(x) = (1−β) Σ J_pq x_p x_q − β Σ h_p x_p
 * of that image (src/xai/qubo.ts). Their size d is the number of maps with a positive Grad-CAM weight, so a
 * sweep over them gives the minimum gap and success probability against d.
 */

import { join } from 'node:path';
import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import { mapsAndGradients } from './attribution.js';
import { gradcamWeights } from './cam.js';
import { readEvalSubset, subsetImages } from './eval-subset.js';
import { FeatureModel } from './feature-model.js';
import { defaultModelDir, loadModel } from './model-io.js';
import { buildFeatureQubo, type QuboForm } from './qubo.js';
import { initTf } from './tf-runtime.js';

export interface StudyQubo {
  /** A file-name-safe instance name, e.g. "xai-img003-beta0.7". */
  name: string;
  bqm: BinaryQuadraticModel;
  d: number;
  beta: number;
  image: number;
  label: string;
}

export interface StudyQuboOptions {
  images: number;
  betas: readonly number[];
  form?: QuboForm;
  modelDir?: string;
  layer?: string;
}

export async function featureQubosForStudy(o: StudyQuboOptions): Promise<StudyQubo[]> {
  await initTf();
  const lm = await loadModel(o.modelDir ?? defaultModelDir());
  const subset = readEvalSubset(join(lm.dir, 'eval-subset.json'));
  const fm = new FeatureModel(lm.model, o.layer ?? lm.meta.targetLayer);
  // round-robin over classes so a few images still span every class
  const byClass = subset.classNames.map((_, c) => subset.labels.flatMap((l, r) => (l === c ? [r] : [])));
  const rows: number[] = [];
  for (let k = 0; rows.length < Math.min(o.images, subset.labels.length); k++)
    for (const list of byClass) if (k < list.length && rows.length < o.images) rows.push(list[k]!);
  const [, h, w, c] = subset.shape;
  const batch = mapsAndGradients(fm, subsetImages(subset, rows), [h, w, c]);
  const [fh, fw, k] = batch.mapShape;
  const out: StudyQubo[] = [];
  rows.forEach((row, i) => {
    const off = i * fh * fw * k;
    const alpha = gradcamWeights(batch.gradients, fh, fw, k, off);
    for (const beta of o.betas) {
      const q = buildFeatureQubo(alpha, batch.maps, batch.mapShape, { beta, form: o.form ?? 'paper' }, off);
      if (q.d === 0) continue;
      out.push({
        name: `xai-img${String(row).padStart(3, '0')}-beta${beta}`,
        bqm: q.bqm,
        d: q.d,
        beta,
        image: row,
        label: subset.classNames[subset.labels[row]!]!,
      });
    }
  });
  return out;
}
