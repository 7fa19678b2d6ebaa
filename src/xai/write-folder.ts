/** Writes a folder of files atomically: a temp sibling folder, then one rename over the target. */

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Files by relative path (sub-folders allowed); returns the absolute folder path. */
export function writeFolderAtomic(dir: string, files: Readonly<Record<string, string | Uint8Array>>): string {
  const abs = resolve(dir);
  const parent = dirname(abs);
  mkdirSync(parent, { recursive: true });
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${basename(abs)}.${tag}.tmp`);
  const old = join(parent, `.${basename(abs)}.${tag}.old`);
  try {
    for (const [name, data] of Object.entries(files)) {
      const p = join(tmp, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, data);
    }
    const had = existsSync(abs);
    if (had) renameSync(abs, old);
    renameSync(tmp, abs);
    if (had) rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return abs;
}
