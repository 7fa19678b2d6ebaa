/** The shipped residual models load with their recorded target layer and explain one of their own sample images. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExactSolver } from '../../src/sim/exact/exact-sampler.js';
import { SimulatedAnnealingSampler } from '../../src/sim/mc/sa-sampler.js';
import { EXACT_ABLATION_MAX_D } from '../../src/xai/ablation.js';
import { explainImage } from '../../src/xai/explain-image.js';
import { FeatureModel } from '../../src/xai/feature-model.js';
import { defaultModelDir, loadModel } from '../../src/xai/model-io.js';
import { initTf } from '../../src/xai/tf-runtime.js';

beforeAll(async () => {
  await initTf();
});

describe.each([
  { name: 'fashion-mnist-resnet-16', numMaps: 16, mapSize: 14 },
  { name: 'fashion-mnist-resnet-512', numMaps: 512, mapSize: 7 },
])('models/$name', ({ name, numMaps, mapSize }) => {
  const dir = join('models', name);

  it('ships its evaluation subset and the same sample PNGs as the default model', () => {
    expect(existsSync(join(dir, 'eval-subset.json'))).toBe(true);
    expect(readdirSync(join(dir, 'samples')).sort()).toEqual(
      readdirSync(join(defaultModelDir(), 'samples')).sort(),
    );
  });

  it(`loads as a residual GAP model (${numMaps} maps of ${mapSize}×${mapSize}) and explains its ankle boot`, async () => {
    const lm = await loadModel(dir);
    expect(lm.meta.training).toMatchObject({ arch: 'resnet', numMaps, mapSize, seed: 0 });
    const fm = new FeatureModel(lm.model, lm.meta.targetLayer);
    expect(fm.mapShape).toEqual([mapSize, mapSize, numMaps]);
    const image = new Uint8Array(readFileSync(join(dir, 'samples', '9-ankle-boot.png')));
    const classNames = lm.meta.classNames!;
    const grad = await explainImage({ fm, classNames, image, method: 'gradcam' });
    expect(grad.className).toBe('Ankle boot');
    // exhaustive at N_f = 16; two short SA reads on the dense QUBO at N_f = 512
    const small = numMaps <= 16;
    const sampler = small ? new ExactSolver() : new SimulatedAnnealingSampler();
    const qa = { sampler, seed: 0, reads: 2, ...(small ? {} : { params: { num_sweeps: 50 } }) };
    const r = await explainImage({ fm, classNames, image, method: 'qa', qa });
    expect(r.predictedClass).toBe(9);
    expect(r.qubo!.d).toBe(grad.weights.filter((w) => w > 0).length);
    expect(r.selectedMaps.length).toBeGreaterThan(0);
    for (const a of r.selectedMaps) expect(r.qubo!.kept).toContain(a);
    if (small) expect(r.selection!.equalsExact).toBe(true);
    if (r.qubo!.d > EXACT_ABLATION_MAX_D) expect(r.selection!.equalsExact).toBeNull();
    expect(Buffer.from(r.overlayPng).subarray(1, 4).toString()).toBe('PNG');
  });
});
