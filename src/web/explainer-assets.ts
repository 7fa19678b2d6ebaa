/**
 * The explainer's files the web app reads once at start: whether the model exists, its metadata
 * (qaxai-model.json) and the embedded evaluation images (eval-subset.json, pixels base64).
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The embedded model's folder (as src/xai/model-io.ts defaultModelDir(), without loading TensorFlow.js here). */
export function defaultExplainerModelDir(): string {
  return fileURLToPath(new URL('../../models/fashion-mnist-16', import.meta.url));
}

export interface EvalIndex {
  dataset: string;
  classNames: string[];
  /** [count, height, width, channels] */
  shape: [number, number, number, number];
  labels: number[];
  pixels: Uint8Array;
}

export interface ExplainerAssets {
  modelDir: string;
  /** Whether modelDir holds a model.json. */
  modelOk: boolean;
  evalIndex: EvalIndex | undefined;
  meta: Record<string, unknown>;
}

function readEvalIndex(dir: string): EvalIndex | undefined {
  const p = join(dir, 'eval-subset.json');
  if (!existsSync(p)) return undefined;
  const j = JSON.parse(readFileSync(p, 'utf8')) as Omit<EvalIndex, 'pixels'> & { pixels: string };
  return { ...j, pixels: new Uint8Array(Buffer.from(j.pixels, 'base64')) };
}

function readModelMeta(dir: string): Record<string, unknown> {
  const p = join(dir, 'qaxai-model.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>) : {};
}

export function loadExplainerAssets(modelDir: string): ExplainerAssets {
  const modelOk = existsSync(join(modelDir, 'model.json'));
  return {
    modelDir,
    modelOk,
    evalIndex: modelOk ? readEvalIndex(modelDir) : undefined,
    meta: modelOk ? readModelMeta(modelDir) : {},
  };
}
