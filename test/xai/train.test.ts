import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/sim/rng.js';
import type { Dataset } from '../../src/xai/datasets.js';
import { parseIdx } from '../../src/xai/datasets.js';
import { initTf } from '../../src/xai/tf-runtime.js';
import { permutation, trainCnn } from '../../src/xai/train.js';

/** A small synthetic 10-class set: class c is a bright bar at row 2c + 4 plus noise (learnable in a few steps). */
function synthetic(count: number, seed: number) {
  const rng = Rng.fromSeed(seed);
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const c = i % 10;
    labels[i] = c;
    for (let p = 0; p < 784; p++) images[i * 784 + p] = Math.floor(rng.next() * 60);
    for (let x = 4; x < 24; x++) images[i * 784 + (2 * c + 4) * 28 + x] = 255;
  }
  return { images, labels, count, height: 28, width: 28, channels: 1 };
}

const data: Dataset = {
  name: 'mnist',
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  train: synthetic(320, 1),
  test: synthetic(100, 2),
  source: 'synthetic',
};

beforeAll(async () => {
  await initTf();
});

describe('seeded training', () => {
  it('gives identical weights for the same seed and different ones for another seed', async () => {
    const run = async (seed: number) => {
      const r = await trainCnn(data, { numMaps: 4, seed, epochs: 1, batchSize: 32 });
      const w = r.model.getWeights().map((t) => Array.from(t.dataSync()));
      r.model.dispose();
      return { w, record: r.record };
    };
    const a = await run(3);
    const b = await run(3);
    const c = await run(4);
    expect(a.w).toEqual(b.w);
    expect(a.w).not.toEqual(c.w);
    expect(a.record.trainImages).toBe(256);
    expect(a.record.validationImages).toBe(64);
    // the bars are easy: one epoch of 8 steps already classifies most test images
    expect(a.record.testAccuracy).toBeGreaterThan(0.5);
    expect(tf.memory().numTensors).toBeLessThan(200);
  });

  it('permutes with a seeded Fisher–Yates shuffle', () => {
    const p = permutation(Rng.fromSeed(9), 50);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(permutation(Rng.fromSeed(9), 50))).toEqual(Array.from(p));
  });

  it('reads IDX files and rejects other bytes', () => {
    const idx = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9]);
    expect(parseIdx(idx, 'x')).toEqual({ dims: [3], data: new Uint8Array([7, 8, 9]) });
    expect(() => parseIdx(new Uint8Array([1, 2, 3, 4]), 'x')).toThrow(/not an IDX file/);
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 5, 1]), 'x')).toThrow(/truncated/);
  });
});

describe('training checkpoints', () => {
  it('a training stopped after epoch 1 resumes from its checkpoint and ends with the uninterrupted weights', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qaxai-train-ck-'));
    // 13 steps an epoch: Adam's running powers β^14 differ from pow(β, 14) in float32, which a resume must not lose
    const o = { numMaps: 4, seed: 5, epochs: 3, batchSize: 20 };
    const weights = (m: tf.LayersModel) => m.getWeights().map((t) => Array.from(t.dataSync()));
    const full = await trainCnn(data, o);
    const expected = weights(full.model);
    full.model.dispose();
    // interrupted at the first step of epoch 2
    const stop = new AbortController();
    await expect(
      trainCnn(data, {
        ...o,
        checkpoint: { dir, resume: false },
        signal: stop.signal,
        onProgress: (p) => {
          if (p.epoch === 2) stop.abort();
        },
      }),
    ).rejects.toThrow(/cancelled/);
    expect(existsSync(join(dir, 'state.json'))).toBe(true);
    // without checkpoint.resume the checkpoint is refused, naming the option (the CLI prints it as --resume)
    await expect(trainCnn(data, { ...o, checkpoint: { dir, resume: false } })).rejects.toMatchObject({
      field: 'checkpoint.resume',
      message: expect.stringMatching(/pass `checkpoint\.resume` to continue it/),
    });
    // another configuration is refused too
    await expect(trainCnn(data, { ...o, seed: 6, checkpoint: { dir, resume: true } })).rejects.toThrow(
      /another training.*seed 5 there, 6 here/,
    );
    const resumed = await trainCnn(data, { ...o, checkpoint: { dir, resume: true } });
    expect(resumed.record.resumedEpochs).toBe(1);
    expect(resumed.record.bestEpoch).toBe(full.record.bestEpoch);
    expect(weights(resumed.model)).toEqual(expected);
    resumed.model.dispose();
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toEqual(['state-3.bin']);
  });
});
