/**
 * The package as a user installs it: `npm pack` of this checkout, unpacked into node_modules/qaxai of a fresh
 * project outside the repository.
 *
 * - No rebuild: `npm pack --ignore-scripts` packs the dist/ that `npm test` (or `npm run build`) has just built.
 * - Offline, in seconds: `npm install <tarball>` would fetch every dependency from the registry (or a warm
 *   cache) and copy hundreds of MB. Instead the tarball is unpacked with `tar` (what npm does with the package
 *   itself) and the project's node_modules links to this checkout's installed copies of exactly the package's
 *   `dependencies` and `optionalDependencies` (plus `@types/node`, as a TypeScript user has it). Node and
 *   TypeScript resolve a dependency's own dependencies from its real path, so the project sees what an install
 *   gives, and a dist module that imports a devDependency or an undeclared package fails to load.
 */

import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { repoRoot } from './cli.js';

export interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
}

export interface PackedProject {
  /** The consumer project (its node_modules/qaxai is the unpacked tarball). */
  dir: string;
  /** Paths inside the tarball (package/ stripped). */
  files: string[];
  pkg: PackageJson;
  /** Removes the project (the links, not what they point at). */
  remove(): void;
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr || r.error}`);
  return r.stdout;
}

/** The npm that runs this script (npm_execpath, when it is npm's), else the one on PATH. */
function npm(args: string[], cwd: string): string {
  const cli = process.env.npm_execpath;
  return cli && basename(cli) === 'npm-cli.js'
    ? run(process.execPath, [cli, ...args], cwd)
    : run('npm', args, cwd);
}

export function packAndInstall(): PackedProject {
  if (!existsSync(join(repoRoot, 'dist', 'index.js')))
    throw new Error('dist/index.js is missing: run `npm run build` first (`npm test` does)');
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
  const dir = mkdtempSync(join(tmpdir(), 'qaxai-package-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const packed = JSON.parse(
      npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], repoRoot),
    ) as [{ filename: string; files: { path: string }[] }];
    const modules = join(dir, 'node_modules');
    mkdirSync(modules);
    run('tar', ['-xzf', join(dir, packed[0].filename), '-C', modules], dir);
    renameSync(join(modules, 'package'), join(modules, pkg.name));
    const deps = [
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.optionalDependencies ?? {}),
      '@types/node',
    ];
    for (const dep of deps) {
      const installed = join(repoRoot, 'node_modules', dep);
      if (!existsSync(installed)) continue; // an optional dependency that is not installed here
      mkdirSync(dirname(join(modules, dep)), { recursive: true });
      symlinkSync(installed, join(modules, dep), 'dir');
    }
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: 'qaxai-consumer', private: true, type: 'module' }, null, 2)}\n`,
    );
    return { dir, files: packed[0].files.map((f) => f.path), pkg, remove };
  } catch (e) {
    remove();
    throw e;
  }
}

/** The `exports` subpaths as import specifiers ("qaxai", "qaxai/sim", …), JavaScript modules only. */
export function exportSpecifiers(pkg: PackageJson): string[] {
  return Object.keys(pkg.exports)
    .filter((k) => !k.endsWith('.json'))
    .map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
}
