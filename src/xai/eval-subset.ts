/**
 * The evaluation subset: the first `perClass` correctly classified test images of each class (20 per class,
 * as in the paper), stored next to the model as `eval-subset.json` so the demo needs no data download.
 */

import { readFileSync } from 'node:fs';
import type * as tf from '@tensorflow/tfjs';
import { InputError } from '../errors.js';
import { parseStrictJson } from '../util/strict-json.js';
import type { Dataset } from './datasets.js';
import { encodePng } from './image-io.js';
import { predictClasses } from './train.js';

export interface EvalSubset {
  dataset: string;
  classNames: string[];
  /** [count, height, width, channels] */
  shape: [number, number, number, number];
  labels: number[];
  /** Index of each image in the data set's test split. */
  testIndices: number[];
  /** uint8 pixels, row-major. */
  pixels: Uint8Array;
}

/** Picks the first `perClass` correctly classified test images of every class, in test order. */
export function buildEvalSubset(model: tf.LayersModel, data: Dataset, perClass = 20): EvalSubset {
  const all = Array.from({ length: data.test.count }, (_, i) => i);
  const pred = predictClasses(model, data.test, all);
  const k = data.classNames.length;
  const picked: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < data.test.count; i++) {
    const y = data.test.labels[i]!;
    if (pred[i] === y && picked[y]!.length < perClass) picked[y]!.push(i);
  }
  const short = picked.findIndex((p) => p.length < perClass);
  if (short >= 0)
    throw new InputError(
      `the model classifies fewer than ${perClass} test images of class ${short} correctly`,
    );
  const idx = picked.flat();
  const { height: h, width: w, channels: c } = data.test;
  const px = h * w * c;
  const pixels = new Uint8Array(idx.length * px);
  idx.forEach((t, r) => pixels.set(data.test.images.subarray(t * px, (t + 1) * px), r * px));
  return {
    dataset: data.name,
    classNames: [...data.classNames],
    shape: [idx.length, h, w, c],
    labels: idx.map((t) => data.test.labels[t]!),
    testIndices: idx,
    pixels,
  };
}

export function evalSubsetToJson(s: EvalSubset): string {
  const { pixels, ...rest } = s;
  return `${JSON.stringify({ ...rest, pixels: Buffer.from(pixels).toString('base64') })}\n`;
}

export function readEvalSubset(path: string): EvalSubset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(
      `evaluation subset ${path}: no such file (a qaxai model folder holds eval-subset.json)`,
      {
        field: 'model',
      },
    );
  }
  const j = parseStrictJson(text, { source: path }) as Omit<EvalSubset, 'pixels'> & { pixels: string };
  const pixels = new Uint8Array(Buffer.from(j.pixels, 'base64'));
  const [n, h, w, c] = j.shape;
  if (pixels.length !== n * h * w * c || j.labels.length !== n)
    throw new InputError(
      `evaluation subset ${path}: shape ${j.shape.join('×')} does not match its pixels or labels`,
    );
  return { ...j, pixels };
}

/**
 * One PNG per class (the first subset image of each), named `<class>-<name>.png`, for trying
 * `qaxai explain` on the command line.
 */
export function samplePngs(s: EvalSubset): Record<string, Uint8Array> {
  const [, h, w, c] = s.shape;
  const out: Record<string, Uint8Array> = {};
  s.classNames.forEach((name, k) => {
    const r = s.labels.indexOf(k);
    if (r < 0) return;
    const rgba = new Uint8Array(h * w * 4);
    for (let p = 0; p < h * w; p++)
      for (let ch = 0; ch < 3; ch++) rgba[4 * p + ch] = s.pixels[(r * h * w + p) * c + (c === 1 ? 0 : ch)]!;
    for (let p = 0; p < h * w; p++) rgba[4 * p + 3] = 255;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    out[`${k}-${slug}.png`] = encodePng(rgba, w, h);
  });
  return out;
}

/** Images r ∈ rows of the subset as floats in [0, 1]. */
export function subsetImages(s: EvalSubset, rows: readonly number[]): Float32Array {
  const [, h, w, c] = s.shape;
  const px = h * w * c;
  const out = new Float32Array(rows.length * px);
  rows.forEach((r, k) => {
    for (let i = 0; i < px; i++) out[k * px + i] = s.pixels[r * px + i]! / 255;
  });
  return out;
}
