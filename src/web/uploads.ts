/**
 * Uploaded images for the explainer, kept in memory only (never written to disk, so no upload can choose a
 * path), bounded in count and total bytes, oldest first out. Each is checked on arrival to be a PNG or JPEG
 * whose header declares at most MAX_IMAGE_PIXELS pixels.
 */

import { randomUUID } from 'node:crypto';
import { checkImagePixels, imageFormat, readImageHeader } from '../xai/image-io.js';
import { HttpError } from './http-error.js';

export interface Upload {
  id: string;
  name: string;
  bytes: Uint8Array;
  format: 'png' | 'jpeg';
  createdAt: number;
}

/** A display name: the file's base name, printable characters only, at most 100 of them. */
export function safeName(name: string | undefined): string {
  const base = (name ?? 'upload').split(/[\\/]/).pop() ?? 'upload';
  const clean = base.replace(/[^\w.\- ]+/g, '_').slice(0, 100);
  return clean === '' || clean === '.' || clean === '..' ? 'upload' : clean;
}

export class UploadStore {
  private readonly items = new Map<string, Upload>();
  private bytes = 0;

  constructor(
    private readonly maxItems = 64,
    private readonly maxBytes = 64 * 2 ** 20,
  ) {}

  add(bytes: Uint8Array, name: string | undefined): Upload {
    const format = imageFormat(bytes);
    if (!format)
      throw new HttpError(415, 'file: not a PNG or JPEG image (checked by content)', {
        field: 'file',
        code: 'QA_INPUT_INVALID',
      });
    const header = readImageHeader(bytes); // an unreadable header is refused when the image is decoded
    if (header) checkImagePixels(header, 'file');
    const u: Upload = { id: randomUUID(), name: safeName(name), bytes, format, createdAt: Date.now() };
    this.items.set(u.id, u);
    this.bytes += bytes.byteLength;
    for (const [id, old] of this.items) {
      if (this.items.size <= this.maxItems && this.bytes <= this.maxBytes) break;
      if (id === u.id) break;
      this.items.delete(id);
      this.bytes -= old.bytes.byteLength;
    }
    return u;
  }

  get(id: string): Upload {
    const u = this.items.get(id);
    if (!u)
      throw new HttpError(
        404,
        `upload ${JSON.stringify(id)} is not known (uploads are kept in memory; upload the image again)`,
        {
          field: 'image.upload',
        },
      );
    return u;
  }
}
