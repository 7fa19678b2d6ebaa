/** Trains the CNN and writes a complete qaxai model folder (model, metadata, evaluation subset). */

import { FEATURE_LAYER } from './cnn.js';
import type { Dataset } from './datasets.js';
import { buildEvalSubset, evalSubsetToJson, samplePngs } from './eval-subset.js';
import type { ModelMeta } from './model-io.js';
import { serializeModel } from './model-io.js';
import { type TrainOptions, trainCnn } from './train.js';
import { writeFolderAtomic } from './write-folder.js';

export interface TrainFolderResult {
  modelDir: string;
  dataset: string;
  numMaps: number;
  seed: number;
  epochs: number;
  bestEpoch: number;
  validationAccuracy: number;
  testAccuracy: number;
  evalSubset: { path: string; perClass: number; count: number };
  tfBackend: string;
  seconds: number;
}

export async function trainModelFolder(
  data: Dataset,
  o: TrainOptions & { out: string; backend: string; perClass?: number },
): Promise<TrainFolderResult> {
  const { model, record } = await trainCnn(data, o);
  const perClass = o.perClass ?? 20;
  const subset = buildEvalSubset(model, data, perClass);
  const { modelJson, weights } = await serializeModel(model);
  const meta: ModelMeta = {
    dataset: data.name,
    classNames: [...data.classNames],
    targetLayer: FEATURE_LAYER,
    numMaps: o.numMaps,
    training: {
      ...record,
      tfBackend: o.backend,
      command: `qaxai train --dataset ${data.name} --maps ${o.numMaps} --epochs ${o.epochs} --seed ${o.seed}`,
    },
  };
  const dir = writeFolderAtomic(o.out, {
    'model.json': modelJson,
    'weights.bin': weights,
    'qaxai-model.json': `${JSON.stringify(meta, null, 2)}\n`,
    'eval-subset.json': evalSubsetToJson(subset),
    ...Object.fromEntries(Object.entries(samplePngs(subset)).map(([name, png]) => [`samples/${name}`, png])),
  });
  model.dispose();
  return {
    modelDir: dir,
    dataset: data.name,
    numMaps: o.numMaps,
    seed: o.seed,
    epochs: o.epochs,
    bestEpoch: record.bestEpoch,
    validationAccuracy: record.validationAccuracy,
    testAccuracy: record.testAccuracy,
    evalSubset: { path: `${dir}/eval-subset.json`, perClass, count: subset.labels.length },
    tfBackend: o.backend,
    seconds: record.seconds,
  };
}
