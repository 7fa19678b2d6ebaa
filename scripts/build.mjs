#!/usr/bin/env node
// Compiles src/ to dist/ with tsc and copies non-TS assets (JSON data tables) next to their modules.
// dist/ is emptied first, so that no output of a renamed or removed module is left to be packed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit', cwd: root });

const assetExt = /\.(json|wasm|html|css|svg|png)$/;
const watFiles = [];
function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) copyAssets(p);
    else if (assetExt.test(name)) {
      const dest = join(root, 'dist', relative(join(root, 'src'), p));
      cpSync(p, dest);
    } else if (name.endsWith('.wat')) watFiles.push(p);
  }
}
if (existsSync(join(root, 'src'))) copyAssets(join(root, 'src'));

// WebAssembly text (src/**/*.wat, e.g. the statevector SIMD kernels) is assembled to dist/**/*.wasm with wabt
// (a devDependency); without it the engine falls back to its TypeScript kernels.
if (watFiles.length) {
  let wabt;
  try {
    wabt = await (await import('wabt')).default();
  } catch {
    console.warn('build: wabt is not installed; WebAssembly kernels not built (TypeScript kernels are used)');
  }
  for (const p of wabt ? watFiles : []) {
    const features = { simd: true, threads: true, bulk_memory: true };
    const mod = wabt.parseWat(p, readFileSync(p, 'utf8'), features);
    mod.validate(features);
    const dest = join(root, 'dist', relative(join(root, 'src'), p)).replace(/\.wat$/, '.wasm');
    writeFileSync(dest, mod.toBinary({}).buffer);
    mod.destroy();
  }
}

// The web app's front end (web/, Vite + Preact) is built into dist/web-ui, which `qaxai serve` serves.
if (existsSync(join(root, 'web', 'vite.config.ts'))) {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    console.warn(
      'build: vite is not installed (a production install?); skipping the web front end (dist/web-ui)',
    );
  }
  if (vite) await vite.build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
}
