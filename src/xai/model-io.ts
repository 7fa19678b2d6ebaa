/**
 * Loading and saving TensorFlow.js layers models from a folder (model.json + weight files) without
 * tfjs-node, through an fs-backed IOHandler. A qaxai model folder may also hold `qaxai-model.json`
 * ({@link ModelMeta}: class names, data set, target layer, training record) and `eval-subset.json`.
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../errors.js';
import { parseStrictJson } from '../util/strict-json.js';

export interface ModelMeta {
  dataset?: string;
  classNames?: string[];
  targetLayer?: string;
  numMaps?: number;
  /** `qaxai train --arch` of the model (absent in folders written before it existed: `default`). */
  arch?: string;
  /** Side of the target layer's maps. */
  mapSize?: number;
  training?: Record<string, unknown>;
}

export interface LoadedModel {
  model: tf.LayersModel;
  dir: string;
  meta: ModelMeta;
}

/** The committed default model (Fashion-MNIST, N_f = 16), relative to this module in src/ or dist/. */
export function defaultModelDir(): string {
  return fileURLToPath(new URL('../../models/fashion-mnist-16', import.meta.url));
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(
      `${what} ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
      {
        field: what,
      },
    );
  }
  return parseStrictJson(text, { source: path });
}

/** Reads model.json and its weight files into ModelArtifacts. */
export function readArtifacts(dir: string): tf.io.ModelArtifacts {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory())
    throw new InputError(
      `model ${abs}: not a folder; give a folder holding a TensorFlow.js model.json and its weights`,
      {
        field: 'model',
      },
    );
  const mj = readJson(join(abs, 'model.json'), 'model') as {
    modelTopology?: unknown;
    weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  if (typeof mj !== 'object' || mj === null || !mj.modelTopology || !Array.isArray(mj.weightsManifest))
    throw new InputError(
      `model ${join(abs, 'model.json')}: not a TensorFlow.js layers model (needs modelTopology and weightsManifest)`,
      { field: 'model' },
    );
  const bufs: Buffer[] = [];
  const specs: tf.io.WeightsManifestEntry[] = [];
  for (const group of mj.weightsManifest) {
    for (const p of group.paths) {
      const f = join(abs, p);
      if (!existsSync(f))
        throw new InputError(`model: weight file ${f} named in model.json is missing`, {
          field: 'model',
        });
      bufs.push(readFileSync(f));
    }
    specs.push(...group.weights);
  }
  const all = Buffer.concat(bufs);
  return {
    modelTopology: mj.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs: specs,
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer,
  };
}

/** Loads a layers model (and qaxai-model.json when present) from a folder. */
export async function loadModel(dir: string): Promise<LoadedModel> {
  const abs = resolve(dir);
  const artifacts = readArtifacts(abs);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new InputError(`model ${abs}: TensorFlow.js could not build the model: ${(e as Error).message}`, {
      field: 'model',
      cause: e,
    });
  }
  const metaPath = join(abs, 'qaxai-model.json');
  const meta = existsSync(metaPath) ? (readJson(metaPath, 'model') as ModelMeta) : {};
  return { model, dir: abs, meta };
}

/** model.json text and weights.bin bytes for a model (write them with an atomic writer). */
export async function serializeModel(
  model: tf.LayersModel,
): Promise<{ modelJson: string; weights: Uint8Array }> {
  let out: { modelJson: string; weights: Uint8Array } | undefined;
  await model.save(
    tf.io.withSaveHandler(async (art) => {
      const data = art.weightData;
      const bytes =
        data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : new Uint8Array(tf.io.concatenateArrayBuffers(data ?? []));
      out = {
        modelJson: `${JSON.stringify({
          format: 'layers-model',
          generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
          convertedBy: null,
          modelTopology: art.modelTopology,
          weightsManifest: [{ paths: ['weights.bin'], weights: art.weightSpecs }],
        })}\n`,
        weights: bytes,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!out) throw new Error('model.save produced no artifacts');
  return out;
}
