/**
 * Images in and out: PNG (pngjs) and JPEG (jpeg-js) decoding to RGBA, conversion to a model's input
 * (size and channels, with a note for each change made), PNG encoding, and heatmap overlays (jet colormap).
 * Every image's size is read from its header (PNG IHDR, JPEG SOF) and checked against
 * {@link MAX_IMAGE_PIXELS} before anything is decoded: a small file can declare a huge image.
 */

import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { InputError } from '../errors.js';
import { resizeBilinear } from './cam.js';

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, row-major. */
  data: Uint8Array;
  format: 'png' | 'jpeg';
  /** Channels in the file: 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA). */
  fileChannels: number;
}

/** Largest image decoded, PNG and JPEG alike (width × height; RGBA decoding takes 4 bytes a pixel). */
export const MAX_IMAGE_PIXELS = 50_000_000;

export interface ImageHeader {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format by magic bytes (PNG signature, JPEG SOI + marker), or undefined. */
export function imageFormat(b: Uint8Array): 'png' | 'jpeg' | undefined {
  if (b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v)) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  return undefined;
}

/** Width and height from a JPEG's first SOF segment; undefined when none comes before the scan data. */
function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return undefined;
    const marker = b[p + 1]!;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      p += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image or scan data before any SOF
    const length = (b[p + 2]! << 8) | b[p + 3]!;
    if (length < 2) return undefined;
    const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (sof) {
      if (length < 7 || p + 9 > b.length) return undefined;
      return { height: (b[p + 5]! << 8) | b[p + 6]!, width: (b[p + 7]! << 8) | b[p + 8]! };
    }
    p += 2 + length;
  }
  return undefined;
}

/**
 * An image's format and size from its header, without decoding: PNG's IHDR (the first chunk) or JPEG's frame
 * header; undefined when the bytes are not PNG or JPEG or the header cannot be read.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const format = imageFormat(bytes);
  let size: { width: number; height: number } | undefined;
  if (format === 'png') {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const ihdr = bytes.length >= 24 && v.getUint32(8) === 13 && v.getUint32(12) === 0x49484452;
    if (ihdr) size = { width: v.getUint32(16), height: v.getUint32(20) };
  } else if (format === 'jpeg') size = jpegSize(bytes);
  if (!format || !size || size.width === 0 || size.height === 0) return undefined;
  return { format, ...size };
}

/** Refuses an image past {@link MAX_IMAGE_PIXELS}, with its figure, as an InputError naming `what`. */
export function checkImagePixels(h: ImageHeader, what = 'IMAGE'): void {
  const pixels = h.width * h.height;
  if (pixels > MAX_IMAGE_PIXELS)
    throw new InputError(
      `${what}: the image is ${h.width} × ${h.height} = ${pixels.toLocaleString('en-US')} pixels; qaxai decodes at most ` +
        `${MAX_IMAGE_PIXELS.toLocaleString('en-US')} (${MAX_IMAGE_PIXELS / 1e6} MP): scale it down first`,
      { field: what },
    );
}

/**
 * Decodes PNG or JPEG bytes (detected by content), their size checked from the header first; anything else is
 * bad input naming `what`.
 */
export function decodeImage(bytes: Uint8Array, what = 'IMAGE'): RgbaImage {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = imageFormat(bytes);
  if (format === undefined)
    throw new InputError(`${what}: not a PNG or JPEG image (qaxai reads PNG and baseline/progressive JPEG)`, {
      field: what,
    });
  const header = readImageHeader(bytes);
  if (!header)
    throw new InputError(
      `${what}: a damaged ${format === 'png' ? 'PNG file (no IHDR header first)' : 'JPEG file (no frame header giving its size)'}`,
      { field: what },
    );
  checkImagePixels(header, what);
  if (format === 'png') {
    try {
      const png = PNG.sync.read(b);
      const ct = b.length > 25 ? b[25]! : 6;
      const fileChannels = ct === 0 ? 1 : ct === 4 ? 2 : ct === 6 ? 4 : 3;
      return {
        width: png.width,
        height: png.height,
        data: new Uint8Array(png.data),
        format: 'png',
        fileChannels,
      };
    } catch (e) {
      throw new InputError(`${what}: a damaged PNG file (${(e as Error).message})`, { field: what });
    }
  }
  try {
    const img = jpeg.decode(b, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6,
    });
    return {
      width: img.width,
      height: img.height,
      data: new Uint8Array(img.data),
      format: 'jpeg',
      fileChannels: 3,
    };
  } catch (e) {
    throw new InputError(`${what}: a damaged or unsupported JPEG file (${(e as Error).message})`, {
      field: what,
    });
  }
}

