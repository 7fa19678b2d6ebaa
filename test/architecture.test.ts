import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

it('keeps the one-way layering of docs/architecture.md (dependency-cruiser)', () => {
  const r = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      'src',
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'err',
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  expect(r.stdout + r.stderr).not.toMatch(/error/i);
  expect(r.status).toBe(0);
});
