/** The explain and demo commands end to end (built CLI), including the bad inputs the issue lists. */

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../src/xai/image-io.js';
import { serializeModel } from '../../src/xai/model-io.js';
import { initTf } from '../../src/xai/tf-runtime.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'qaxai-xai-cli-'));

/** A subset image (row r of the committed evaluation subset) as a grey PNG. */
function subsetPng(row: number): string {
  const s = JSON.parse(readFileSync(join('models', 'fashion-mnist-16', 'eval-subset.json'), 'utf8'));
  const px = Buffer.from(s.pixels, 'base64').subarray(row * 784, (row + 1) * 784);
  const rgba = new Uint8Array(784 * 4);
  for (let i = 0; i < 784; i++) rgba.set([px[i]!, px[i]!, px[i]!, 255], 4 * i);
  const p = join(dir, `row-${row}.png`);
  writeFileSync(p, encodePng(rgba, 28, 28));
  return p;
}

async function saveModel(model: tf.LayersModel, name: string): Promise<string> {
  const { modelJson, weights } = await serializeModel(model);
  const out = mkdtempSync(join(dir, `${name}-`));
  writeFileSync(join(out, 'model.json'), modelJson);
  writeFileSync(join(out, 'weights.bin'), weights);
  return out;
}

beforeAll(async () => {
  await initTf();
});

