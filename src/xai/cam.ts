/**
 * Class-activation maps for one image, on plain arrays in NHWC order (maps[i][j][k] at (i·W + j)·K + k).
 *
 * - Grad-CAM (Selvaraju et al. 2017): α_k = (1/HW) Σ_ij ∂y/∂A^k_ij; map = ReLU(Σ_k α_k A^k).
 * - Grad-CAM++ (Chattopadhay et al. 2018, closed form eq. 19 as pytorch-grad-cam implements it): with
 *   g = ∂y/∂A^k_ij, a_ij = g² / (2g² + (Σ_ab A^k_ab)·g³ + 1e-6), a_ij = 0 where g = 0;
 *   w_k = Σ_ij a_ij·ReLU(g); map = ReLU(Σ_k w_k A^k).
 * - The paper's QA-fGradCAM map: Σ_{a ∈ S} ReLU(α_a A^a) over the selected maps S.
 * Maps are then min–max normalised, (m − min)/(max − min) (all zero when max = min), and upsampled bilinearly.
 */

/** Grad-CAM weights α_k (global average of the gradient per map). */
export function gradcamWeights(
  grad: ArrayLike<number>,
  h: number,
  w: number,
  k: number,
  offset = 0,
): Float64Array {
  const a = new Float64Array(k);
  for (let p = 0; p < h * w; p++) for (let c = 0; c < k; c++) a[c]! += grad[offset + p * k + c]!;
  for (let c = 0; c < k; c++) a[c]! /= h * w;
  return a;
}

/** Grad-CAM++ weights w_k (closed form with the 1e-6 guard and a_ij = 0 where g = 0). */
export function gradcamPlusPlusWeights(
  maps: ArrayLike<number>,
  grad: ArrayLike<number>,
  h: number,
  w: number,
  k: number,
  offset = 0,
): Float64Array {
  const sumA = new Float64Array(k);
  for (let p = 0; p < h * w; p++) for (let c = 0; c < k; c++) sumA[c]! += maps[offset + p * k + c]!;
  const wk = new Float64Array(k);
  for (let p = 0; p < h * w; p++)
    for (let c = 0; c < k; c++) {
      const g = grad[offset + p * k + c]!;
      if (g === 0) continue;
      const g2 = g * g;
      const aij = g2 / (2 * g2 + sumA[c]! * g2 * g + 1e-6);
      if (g > 0) wk[c]! += aij * g;
    }
  return wk;
}

/**
 * Σ_k w_k A^k over `subset` (all maps when omitted). `perChannelRelu` applies ReLU to each w_k A^k before
 * the sum (the paper's subset map); otherwise ReLU is applied to the sum (standard Grad-CAM).
 */
export function weightedMap(
  maps: ArrayLike<number>,
  weights: ArrayLike<number>,
  h: number,
  w: number,
  k: number,
  options: { subset?: readonly number[]; perChannelRelu?: boolean; offset?: number } = {},
): Float64Array {
  const off = options.offset ?? 0;
  const chans = options.subset ?? Array.from({ length: k }, (_, i) => i);
  const out = new Float64Array(h * w);
  for (let p = 0; p < h * w; p++) {
    let s = 0;
    for (const c of chans) {
      const v = weights[c]! * maps[off + p * k + c]!;
      s += options.perChannelRelu ? Math.max(0, v) : v;
    }
    out[p] = Math.max(0, s);
  }
  return out;
}

/** (m − min)/(max − min); all zeros when the map is constant. */
export function minMaxNormalize(m: ArrayLike<number>): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < m.length; i++) {
    lo = Math.min(lo, m[i]!);
    hi = Math.max(hi, m[i]!);
  }
  const out = new Float64Array(m.length);
  if (!(hi > lo)) return out;
  for (let i = 0; i < m.length; i++) out[i] = (m[i]! - lo) / (hi - lo);
  return out;
}

/**
 * Bilinear resize of a single-channel h × w map to H × W with half-pixel centres (OpenCV INTER_LINEAR,
 * PIL BILINEAR for upsampling, tf.image.resizeBilinear with halfPixelCenters): source coordinate
 * (i + 0.5)·h/H − 0.5, clamped to the edges.
 */
export function resizeBilinear(
  src: ArrayLike<number>,
  h: number,
  w: number,
  H: number,
  W: number,
): Float64Array {
  const out = new Float64Array(H * W);
  for (let i = 0; i < H; i++) {
    const y = Math.min(h - 1, Math.max(0, ((i + 0.5) * h) / H - 0.5));
    const y0 = Math.floor(y);
    const y1 = Math.min(h - 1, y0 + 1);
    const fy = y - y0;
    for (let j = 0; j < W; j++) {
      const x = Math.min(w - 1, Math.max(0, ((j + 0.5) * w) / W - 0.5));
      const x0 = Math.floor(x);
      const x1 = Math.min(w - 1, x0 + 1);
      const fx = x - x0;
      const top = src[y0 * w + x0]! * (1 - fx) + src[y0 * w + x1]! * fx;
      const bot = src[y1 * w + x0]! * (1 - fx) + src[y1 * w + x1]! * fx;
      out[i * W + j] = top * (1 - fy) + bot * fy;
    }
  }
  return out;
}
