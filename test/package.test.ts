/**
 * The public API as a user gets it (issue 12 §1; issue 15 §1.4): the packed tarball installed into a fresh
 * project (test/helpers/packed-package.ts says how, offline); every `exports` subpath imported from plain ESM
 * and type-checked from TypeScript (NodeNext) against the package's own declarations; `qaxai` itself loads
 * without starting work, holding handles or loading TensorFlow.js; the docs import `qaxai/…`, never sources;
 * and every code block of docs/api.md (the tour) runs against the package and prints what the doc shows.
 */

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';
import { type CodeBlock, codeBlocks, packageImports } from './helpers/doc-blocks.js';
import { exportSpecifiers, type PackedProject, packAndInstall } from './helpers/packed-package.js';

/** A few names each entry point must export (the rest is in its module comment and docs/api.md). */
const MAIN_NAMES: Record<string, string[]> = {
  qaxai: [
    'BinaryQuadraticModel',
    'SampleSet',
    'ExactSolver',
    'SimulatedAnnealingSampler',
    'PimcSampler',
    'StatevectorSampler',
    'QpuSimulator',
    'LeapSampler',
    'EmbeddingComposite',
    'SpinReversalTransformComposite',
    'BaseSampler',
    'engineSamplerRegistry',
    'pegasusGraph',
    'getSchedule',
    'InputError',
    'sampleSetToDimodJson',
  ],
  'qaxai/hamiltonian': [
    'BinaryQuadraticModel',
    'SampleSet',
    'compileModel',
    'modelFromJsonText',
    'forwardPath',
  ],
  'qaxai/topology': ['chimeraGraph', 'pegasusGraph', 'zephyrGraph', 'Topology'],
  'qaxai/sim': ['BaseSampler', 'ExactSolver', 'QpuSimulator', 'SamplerRegistry', 'annealStatevector', 'Rng'],
  'qaxai/embedding': ['Embedding', 'findEmbedding', 'embedBqm', 'unembedSampleSet'],
  'qaxai/xai': ['initTf', 'loadModel', 'FeatureModel', 'explainImage', 'buildFeatureQubo', 'evaluate'],
  'qaxai/leap': ['LeapClient', 'LeapSampler', 'createLeapSampler', 'loadLeapConfig', 'leapSamplerEntry'],
  'qaxai/sapi-server': ['startSapiServer', 'ProblemStore', 'FaultInjector'],
  'qaxai/testing': ['describeSampler', 'assertSamplerApi', 'assertCompositeApi', 'assertSampleSetEnergies'],
};

/** Imports every subpath in a fresh process and reports what `qaxai` alone left behind. */
const CHECK_IMPORTS = `
await import('qaxai');
await new Promise((r) => setTimeout(r, 20));
// left out: stdio streams (a dependency, piscina, opens them on import; they keep nothing alive) and a file
// close the module loader may still have in flight; a timer, socket, worker or message port would show
const transient = new Set(['PipeWrap', 'TTYWrap', 'CloseReq']);
const rootHandles = process.getActiveResourcesInfo().filter((h) => !transient.has(h));
const rootLoadsTf = globalThis._tfengine !== undefined; // tfjs-core creates its engine when it is imported
const exports = {};
for (const spec of JSON.parse(process.argv[2])) exports[spec] = Object.keys(await import(spec));
console.log(JSON.stringify({ rootHandles, rootLoadsTf, xaiLoadsTf: globalThis._tfengine !== undefined, exports }));
`;