describe('qaxai explain', () => {
  it('explains a committed sample with each method and writes the overlay PNG', () => {
    const img = subsetPng(160); // class 8 (Bag)
    for (const method of ['gradcam', 'gradcam++', 'qa']) {
      const out = join(dir, `bag-${method}.png`);
      const r = runCli(['explain', img, '--method', method, '--sampler', 'exact', '--out', out, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const j = r.json<
        Record<string, unknown> & { qubo: { d: number; kept: number[] } | null; selectedMaps: number[] }
      >();
      expect(j.predictedClass).toBe(8);
      expect(j.className).toBe('Bag');
      expect(j.heatmapPng).toBe(out);
      expect(isAbsolute(j.heatmapPng as string)).toBe(true);
      expect(readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
      if (method === 'qa') {
        // the selection is a subset of the maps with positive Grad-CAM weight, solved exactly
        const w = j.weights as number[];
        expect(j.qubo!.kept).toEqual(w.flatMap((v, a) => (v > 0 ? [a] : [])));
        for (const a of j.selectedMaps) expect(j.qubo!.kept).toContain(a);
        expect(j.qubo!.d).toBe(j.qubo!.kept.length);
      }
    }
  });

  it('resizes and converts a colour JPEG, saying so', () => {
    const w = 56;
    const h = 40;
    const data = Buffer.alloc(w * h * 4);
    for (let i = 0; i < w * h; i++) data.set([(i * 7) % 256, (i * 3) % 256, 40, 255], 4 * i);
    const p = join(dir, 'colour.jpg');
    writeFileSync(p, jpeg.encode({ data, width: w, height: h }, 90).data);
    const r = runCli(['explain', p, '--method', 'gradcam', '--out', join(dir, 'c.png'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const notes = r.json<{ inputNotes: string[] }>().inputNotes.join(' | ');
    expect(notes).toMatch(/resized from 56×40 to 28×28/);
    expect(notes).toMatch(/converted RGB to grey/);
  });

  it('refuses bad input with exit 2 and a message naming the field', async () => {
    const bad = join(dir, 'bad.png');
    writeFileSync(bad, 'not an image');
    let r = runCli(['explain', bad, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/IMAGE .*not a PNG or JPEG/);
    r = runCli(['explain', join(dir, 'missing.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file/);
    const img = subsetPng(0);
    r = runCli(['explain', img, '--layer', 'nope', '--method', 'gradcam']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--layer: the model has no layer named "nope"; conv layers: conv1, pool1, reduce_conv, feature_maps/,
    );
    r = runCli(['explain', img, '--method', 'lime']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--method: "lime" is not one of qa, gradcam, gradcam\+\+/);
    r = runCli(['explain', img, '--beta', '1.5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--beta/);
    const dense = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10 })],
    });
    r = runCli(['explain', img, '--model', await saveModel(dense, 'dense'), '--method', 'gradcam']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no convolutional layer/);
    r = runCli(['explain', img, '--model', join(dir, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--model .*not a folder/);
  });

  it('reports an empty selection when every Grad-CAM weight is ≤ 0 (d = 0)', async () => {
    const m = tf.sequential();
    m.add(
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 3,
        kernelSize: 3,
        activation: 'relu',
        name: 'maps',
      }),
    );
    m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 10 }));
    m.layers[0]!.setWeights([tf.fill([3, 3, 1, 3], 0.1), tf.zeros([3])]);
    m.layers[2]!.setWeights([tf.fill([26 * 26 * 3, 10], -0.01), tf.zeros([10])]);
    const r = runCli([
      'explain',
      subsetPng(0),
      '--model',
      await saveModel(m, 'negative'),
      '--sampler',
      'exact',
      '--out',
      join(dir, 'e.png'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json<{ selectedMaps: number[]; qubo: { d: number }; warnings: string[] }>();
    expect(j.selectedMaps).toEqual([]);
    expect(j.qubo.d).toBe(0);
    expect(j.warnings.join(' ')).toMatch(/all α ≤ 0/);
  });
});

describe('qaxai demo --quick', () => {
  it('covers every class and prints the paper-style evaluation, consistent with its own per-class numbers', () => {
    const out = join(dir, 'demo');
    const t0 = Date.now();
    const r = runCli(['demo', '--quick', '--out', out, '--json'], { timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - t0).toBeLessThan(120_000);
    type Scores = { averageDrop: { perClass: number[]; mean: number; sem: number } };
    type Dis = { matrix: number[][]; offDiagonalAtLeast0_1: number; maxOffDiagonal: number };
    const j = r.json<{
      methods: Record<string, Scores>;
      disentanglement: Record<string, Dis>;
      annealing: { minGapMedian: number; successProbabilityMedian: number; minGaps: number[] };
      perImage: {
        label: number;
        d: number;
        reads: number;
        seed: number;
        selected: Record<string, number[]>;
        averageDrop: Record<string, number>;
      }[];
      report: string;
      sampler: { name: string };
      command: string;
      comparisons: {
        a: string;
        b: string;
        n: number;
        meanDifference: number;
        ci95: [number, number];
        wilcoxon: { pValue: number };
        summary: string;
      }[];
      paper: { tableI: { source: string }; comparedHalf: string; ours: { numMaps: number } };
    }>();
    expect(Object.keys(j.methods)).toEqual([
      'gradcam',
      'gradcam++',
      'qa',
      'positive',
      'top-k',
      'random-k',
      'exact',
    ]);
    expect(j.command).toBe(`qaxai demo --quick --out ${out} --json`);
    // reads and seeds per image: d² reads, one seed per image
    for (const p of j.perImage) if (p.d > 0) expect(p.reads).toBe(p.d * p.d);
    expect(new Set(j.perImage.map((p) => p.seed)).size).toBe(j.perImage.length);
    // ablations: positive is every map with α > 0 (d of them), top-k has QA's size, exact is a ground state
    for (const p of j.perImage) {
      expect(p.selected.positive).toHaveLength(p.d);
      expect(p.selected['top-k']).toHaveLength(p.selected.qa!.length);
      expect(p.selected['random-k']).toHaveLength(p.selected.qa!.length);
      for (const m of Object.keys(j.methods)) expect(Number.isFinite(p.averageDrop[m])).toBe(true);
    }
    expect(j.comparisons.map((c) => `${c.a}:${c.b}`)).toEqual([
      'qa:gradcam',
      'qa:gradcam++',
      'qa:positive',
      'qa:top-k',
      'qa:random-k',
      'qa:exact',
    ]);
    // every method's per-class Average Drop is the mean of its per-image drops (random-k: of the draws' mean)
    for (const m of Object.keys(j.methods))
      for (let c = 0; c < 10; c++) {
        const v = j.perImage.filter((p) => p.label === c).map((p) => p.averageDrop[m]!);
        expect(j.methods[m]!.averageDrop.perClass[c]).toBeCloseTo(v.reduce((a, b) => a + b, 0) / v.length, 9);
      }
    for (const c of j.comparisons) {
      expect(c.n).toBe(20);
      const mean = j.perImage.reduce((a, p) => a + p.averageDrop[c.a]! - p.averageDrop[c.b]!, 0) / 20;
      expect(c.meanDifference).toBeCloseTo(mean, 9);
      expect(c.summary.length).toBeGreaterThan(20);
    }
    expect(j.paper.tableI.source).toBe('arXiv 2604.25649, Table I');
    expect(j.paper.comparedHalf).toBe('nf16');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const text of [
      'Lower is better',
      "The paper's Table I beside ours",
      'Paired comparisons',
      'Gallery',
      'results.csv',
    ])
      expect(html).toContain(text);
    const csv = readFileSync(join(out, 'per-image.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(21);
    expect(readFileSync(join(out, 'results.csv'), 'utf8')).toMatch(/^section,method,class,metric,value\n/);
    expect(new Set(j.perImage.map((p) => p.label))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    for (const m of ['gradcam', 'gradcam++', 'qa']) {
      const ad = j.methods[m]!.averageDrop;
      expect(ad.perClass).toHaveLength(10);
      const mean = ad.perClass.reduce((a, b) => a + b, 0) / 10;
      expect(ad.mean).toBeCloseTo(mean, 9);
      expect(ad.sem).toBeCloseTo(
        Math.sqrt(ad.perClass.reduce((a, b) => a + (b - mean) ** 2, 0) / 10) / Math.sqrt(10),
        9,
      );
      const d = j.disentanglement[m]!;
      let count = 0;
      let max = 0;
      for (let a = 0; a < 10; a++)
        for (let b = 0; b < 10; b++) {
          expect(d.matrix[a]![b]).toBeCloseTo(d.matrix[b]![a]!, 12);
          if (a < b) {
            if (d.matrix[a]![b]! >= 0.1) count++;
            max = Math.max(max, d.matrix[a]![b]!);
          }
        }
      expect(d.offDiagonalAtLeast0_1).toBe(count);
      expect(d.maxOffDiagonal).toBeCloseTo(max, 12);
    }
    for (const p of j.perImage) expect(p.selected.qa!.length).toBeLessThanOrEqual(p.d);
    if (j.sampler.name === 'statevector') {
      expect(j.annealing.minGapMedian).toBeGreaterThan(0);
      expect(j.annealing.successProbabilityMedian).toBeGreaterThan(0);
      expect(j.annealing.successProbabilityMedian).toBeLessThanOrEqual(1);
    }
    expect(isAbsolute(j.report)).toBe(true);
    expect(readFileSync(j.report, 'utf8')).toMatch(/Average Drop % per class/);
    expect(existsSync(join(out, 'results.json'))).toBe(true);
  });
});

describe('qaxai train --resume', () => {
  it('continues from the epoch checkpoint of an interrupted run and writes the same model as a clean run', () => {
    const root = mkdtempSync(join(tmpdir(), 'qaxai-train-'));
    const base = ['train', '--dataset', 'mnist', '--train-limit', '1500', '--maps', '4', '--json'];
    const out = join(root, 'model');
    // one epoch is too little for the evaluation subset (20 correct test images per class): the run fails
    // after its epoch was checkpointed, like a crash would
    const first = runCli([...base, '--epochs', '1', '--out', out]);
    expect(first.code).not.toBe(0);
    expect(first.stderr).toMatch(/fewer than 20 test images/);
    expect(existsSync(join(`${out}.checkpoint`, 'state.json'))).toBe(true);
    const refused = runCli([...base, '--epochs', '3', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/interrupted training \(1 epoch done\); pass --resume/);
    const resumed = runCli([...base, '--epochs', '3', '--out', out, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.json<{ resumedEpochs: number }>().resumedEpochs).toBe(1);
    expect(existsSync(`${out}.checkpoint`)).toBe(false);
    const clean = join(root, 'clean');
    expect(runCli([...base, '--epochs', '3', '--out', clean]).code).toBe(0);
    expect(readFileSync(join(out, 'weights.bin')).equals(readFileSync(join(clean, 'weights.bin')))).toBe(
      true,
    );
  }, 120_000);
});
