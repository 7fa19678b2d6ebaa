/**
 * Property-based suite over the image readers (issue 15 §3): PNG and JPEG headers and decoding. Generated
 * images decode to their own size and pixels (PNG exactly, JPEG in size); mutated bytes give a decoded image
 * within the pixel limit or an InputError naming the image — 10,000 cases per format by default, ten times
 * more with QAXAI_SLOW=1 (JPEG cases start from a pool of 32 encoded images). Mutated headers that declare more than 2^20 pixels are checked against the limit
 * without decoding (decoding a legal 49 MP image would only make the suite slow).
 */

import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { describe, expect, it, vi } from 'vitest';
import {
  checkImagePixels,
  decodeImage,
  encodePng,
  MAX_IMAGE_PIXELS,
  readImageHeader,
} from '../../src/xai/image-io.js';
import { check, mutatedBytes, params, TIMEOUT, valueOrInputError } from './fuzz-helpers.js';

vi.setConfig({ testTimeout: TIMEOUT });

const images = fc
  .record({
    width: fc.integer({ min: 1, max: 12 }),
    height: fc.integer({ min: 1, max: 12 }),
    seed: fc.integer(),
  })
  .map(({ width, height, seed }) => ({
    width,
    height,
    rgba: Uint8Array.from({ length: width * height * 4 }, (_, k) => ((k + 1) * 2654435761 + seed) >>> 24),
  }));

const pngs = images.map((im) => ({ ...im, bytes: encodePng(im.rgba, im.width, im.height) }));
/** jpeg-js takes ~25 ms to set up an encoder, so JPEG cases draw from a pool of 32 encoded images. */
const JPEG_POOL = fc
  .sample(fc.tuple(images, fc.integer({ min: 50, max: 95 })), { numRuns: 32, seed: 45 })
  .map(([im, quality]) => ({
    ...im,
    bytes: new Uint8Array(
      jpeg.encode({ data: Buffer.from(im.rgba), width: im.width, height: im.height }, quality).data,
    ),
  }));
const jpegs = fc.constantFrom(...JPEG_POOL);

function readMutated(bytes: Uint8Array): void {
  const header = readImageHeader(bytes);
  if (header && header.width * header.height > 2 ** 20) {
    valueOrInputError(() => checkImagePixels(header, 'IMAGE'));
    return;
  }
  const img = valueOrInputError(() => decodeImage(bytes, 'IMAGE'));
  if (img instanceof Error) return;
  check(img.width * img.height <= MAX_IMAGE_PIXELS, () => `${img.width} × ${img.height} decoded`);
  check(img.data.length === 4 * img.width * img.height, () => 'RGBA data does not fill the image');
}

describe('the PNG reader', () => {
  it('generated images decode to their own pixels (1,000 cases)', () => {
    fc.assert(
      fc.property(pngs, ({ width, height, rgba, bytes }) => {
        expect(readImageHeader(bytes)).toEqual({ format: 'png', width, height });
        expect(decodeImage(bytes).data).toEqual(rgba);
      }),
      params(1000, 41),
    );
  });

  it('mutated files: a decoded image within the limit or an InputError (9,000 cases)', () => {
    fc.assert(
      fc.property(
        pngs.chain((p) => mutatedBytes(p.bytes)),
        readMutated,
      ),
      params(9000, 42),
    );
  });
});

describe('the JPEG reader', () => {
  it('generated images decode to their own size (1,000 cases)', () => {
    fc.assert(
      fc.property(jpegs, ({ width, height, bytes }) => {
        expect(readImageHeader(bytes)).toEqual({ format: 'jpeg', width, height });
        const img = decodeImage(bytes);
        expect([img.width, img.height]).toEqual([width, height]);
      }),
      params(1000, 43),
    );
  });

  it('mutated files: a decoded image within the limit or an InputError (9,000 cases)', () => {
    fc.assert(
      fc.property(
        jpegs.chain((j) => mutatedBytes(j.bytes)),
        readMutated,
      ),
      params(9000, 44),
    );
  });
});
