/**
 * Static files of the built front end, served only from its folder: the URL path is decoded once, refused if it
 * holds NUL, backslashes or dot segments, resolved under the root and checked to stay there (after resolving
 * symbolic links), and only regular files are sent. Vite's hashed assets are cached for a year; everything else
 * is revalidated.
 */

import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The built front end shipped in the package: dist/web-ui (from src/web or dist/web alike). */
export function defaultUiDir(): string {
  return fileURLToPath(new URL('../../dist/web-ui', import.meta.url));
}

export interface StaticFile {
  path: string;
  size: number;
  type: string;
  cache: string;
  mtime: Date;
}

export type StaticLookup =
  | { kind: 'file'; file: StaticFile }
  | { kind: 'forbidden'; why: string }
  | { kind: 'missing' };

export class StaticFiles {
  readonly root: string;

  constructor(root: string) {
    this.root = existsSync(root) ? realpathSync(resolve(root)) : resolve(root);
  }

  get available(): boolean {
    return existsSync(join(this.root, 'index.html'));
  }

  /** Looks up a URL path (without the query string). */
  lookup(urlPath: string): StaticLookup {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return { kind: 'forbidden', why: 'malformed percent-encoding' };
    }
    if (decoded.includes('\0') || decoded.includes('\\'))
      return { kind: 'forbidden', why: 'illegal character in path' };
    const segments = decoded.split('/').filter((s) => s !== '');
    if (segments.some((s) => s === '..' || s === '.'))
      return { kind: 'forbidden', why: 'dot segments are not allowed' };
    if (segments.some((s) => s.startsWith('.'))) return { kind: 'missing' };
    const candidate = resolve(this.root, ...segments);
    if (candidate !== this.root && !candidate.startsWith(this.root + sep))
      return { kind: 'forbidden', why: 'outside the web root' };
    if (!existsSync(candidate)) return { kind: 'missing' };
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      return { kind: 'missing' };
    }
    if (real !== this.root && !real.startsWith(this.root + sep))
      return { kind: 'forbidden', why: 'outside the web root' };
    const st = statSync(real);
    if (!st.isFile()) return { kind: 'missing' };
    const ext = extname(real).toLowerCase();
    const hashed = segments[0] === 'assets';
    return {
      kind: 'file',
      file: {
        path: real,
        size: st.size,
        type: TYPES[ext] ?? 'application/octet-stream',
        cache: hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        mtime: st.mtime,
      },
    };
  }

  stream(f: StaticFile) {
    return createReadStream(f.path);
  }
}
