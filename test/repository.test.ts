/**
 * The repository stands alone: a user clones qaxai without the development machine's reference folder, so no
 * tracked file may name a path outside the repository (that folder, or an absolute path of a development
 * machine). Runs where the tests run from a git checkout (CI's clean clone); elsewhere it says why it skips.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isCheckout = existsSync(join(root, '.git'));

/** Text that names a place outside the repository (spelled in pieces so this file does not match itself). */
const OUTSIDE = [
  ['..', 'shared', ''].join('/'),
  ['', 'work', 'shared'].join('/'),
  ['', 'work', 'main'].join('/'),
  `${dirname(root)}/`,
];

describe.skipIf(!isCheckout)('the repository stands alone (skipped outside a git checkout)', () => {
  it('no tracked file names a path outside the repository', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && !f.endsWith('.png') && !f.endsWith('.bin') && existsSync(join(root, f)));
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(root, f), 'utf8');
      for (const needle of OUTSIDE) if (text.includes(needle)) offenders.push(`${f}: names ${needle}`);
    }
    expect(offenders).toEqual([]);
  });
});
