/** explainImage on the shipped model: the light-background warning judges the border, and the QA selection's relation. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExactSolver } from '../../src/sim/exact/exact-sampler.js';
import { explainImage } from '../../src/xai/explain-image.js';
import { FeatureModel } from '../../src/xai/feature-model.js';
import { borderMean, decodeImage, lightBackgroundWarning, toModelInput } from '../../src/xai/image-io.js';
import { defaultModelDir, loadModel } from '../../src/xai/model-io.js';
import { initTf } from '../../src/xai/tf-runtime.js';

let fm: FeatureModel;
let classNames: string[];
const sample = (name: string) => new Uint8Array(readFileSync(join(defaultModelDir(), 'samples', name)));

beforeAll(async () => {
  await initTf();
  const lm = await loadModel(defaultModelDir());
  fm = new FeatureModel(lm.model, lm.meta.targetLayer);
  classNames = lm.meta.classNames!;
});

describe('the light-background warning', () => {
  it('judges the border ring: the shipped pullover (a large light object, mean > 0.5) draws none', () => {
    const input = toModelInput(decodeImage(sample('2-pullover.png')), [28, 28, 1]);
    const mean = input.pixels.reduce((a, b) => a + b, 0) / input.pixels.length;
    expect(mean).toBeGreaterThan(0.5);
    expect(borderMean(input)).toBeLessThan(0.1);
    expect(lightBackgroundWarning(input)).toBeUndefined();
    const inv = toModelInput(decodeImage(sample('2-pullover.png')), [28, 28, 1], { invert: true });
    // the inverted image as if uploaded as is: light border
    const asUploaded = { ...inv, notes: [] };
    expect(lightBackgroundWarning(asUploaded)).toMatch(/light background .* try `invert`/);
    expect(lightBackgroundWarning(asUploaded, true)).toBeUndefined();
  });

  it('explainImage reports the warning only for a light background, and the selection against positive and exact', async () => {
    const qa = { sampler: new ExactSolver(), seed: 0 };
    const r = await explainImage({ fm, classNames, image: sample('2-pullover.png'), method: 'qa', qa });
    expect(r.warnings.join(' ')).not.toMatch(/light/);
    expect(r.selection!.positive).toEqual(r.qubo!.kept);
    expect(r.selection!.equalsExact).toBe(true);
    expect(r.selection!.equalsPositive).toBe(r.selectedMaps.length === r.qubo!.d);
    expect(r.selection!.summary).toMatch(/^QA selected \d+ of the d = \d+ maps with α > 0.*exact minimiser/);
    const input = toModelInput(decodeImage(sample('2-pullover.png')), [28, 28, 1]);
    const light = { ...input, pixels: input.pixels.map((v) => 1 - v), notes: [] };
    const w = await explainImage({ fm, classNames, image: light, method: 'gradcam' });
    expect(w.warnings.join(' ')).toMatch(/light background/);
    expect(w.selection).toBeNull();
  });
});
