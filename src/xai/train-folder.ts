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
  arch: string;
  numMaps: number;
  mapSize: number;
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

/** The `qaxai train` command line that reproduces a training (recorded in qaxai-model.json). */
export function trainCommandLine(dataset: string, o: TrainOptions): string {
  const arch = o.arch && o.arch !== 'default' ? ` --arch ${o.arch}` : '';
  const size = o.arch === 'resnet' && o.mapSize === 7 ? ' --map-size 7' : '';
  const batch = o.batchSize !== undefined && o.batchSize !== 64 ? ` --batch-size ${o.batchSize}` : '';
  const limit = o.trainLimit !== undefined ? ` --train-limit ${o.trainLimit}` : '';
  return `qaxai train --dataset ${dataset}${arch} --maps ${o.numMaps}${size} --epochs ${o.epochs} --seed ${o.seed}${batch}${limit}`;
}

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
    arch: record.arch,
    mapSize: record.mapSize,
    training: {
      ...record,
      tfBackend: o.backend,
      command: trainCommandLine(data.name, o),
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
    arch: record.arch,
    numMaps: o.numMaps,
    mapSize: record.mapSize,
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
