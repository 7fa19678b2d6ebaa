import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../../src/xai/tf-runtime.js';
import { conv2dFilterGradient, conv2dFilterGradientByConv } from '../../src/xai/wasm-kernels.js';
import { seededImage } from './tiny-models.js';

/** dW by the definition, in float64: Σ x[n, oh·s + kh − pt, ow·s + kw − pl, c] · dy[n, oh, ow, co]. */
function reference(
  x: Float32Array,
  dy: Float32Array,
  xs: number[],
  ks: number[],
  s: number,
  pt: number,
  pl: number,
  os: number[],
) {
  const [N, H, W, C] = xs as [number, number, number, number];
  const [KH, KW, , CO] = ks as [number, number, number, number];
  const [, OH, OW] = os as [number, number, number];
  const out = new Float64Array(KH * KW * C * CO);
  for (let kh = 0; kh < KH; kh++)
    for (let kw = 0; kw < KW; kw++)
      for (let c = 0; c < C; c++)
        for (let co = 0; co < CO; co++) {
          let acc = 0;
          for (let n = 0; n < N; n++)
            for (let oh = 0; oh < OH; oh++)
              for (let ow = 0; ow < OW; ow++) {
                const ih = oh * s + kh - pt;
                const iw = ow * s + kw - pl;
                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                acc += x[((n * H + ih) * W + iw) * C + c]! * dy[((n * OH + oh) * OW + ow) * CO + co]!;
              }
          out[((kh * KW + kw) * C + c) * CO + co] = acc;
        }
  return out;
}

beforeAll(async () => {
  await initTf();
});

describe('Conv2D filter gradient on wasm', () => {
  const cases: [number, 'same' | 'valid', number][] = [
    [1, 'same', 3],
    [2, 'same', 3],
    [1, 'valid', 5],
    [2, 'valid', 3],
  ];
  for (const [stride, pad, k] of cases) {
    it(`matches the definition (stride ${stride}, ${pad}, ${k}×${k})`, () => {
      const xs = [2, 9, 8, 3];
      const ks = [k, k, 3, 4];
      const x = seededImage(2 * 9 * 8 * 3, 3 + k + stride);
      const info = tf.backend_util.computeConv2DInfo(xs as never, ks as never, stride, 1, pad);
      const dy = seededImage(
        info.outShape.reduce((a, b) => a * b, 1),
        9,
      ).map((v) => v - 0.5);
      const ref = reference(x, dy, xs, ks, stride, info.padInfo.top, info.padInfo.left, info.outShape);
      const js = conv2dFilterGradient(x, dy, {
        ...info,
        padTop: info.padInfo.top,
        padLeft: info.padInfo.left,
      });
      const byConv = tf.tidy(() =>
        conv2dFilterGradientByConv(
          tf,
          tf.tensor4d(x, xs as never),
          tf.tensor4d(dy, info.outShape),
          ks as never,
          stride,
          pad,
        ).dataSync(),
      );
      // and through tf.grad (the registered Conv2D gradient) on the active backend
      const viaGrad = tf.tidy(() => {
        const f = tf.variable(tf.zeros(ks as never), true);
        const g = tf.grad((w: tf.Tensor) =>
          tf.sum(
            tf.mul(
              tf.conv2d(tf.tensor4d(x, xs as never), w as tf.Tensor4D, stride, pad),
              tf.tensor4d(dy, info.outShape),
            ),
          ),
        )(f);
        return g.dataSync();
      });
      for (let i = 0; i < ref.length; i++) {
        expect(js[i]).toBeCloseTo(ref[i]!, 4);
        expect(byConv[i]).toBeCloseTo(ref[i]!, 4);
        expect(viaGrad[i]).toBeCloseTo(ref[i]!, 4);
      }
    });
  }

  it('serves a fused linear conv (the registered kernel) when the input gradient is taken', () => {
    const w = tf.tensor4d(seededImage(3 * 3 * 2 * 2, 4), [3, 3, 2, 2]);
    const x = tf.tensor4d(seededImage(1 * 5 * 5 * 2, 8), [1, 5, 5, 2]);
    const b = tf.tensor1d([0.1, -0.2]);
    const g = tf.grad((xx: tf.Tensor) =>
      tf.sum(tf.fused.conv2d({ x: xx as tf.Tensor4D, filter: w, strides: 1, pad: 'same', bias: b })),
    )(x);
    // Σ_out conv(x) is linear in x: ∂/∂x = conv2dTranspose(ones, w)
    const ref = tf.conv2dTranspose(tf.ones([1, 5, 5, 2]) as tf.Tensor4D, w, [1, 5, 5, 2], 1, 'same');
    const gv = g.dataSync();
    ref.dataSync().forEach((v, i) => expect(gv[i]).toBeCloseTo(v, 4));
  });
});
