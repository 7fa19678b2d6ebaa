/** Trains the CNN and writes a complete qaxai model folder (model, metadata, evaluation subset). */

import { resolve } from 'node:path';
import { FEATURE_LAYER } from './cnn.js';
import type { Dataset } from './datasets.js';
import { buildEvalSubset, evalSubsetToJson, samplePngs } from './eval-subset.js';
import type { ModelMeta } from './model-io.js';
import { serializeModel } from './model-io.js';
import { type TrainOptions, trainCnn } from './train.js';
import { removeTrainCheckpoint } from './train-checkpoint.js';
import { writeFolderAtomic } from './write-folder.js';

export interface TrainFolderResult {
  modelDir: string;
  dataset: string;
  numMaps: number;
  seed: number;
  epochs: number;
  bestEpoch: number;
  /** Epochs taken from a checkpoint of an interrupted run (--resume). */
  resumedEpochs: number;
  validationAccuracy: number;
  testAccuracy: number;
  evalSubset: { path: string; perClass: number; count: number };
  tfBackend: string;
  seconds: number;
}

/** Where the epoch checkpoints of a training into `out` live until the model folder is written. */
export const checkpointDirOf = (out: string): string => `${resolve(out)}.checkpoint`;

export async function trainModelFolder(
  data: Dataset,
  o: TrainOptions & { out: string; backend: string; perClass?: number; resume?: boolean },
): Promise<TrainFolderResult> {
  const checkpoint = { dir: checkpointDirOf(o.out), resume: o.resume === true };
  const { model, record } = await trainCnn(data, { ...o, checkpoint });
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
  removeTrainCheckpoint(checkpoint.dir);
  return {
    modelDir: dir,
    dataset: data.name,
    numMaps: o.numMaps,
    seed: o.seed,
    epochs: o.epochs,
    bestEpoch: record.bestEpoch,
    resumedEpochs: record.resumedEpochs,
    validationAccuracy: record.validationAccuracy,
    testAccuracy: record.testAccuracy,
    evalSubset: { path: `${dir}/eval-subset.json`, perClass, count: subset.labels.length },
    tfBackend: o.backend,
    seconds: record.seconds,
  };
}
