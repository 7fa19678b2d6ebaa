/** docs/validation.md's first example runs as written on a fresh clone (its data are in data/qpu-calibration). */

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

it('docs/validation.md: the first example runs and matches the QPU file it reads', () => {
  const doc = readFileSync(join(root, 'docs/validation.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)```/.exec(doc)![1]!;
  const argv = block.replace(/\\\n/g, ' ').trim().split(/\s+/);
  expect(argv[0]).toBe('qaxai');
  const out = execFileSync(process.execPath, [join(root, 'bin/qaxai.js'), ...argv.slice(1), '--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  const r = JSON.parse(out) as { pGround: { qpu: number; sim: number }; samples: { qpu: number } };
  // the QPU file: 2496 of its 2560 reads at the ground energy (data/qpu-calibration/summary.json)
  expect(r.samples.qpu).toBe(2560);
  expect(r.pGround.qpu).toBeCloseTo(0.975, 10);
  // the emulator at its defaults lands near the QPU on this easy instance (200 reads: ±0.03 is > 2 SE)
  expect(Math.abs(r.pGround.sim - r.pGround.qpu)).toBeLessThan(0.05);
}, 60_000);