/** Box-filter downsampling (area average) of one channel; bilinear when enlarging. */
function resample(src: Float64Array, h: number, w: number, H: number, W: number): Float64Array {
  if (H >= h && W >= w) return resizeBilinear(src, h, w, H, W);
  const out = new Float64Array(H * W);
  for (let i = 0; i < H; i++) {
    const y0 = (i * h) / H;
    const y1 = ((i + 1) * h) / H;
    for (let j = 0; j < W; j++) {
      const x0 = (j * w) / W;
      const x1 = ((j + 1) * w) / W;
      let s = 0;
      let a = 0;
      for (let y = Math.floor(y0); y < Math.min(h, Math.ceil(y1)); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        for (let x = Math.floor(x0); x < Math.min(w, Math.ceil(x1)); x++) {
          const wx = Math.min(x + 1, x1) - Math.max(x, x0);
          s += src[y * w + x]! * wy * wx;
          a += wy * wx;
        }
      }
      out[i * W + j] = a > 0 ? s / a : 0;
    }
  }
  return out;
}

export interface ModelInput {
  /** Floats in [0, 1], H × W × C (NHWC without the batch axis). */
  pixels: Float32Array;
  shape: [number, number, number];
  /** One sentence per conversion made (resize, channel change, alpha, inversion). */
  notes: string[];
}

/**
 * Converts an image to a model input of `shape` (null height/width keep the image's own): RGB → grey by
 * luminance (0.299 R + 0.587 G + 0.114 B) when the model takes one channel, grey → RGB by repetition when it
 * takes three; transparent pixels are composited over black; the size is changed by area averaging
 * (shrinking) or bilinear interpolation (enlarging). `invert` maps v → 1 − v (dark-on-light images for
 * models trained on light-on-dark data such as MNIST and Fashion-MNIST).
 */
export function toModelInput(
  img: RgbaImage,
  shape: readonly [number | null, number | null, number],
  options: { invert?: boolean } = {},
): ModelInput {
  const H = shape[0] ?? img.height;
  const W = shape[1] ?? img.width;
  const C = shape[2];
  if (C !== 1 && C !== 3)
    throw new InputError(
      `model: the model takes ${C} input channels; qaxai feeds images with 1 (grey) or 3 (RGB)`,
      {
        field: 'model',
      },
    );
  const notes: string[] = [];
  const n = img.width * img.height;
  const chans: Float64Array[] = [0, 1, 2].map(() => new Float64Array(n));
  let hasAlpha = false;
  for (let p = 0; p < n; p++) {
    const a = img.data[4 * p + 3]! / 255;
    if (a < 1) hasAlpha = true;
    for (let c = 0; c < 3; c++) chans[c]![p] = (img.data[4 * p + c]! / 255) * a;
  }
  if (hasAlpha) notes.push('transparent pixels composited over black');
  const colour = img.fileChannels >= 3;
  let planes: Float64Array[];
  if (C === 1) {
    planes = [
      Float64Array.from(
        { length: n },
        (_, p) => 0.299 * chans[0]![p]! + 0.587 * chans[1]![p]! + 0.114 * chans[2]![p]!,
      ),
    ];
    if (colour) notes.push('converted RGB to grey (luminance 0.299 R + 0.587 G + 0.114 B)');
  } else {
    planes = chans;
    if (!colour) notes.push('grey image repeated into 3 channels');
  }
  if (H !== img.height || W !== img.width) {
    notes.push(
      `resized from ${img.width}×${img.height} to ${W}×${H} (${H < img.height ? 'area average' : 'bilinear'})`,
    );
    planes = planes.map((pl) => resample(pl, img.height, img.width, H, W));
  }
  if (options.invert) notes.push('inverted (v → 1 − v)');
  const pixels = new Float32Array(H * W * C);
  for (let p = 0; p < H * W; p++)
    for (let c = 0; c < C; c++) {
      const v = planes[c]![p]!;
      pixels[p * C + c] = options.invert ? 1 - v : v;
    }
  return { pixels, shape: [H, W, C], notes };
}

