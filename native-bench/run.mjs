#!/usr/bin/env node
// `npm run bench -- <name> [--json] [args]`: runs native-bench/<name>/bench.mjs (each benchmark builds its
// native C++ reference with g++ -O3 -march=native, checks for its Python peers, and with --json prints one
// JSON object of ratios as the last line of stdout).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'bench.mjs')))
  .map((d) => d.name);
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${available.join('|') || 'name'}> [--json]\n`);
  process.exit(name ? 2 : 0);
}
const r = spawnSync(process.execPath, [join(here, name, 'bench.mjs'), ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
