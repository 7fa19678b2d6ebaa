/**
 * Atomic file writes: the data goes to a temp file in the target's folder, is flushed to disk, then renamed
 * over the target, so a reader (or a resumed run after a crash or SIGKILL) sees either the old file or the
 * complete new one, never a partial file.
 */

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Writes `data` to `path` atomically and returns the absolute path. */
export function writeFileAtomic(path: string, data: string | Uint8Array): string {
  const abs = resolve(path);
  mkdirSync(dirname(abs), { recursive: true });
  const tmp = `${abs}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      if (typeof data === 'string') writeSync(fd, data);
      else writeSync(fd, data, 0, data.length);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, abs);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return abs;
}