/** Encodes RGBA bytes as PNG. */
export function encodePng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return new Uint8Array(PNG.sync.write(png));
}

/** The jet colormap at v ∈ [0, 1] as [r, g, b] in [0, 1] (matplotlib's piecewise-linear 'jet'). */
export function jet(v: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, v));
  const f = (a: number) => Math.min(1, Math.max(0, a));
  return [f(1.5 - Math.abs(4 * x - 3)), f(1.5 - Math.abs(4 * x - 2)), f(1.5 - Math.abs(4 * x - 1))];
}

/** Mean of the outermost ring of pixels over all channels: the image's background level in [0, 1]. */
export function borderMean(input: ModelInput): number {
  const [H, W, C] = input.shape;
  let s = 0;
  let n = 0;
  for (let i = 0; i < H; i++)
    for (let j = 0; j < W; j++) {
      if (i !== 0 && j !== 0 && i !== H - 1 && j !== W - 1) continue;
      for (let c = 0; c < C; c++) s += input.pixels[(i * W + j) * C + c]!;
      n += C;
    }
  return n ? s / n : 0;
}

/**
 * A warning when the background (the border ring) is light although the model was trained on light objects
 * on a dark background; judged on the border, not the whole image, so a large light object on a dark
 * background draws none. Only for grey inputs (the default models' kind); undefined when the image was
 * inverted already or the background is dark.
 */
export function lightBackgroundWarning(input: ModelInput, invert?: boolean): string | undefined {
  if (invert || input.shape[2] !== 1) return undefined;
  const b = borderMean(input);
  return b > 0.5
    ? `the image has a light background (border mean ${b.toFixed(2)}); the default model was trained on light objects on a dark background — try \`invert\``
    : undefined;
}

/**
 * A heatmap over an image as RGBA: the image (H × W × C floats, nearest-neighbour enlarged by `scale`) blended
 * with jet(heatmap), the heatmap given at its own resolution (hh × hw) and resized bilinearly to the output.
 */
export function overlayRgba(
  image: Float32Array,
  shape: readonly [number, number, number],
  heat: ArrayLike<number>,
  heatShape: readonly [number, number],
  options: { scale?: number; alpha?: number } = {},
): { rgba: Uint8Array; width: number; height: number } {
  const [H, W, C] = shape;
  const s = options.scale ?? Math.max(1, Math.floor(224 / Math.max(H, W)));
  const alpha = options.alpha ?? 0.5;
  const OH = H * s;
  const OW = W * s;
  const hm = resizeBilinear(heat, heatShape[0], heatShape[1], OH, OW);
  const rgba = new Uint8Array(OH * OW * 4);
  for (let i = 0; i < OH; i++)
    for (let j = 0; j < OW; j++) {
      const src = (Math.floor(i / s) * W + Math.floor(j / s)) * C;
      const base = [0, 1, 2].map((c) => image[src + (C === 1 ? 0 : c)]!);
      const col = jet(hm[i * OW + j]!);
      const o = (i * OW + j) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(255 * ((1 - alpha) * base[c]! + alpha * col[c]!));
      rgba[o + 3] = 255;
    }
  return { rgba, width: OW, height: OH };
}

/** An H × W × C float image as RGBA bytes (grey repeated). */
export function imageRgba(image: Float32Array, shape: readonly [number, number, number]): Uint8Array {
  const [H, W, C] = shape;
  const out = new Uint8Array(H * W * 4);
  for (let p = 0; p < H * W; p++) {
    for (let c = 0; c < 3; c++)
      out[4 * p + c] = Math.round(255 * Math.min(1, Math.max(0, image[p * C + (C === 1 ? 0 : c)]!)));
    out[4 * p + 3] = 255;
  }
  return out;
}
