/**
 * Epoch checkpoints of {@link trainCnn}: after every epoch the model weights, the Adam state and the best epoch
 * so far are written to a folder (`state-<epoch>.bin` with every tensor's bytes, then `state.json` naming it,
 * each atomically), so a killed training resumes at the next epoch and ends with the same weights as an
 * uninterrupted run (batch order is a function of (seed, epoch)). The configuration is stored and checked: a
 * checkpoint of another training is refused, not mixed.
 */

import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../errors.js';

/** A named tensor, as tf.Optimizer.getWeights() returns them. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

import { writeFileAtomic } from '../util/atomic-write.js';

/** What must be equal for a checkpoint to continue a training (the epoch count may grow). */
export interface TrainCheckpointConfig {
  arch: string;
  mapSize: number;
  dataset: string;
  numMaps: number;
  seed: number;
  batchSize: number;
  learningRate: number;
  trainImages: number;
  validationImages: number;
}

export interface TrainState {
  /** Epochs completed. */
  epoch: number;
  bestAccuracy: number;
  bestEpoch: number;
  model: tf.Tensor[];
  best: tf.Tensor[];
  optimizer: NamedTensor[];
}

interface TensorEntry {
  name?: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  offset: number;
  length: number;
}

interface StateJson {
  version: 1;
  config: TrainCheckpointConfig;
  epoch: number;
  bestAccuracy: number;
  bestEpoch: number;
  bin: string;
  model: TensorEntry[];
  best: TensorEntry[];
  optimizer: TensorEntry[];
}

export async function saveTrainCheckpoint(
  dir: string,
  config: TrainCheckpointConfig,
  s: TrainState,
): Promise<void> {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const entries = async (ts: Array<{ name?: string; tensor: tf.Tensor }>): Promise<TensorEntry[]> => {
    const out: TensorEntry[] = [];
    for (const { name, tensor } of ts) {
      const data = await tensor.data();
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
      out.push({
        ...(name !== undefined ? { name } : {}),
        shape: tensor.shape,
        dtype: tensor.dtype === 'int32' ? 'int32' : 'float32',
        offset,
        length: bytes.length,
      });
      chunks.push(bytes);
      offset += bytes.length;
    }
    return out;
  };
  const model = await entries(s.model.map((tensor) => ({ tensor })));
  const best = await entries(s.best.map((tensor) => ({ tensor })));
  const optimizer = await entries(s.optimizer);
  const bin = `state-${s.epoch}.bin`;
  const all = new Uint8Array(offset);
  let o = 0;
  for (const c of chunks) {
    all.set(c, o);
    o += c.length;
  }
  writeFileAtomic(join(dir, bin), all);
  const state: StateJson = {
    version: 1,
    config,
    epoch: s.epoch,
    bestAccuracy: s.bestAccuracy,
    bestEpoch: s.bestEpoch,
    bin,
    model,
    best,
    optimizer,
  };
  writeFileAtomic(join(dir, 'state.json'), `${JSON.stringify(state)}\n`);
  for (const f of readdirSync(dir))
    if (/^state-\d+\.bin$/.test(f) && f !== bin) rmSync(join(dir, f), { force: true });
}

/** The checkpoint in `dir`, or undefined when there is none; refuses one of another configuration. */
export function loadTrainCheckpoint(dir: string, config: TrainCheckpointConfig): TrainState | undefined {
  const path = join(dir, 'state.json');
  if (!existsSync(path)) return undefined;
  let state: StateJson;
  let bytes: Buffer;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as StateJson;
    bytes = readFileSync(join(dir, state.bin));
  } catch (e) {
    throw new InputError(
      `checkpoint.resume: the checkpoint in ${dir} is unreadable (${(e as Error).message}); remove the folder to start afresh`,
      { field: 'checkpoint.resume' },
    );
  }
  const diff = (Object.keys(config) as (keyof TrainCheckpointConfig)[]).filter(
    (k) => state.config?.[k] !== config[k],
  );
  if (diff.length > 0)
    throw new InputError(
      `checkpoint.resume: the checkpoint in ${dir} is of another training (${diff
        .map((k) => `${k} ${JSON.stringify(state.config?.[k])} there, ${JSON.stringify(config[k])} here`)
        .join('; ')}); use the same settings or remove the folder`,
      { field: 'checkpoint.resume' },
    );
  const tensor = (e: TensorEntry): tf.Tensor => {
    const buf = bytes.buffer.slice(bytes.byteOffset + e.offset, bytes.byteOffset + e.offset + e.length);
    return tf.tensor(e.dtype === 'int32' ? new Int32Array(buf) : new Float32Array(buf), e.shape, e.dtype);
  };
  return {
    epoch: state.epoch,
    bestAccuracy: state.bestAccuracy,
    bestEpoch: state.bestEpoch,
    model: state.model.map(tensor),
    best: state.best.map(tensor),
    optimizer: state.optimizer.map((e) => ({ name: e.name!, tensor: tensor(e) })),
  };
}

export function removeTrainCheckpoint(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
