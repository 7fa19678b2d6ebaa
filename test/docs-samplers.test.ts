import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

it('docs/samplers.md is what scripts/gen-sampler-docs.mjs writes from the declared parameters', () => {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/gen-sampler-docs.mjs'), '--check'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
