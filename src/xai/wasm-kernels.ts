/**
 * Kernels the tfjs wasm backend (4.22) lacks, registered by {@link registerWasmKernels}.
 *
 * `Conv2DBackpropFilter` is missing on wasm, so training any conv net (and the input gradient through a
 * fused linear conv) fails with "Kernel 'Conv2DBackpropFilter' not registered". This kernel computes
 *   dW[kh,kw,c,co] = Σ_{n,oh,ow} x[n, oh·sh + kh − padTop, ow·sw + kw − padLeft, c] · dy[n,oh,ow,co]
 * in plain JavaScript (NHWC, dilation 1, as tfjs's own cpu kernel), skipping zero inputs (ReLU sparsity).
 * That kernel is the fallback (it also serves fused linear convs); the fast path used for training is a
 * `Conv2D` gradient override ({@link registerConv2dGradient}) that computes the same dW as one forward
 * convolution with the batch as channels: conv2d(transpose(pad(x)), transpose(dy), dilation = stride).
 */

import type * as TfModule from '@tensorflow/tfjs';

interface WasmLikeBackend {
  readSync(dataId: object): ArrayLike<number>;
  makeOutput(
    shape: number[],
    dtype: string,
    memoryOffset?: number,
    values?: Float32Array,
  ): TfModule.TensorInfo;
}

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** dW of a 2-D convolution (NHWC): plain loops, float64 accumulation. Exported for tests. */
export function conv2dFilterGradient(
  x: ArrayLike<number>,
  dy: ArrayLike<number>,
  info: {
    batchSize: number;
    inHeight: number;
    inWidth: number;
    inChannels: number;
    outHeight: number;
    outWidth: number;
    outChannels: number;
    strideHeight: number;
    strideWidth: number;
    filterHeight: number;
    filterWidth: number;
    padTop: number;
    padLeft: number;
  },
): Float32Array {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { outChannels: CO, strideHeight: sh, strideWidth: sw, filterHeight: KH, filterWidth: KW } = info;
  const acc = new Float64Array(KH * KW * C * CO);
  for (let n = 0; n < N; n++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++) {
        const dyBase = ((n * OH + oh) * OW + ow) * CO;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh + kh - info.padTop;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw + kw - info.padLeft;
            if (iw < 0 || iw >= W) continue;
            const xBase = ((n * H + ih) * W + iw) * C;
            const wBase = (kh * KW + kw) * C;
            for (let c = 0; c < C; c++) {
              const xv = x[xBase + c]!;
              if (xv === 0) continue;
              const o = (wBase + c) * CO;
              for (let co = 0; co < CO; co++) acc[o + co]! += xv * dy[dyBase + co]!;
            }
          }
        }
      }
  return Float32Array.from(acc);
}

/**
 * dW of conv2d(x, filter) as a forward convolution: with xp = pad(x) ([N,Hp,Wp,C]),
 * conv2d(xpᵀ [C,Hp,Wp,N], dyᵀ [OH,OW,N,CO], stride 1, 'valid', dilation = stride)[c,kh,kw,co] = dW[kh,kw,c,co].
 */
export function conv2dFilterGradientByConv(
  tf: typeof TfModule,
  x: TfModule.Tensor4D,
  dy: TfModule.Tensor4D,
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: 'same' | 'valid' | number,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): TfModule.Tensor4D {
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, 1, pad, dimRoundingMode);
  const { top, bottom, left, right } = info.padInfo;
  return tf.tidy(() => {
    const xp =
      top || bottom || left || right
        ? tf.pad(x, [
            [0, 0],
            [top, bottom],
            [left, right],
            [0, 0],
          ])
        : x;
    const out = tf.conv2d(
      tf.transpose(xp, [3, 1, 2, 0]) as TfModule.Tensor4D,
      tf.transpose(dy, [1, 2, 0, 3]) as TfModule.Tensor4D,
      1,
      'valid',
      'NHWC',
      [info.strideHeight, info.strideWidth],
    );
    const [kh, kw, c, co] = filterShape;
    return tf.transpose(tf.slice(out, [0, 0, 0, 0], [c, kh, kw, co]), [1, 2, 0, 3]) as TfModule.Tensor4D;
  });
}

let gradientRegistered = false;

/**
 * Overrides the `Conv2D` gradient: on wasm (NHWC, dilation 1) the filter gradient comes from
 * {@link conv2dFilterGradientByConv}; elsewhere it is tfjs's own. The input gradient is tfjs's own.
 */
export function registerConv2dGradient(tf: typeof TfModule): void {
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: 'Conv2D',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as [TfModule.Tensor4D, TfModule.Tensor4D];
      const a = attrs as unknown as ConvAttrs & { dilations: number | [number, number] };
      const d4 = dy as TfModule.Tensor4D;
      const dil = Array.isArray(a.dilations) ? a.dilations : [a.dilations, a.dilations];
      if (dil[0] !== 1 || dil[1] !== 1)
        throw new Error('gradient of conv2D: dilation rates > 1 are not supported');
      const fast = tf.getBackend() === 'wasm' && a.dataFormat !== 'NCHW';
      return {
        x: () => tf.conv2dTranspose(d4, filter, x.shape, a.strides, a.pad as 'same', a.dimRoundingMode),
        filter: () =>
          fast
            ? conv2dFilterGradientByConv(tf, x, d4, filter.shape, a.strides, a.pad, a.dimRoundingMode)
            : (tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: d4 }, {
                ...a,
                filterShape: filter.shape,
              } as unknown as TfModule.NamedAttrMap) as TfModule.Tensor4D),
      };
    },
  });
}

/** Registers the missing wasm kernels once (no-op when already present). */
export function registerWasmKernels(tf: typeof TfModule): void {
  registerConv2dGradient(tf);
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: TfModule.TensorInfo; dy: TfModule.TensorInfo };
      const a = attrs as unknown as ConvAttrs;
      if (a.dataFormat === 'NCHW')
        throw new Error('Conv2DBackpropFilter on wasm (qaxai kernel) supports NHWC only');
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number],
        a.filterShape,
        a.strides,
        1,
        a.pad,
        a.dimRoundingMode,
        false,
        'channelsLast',
      );
      const b = backend as unknown as WasmLikeBackend;
      const dW = conv2dFilterGradient(b.readSync(x.dataId), b.readSync(dy.dataId), {
        ...info,
        padTop: info.padInfo.top,
        padLeft: info.padInfo.left,
      });
      return b.makeOutput(info.filterShape, 'float32', undefined, dW);
    },
  });
}
