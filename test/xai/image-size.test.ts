/**
 * Image sizes are read from the header and checked before decoding, PNG and JPEG alike (issue 15 §1.3: a
 * 49 KB 7100 × 7100 PNG took 26 s and 1.9 GB in the web app; JPEG already had a 50 MP limit).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { errorRecord } from '../../src/web/http-error.js';
import { UploadStore } from '../../src/web/uploads.js';
import {
  checkImagePixels,
  decodeImage,
  encodePng,
  MAX_IMAGE_PIXELS,
  readImageHeader,
} from '../../src/xai/image-io.js';
import { runInProcess } from '../helpers/in-process-cli.js';
import { inputError } from '../helpers/input-error.js';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A valid 8-bit greyscale PNG of w × h black pixels: a few tens of KB for 50 MP. */
function blackPng(w: number, h: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const raw = Buffer.alloc(h * (w + 1)); // filter byte 0 + w zero bytes per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A JPEG header whose frame (SOF0) declares w × h, after a JFIF APP0 segment. */
function jpegHeader(w: number, h: number, sof = 0xc0): Buffer {
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const frame = [0xff, sof, 0, 11, 8, h >> 8, h & 0xff, w >> 8, w & 0xff, 1, 1, 0x11, 0];
  return Buffer.from([0xff, 0xd8, ...app0, 0xff, 0xff, ...frame, 0xff, 0xd9]);
}

const BIG = /the image is 7100 × 7100 = 50,410,000 pixels; qaxai decodes at most 50,000,000 \(50 MP\)/;

describe('image headers', () => {
  it('reads PNG and JPEG sizes without decoding', () => {
    expect(readImageHeader(encodePng(new Uint8Array(5 * 2 * 4), 5, 2))).toEqual({
      format: 'png',
      width: 5,
      height: 2,
    });
    const j = jpeg.encode({ data: Buffer.alloc(4 * 3 * 4), width: 4, height: 3 }, 90).data;
    expect(readImageHeader(j)).toEqual({ format: 'jpeg', width: 4, height: 3 });
    expect(decodeImage(j).width).toBe(4);
    expect(readImageHeader(jpegHeader(640, 480, 0xc2))).toEqual({ format: 'jpeg', width: 640, height: 480 });
  });

  it('refuses PNG and JPEG past the one pixel limit with the figure, before decoding', () => {
    expect(MAX_IMAGE_PIXELS).toBe(50_000_000);
    const png = blackPng(7100, 7100);
    expect(png.length).toBeLessThan(100_000);
    const t0 = performance.now();
    const e = inputError(() => decodeImage(png, 'IMAGE big.png'));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(e.message).toMatch(BIG);
    expect(e.field).toBe('IMAGE big.png');
    expect(inputError(() => decodeImage(jpegHeader(7100, 7100))).message).toMatch(BIG);
    expect(() => checkImagePixels(readImageHeader(jpegHeader(7000, 7000))!)).not.toThrow(); // 49 MP
  });

  it('refuses damaged headers as bad input', () => {
    const png = encodePng(new Uint8Array(4), 1, 1);
    for (const bad of [png.subarray(0, 20), jpegHeader(0, 10), Buffer.from([0xff, 0xd8, 0xff, 0xd9])]) {
      expect(readImageHeader(bad)).toBeUndefined();
      expect(inputError(() => decodeImage(bad, 'f')).message).toMatch(/^f: a damaged (PNG|JPEG)/);
    }
    expect(inputError(() => decodeImage(Buffer.from('GIF89a'), 'f')).message).toMatch(/not a PNG or JPEG/);
  });

  it('the web app refuses such an upload with 400 naming the file field', () => {
    const store = new UploadStore();
    const e = inputError(() => store.add(blackPng(7100, 7100), 'big.png'));
    expect(e.message).toMatch(BIG);
    expect(errorRecord(e)).toMatchObject({ status: 400, field: 'file' });
    expect(store.add(encodePng(new Uint8Array(16), 2, 2), 'ok.png').format).toBe('png');
  });

  it('qaxai explain refuses it with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qaxai-big-image-'));
    writeFileSync(join(dir, 'big.png'), blackPng(7100, 7100));
    const r = await runInProcess('explain', join(dir, 'big.png'), '--method', 'gradcam');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(BIG);
  });
});