function runNode(dir: string, file: string, args: string[] = []) {
  return spawnSync(process.execPath, [file, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

const docFiles = [
  'README.md',
  ...readdirSync(join(repoRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const docText = (f: string) => readFileSync(join(repoRoot, f), 'utf8');
const isCode = (b: CodeBlock) => b.lang === 'js' || b.lang === 'ts';
const tour = codeBlocks(docText('docs/api.md')).filter(isCode);
const tourFile = (b: CodeBlock) => `tour-${b.line}`;

let project: PackedProject;
beforeAll(() => {
  project = packAndInstall();
});
afterAll(() => project?.remove());

describe('the packed package', () => {
  it('holds dist with its declarations and assets, bin, models and examples; no sources or tests', () => {
    const files = new Set(project.files);
    const targets = Object.values(project.pkg.exports).flatMap((t) =>
      typeof t === 'string' ? [t] : Object.values(t),
    );
    for (const f of [
      ...targets.map((t) => t.replace(/^\.\//, '')),
      'bin/qaxai.js',
      'dist/cli/main.js',
      'dist/web-ui/index.html',
      'dist/sim/statevector/kernels.wasm',
      'dist/sim/mc/kernels.wasm',
      'dist/hamiltonian/schedule/data/index.json',
      'models/fashion-mnist-16/model.json',
      'examples/frustrated-ring.json',
    ])
      expect(files, f).toContain(f);
    expect(project.files.filter((f) => /^(src|test|docs|scripts|web|data)\//.test(f))).toEqual([]);
  });

  it('imports every exports subpath from plain ESM; qaxai starts nothing and leaves TensorFlow.js unloaded', () => {
    const specs = exportSpecifiers(project.pkg);
    expect(specs.sort()).toEqual(Object.keys(MAIN_NAMES).sort());
    writeFileSync(join(project.dir, 'check-imports.mjs'), CHECK_IMPORTS);
    const r = runNode(project.dir, 'check-imports.mjs', [JSON.stringify(specs)]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      rootHandles: string[];
      rootLoadsTf: boolean;
      xaiLoadsTf: boolean;
      exports: Record<string, string[]>;
    };
    expect(out.rootHandles).toEqual([]);
    expect(out.rootLoadsTf).toBe(false);
    expect(out.xaiLoadsTf).toBe(true); // the probe sees tfjs when it is loaded
    for (const [spec, names] of Object.entries(MAIN_NAMES))
      expect(out.exports[spec], spec).toEqual(expect.arrayContaining(names));
  });

  it('type-checks TypeScript (NodeNext, strict) against the declarations: every subpath, doc imports, the tour', () => {
    const dir = project.dir;
    const specs = exportSpecifiers(project.pkg);
    // a subpath without declarations is an implicit any: error TS7016
    const roots = ['consumer.ts'];
    writeFileSync(
      join(dir, 'consumer.ts'),
      `${specs.map((s, k) => `import * as m${k} from '${s}';`).join('\n')}\nexport const all = [${specs.map((_, k) => `m${k}`).join(', ')}];\n`,
    );
    for (const f of docFiles)
      for (const b of codeBlocks(docText(f)).filter(isCode)) {
        const imports = packageImports(b.code, project.pkg.name);
        if (imports.length === 0) continue;
        const name = `doc-${f.replace(/\W/g, '-')}-${b.line}.ts`;
        writeFileSync(join(dir, name), `${imports.join('\n')}\nexport {};\n`);
        roots.push(name);
      }
    for (const b of tour.filter((b) => b.lang === 'ts')) {
      writeFileSync(join(dir, `${tourFile(b)}.ts`), b.code);
      roots.push(`${tourFile(b)}.ts`);
    }
    const program = ts.createProgram(
      roots.map((f) => join(dir, f)),
      {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        lib: ['lib.es2023.d.ts'],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
        typeRoots: [join(dir, 'node_modules', '@types')],
      },
    );
    // qaxai's declarations and the consumer's files are checked; dependencies' own declarations are theirs
    // (tfjs's need the DOM library and do not pass strict checks)
    const ours = realpathSync(dir);
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => !d.file || realpathSync(d.file.fileName).startsWith(ours))
      .map((d) =>
        ts.formatDiagnostic(d, {
          getCanonicalFileName: (f) => f,
          getCurrentDirectory: () => dir,
          getNewLine: () => '\n',
        }),
      );
    expect(errors).toEqual([]);
  });

  it('runs its command line', () => {
    const r = runNode(project.dir, 'node_modules/qaxai/bin/qaxai.js', ['schedules', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('Advantage_system4.1');
  });
});

describe('docs', () => {
  it('import the package (qaxai/…), never its sources or build', () => {
    const offending = docFiles.flatMap((f) =>
      [...docText(f).matchAll(/from\s+'((?:\.{1,2}\/)*(?:src|dist)\/[^']*)'/g)].map((m) => `${f}: ${m[1]}`),
    );
    expect(offending).toEqual([]);
  });
});

describe('docs/api.md, the tour: every block runs against the package', () => {
  it('has complete ES modules that import qaxai', () => {
    expect(tour.length).toBeGreaterThan(5);
    for (const b of tour)
      expect(packageImports(b.code, 'qaxai').length, `block at line ${b.line}`).toBeGreaterThan(0);
  });

  for (const b of tour)
    it(`block at line ${b.line} (${b.lang}) exits 0${b.output !== undefined ? ' and prints what the doc shows' : ''}`, () => {
      const js =
        b.lang === 'ts'
          ? ts.transpileModule(b.code, {
              compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
            }).outputText
          : b.code;
      writeFileSync(join(project.dir, `${tourFile(b)}.mjs`), js);
      const r = runNode(project.dir, `${tourFile(b)}.mjs`);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      if (b.output !== undefined) expect(r.stdout.trimEnd()).toBe(b.output.trimEnd());
    });
});
