import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli.js';

const run = runInProcess;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('qaxai topology', () => {
  it('--json prints one document with the contract keys (the two contract-check cases)', async () => {
    const z = await run('topology', 'zephyr', '6', '4', '--json');
    expect(z.code).toBe(0);
    expect(JSON.parse(z.out)).toEqual({
      family: 'zephyr',
      shape: [6, 4],
      nodes: 1248,
      edges: 11400,
      maxDegree: 20,
      numQubits: 1248,
      labelRange: [0, 1247],
      working: false,
    });
    const p = await run('topology', 'pegasus', '6', '--json');
    expect(JSON.parse(p.out)).toMatchObject({
      family: 'pegasus',
      variant: 'fabric',
      nodes: 680,
      edges: 4484,
    });
    const full = await run('topology', 'pegasus', '16', '--full', '--json');
    expect(JSON.parse(full.out)).toMatchObject({
      variant: 'full',
      nodes: 5760,
      edges: 40656,
      labelRange: [0, 5759],
    });
    const nice = await run('topology', 'pegasus', '6', '--nice', '--json');
    expect(JSON.parse(nice.out)).toMatchObject({ variant: 'nice', nodes: 600, edges: 3996 });
  });

  it('--edges adds the node and edge lists; --out writes them atomically and reports the absolute path', async () => {
    const r = await run('topology', 'chimera', '1', '1', '2', '--edges', '--json');
    const d = JSON.parse(r.out);
    expect(d.nodeList).toEqual([0, 1, 2, 3]);
    expect(d.edgeList).toEqual([
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'qaxai-topology-'));
    dirs.push(dir);
    const file = join(dir, 'sub', 'c.json');
    const w = await run('topology', 'chimera', '2', '--json', '--out', file);
    expect(w.code).toBe(0);
    const summary = JSON.parse(w.out);
    expect(summary.out).toBe(file);
    expect(summary.nodeList).toBeUndefined();
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.nodes).toBe(32);
    expect(saved.nodeList.length).toBe(32);
    expect(saved.edgeList.length).toBe(saved.edges);
  });

  it('human output and broken qubits/couplers', async () => {
    const h = await run('topology', 'pegasus', '16');
    expect(h.out).toBe(
      'pegasus(16) fabric-only: 5640 qubits, labels 30…5729 (of 5760), 40484 couplers, max degree 15\n',
    );
    const b = await run(
      'topology',
      'pegasus',
      '6',
      '--broken-qubits',
      '10,11',
      '--broken-couplers',
      '12-13',
      '--json',
    );
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out)).toMatchObject({ nodes: 678, working: true, labelRange: [12, 709] });
  });

  it('bad input exits 2 with a message naming the argument', async () => {
    const cases: [string[], RegExp][] = [
      [['zephyr', '0'], /zephyr shape m: 0 is not an integer ≥ 1/],
      [['zephyr', '6', '0'], /zephyr shape t: 0 is not an integer from 1 to 64/],
      [['chimera', '-3'], /chimera shape m: -3 is not an integer ≥ 1/],
      [['chimera', '2.5'], /chimera shape m: "2.5" is not an integer/],
      [['pegasus', '6', '2'], /pegasus takes at most 1 shape number/],
      [['pegasus'], /missing required argument 'shape'/],
      [
        ['torus', '3'],
        /family: "torus" is not a topology family \(expected one of chimera, pegasus, zephyr\)/,
      ],
      [['zephyr', '4', '--full'], /--full applies to pegasus only/],
      [['pegasus', '6', '--full', '--nice'], /--full and --nice exclude each other/],
      [
        ['pegasus', '6', '--broken-qubits', '0'],
        /--broken-qubits\[0\]: 0 is not a qubit of pegasus\(6\) fabric-only/,
      ],
      [['pegasus', '6', '--broken-qubits', '10,x'], /--broken-qubits\[1\]: "x" is not a qubit label/],
      [
        ['pegasus', '6', '--broken-couplers', '10:11'],
        /--broken-couplers\[0\]: "10:11" is not a coupler u-v/,
      ],
      [['chimera', '3000'], /would have .* the limits are/],
    ];
    for (const [args, message] of cases) {
      const r = await run('topology', ...args, '--json');
      expect(r.code, args.join(' ')).toBe(2);
      // with --json the one document on stdout is the error
      expect(Object.keys(JSON.parse(r.out))).toEqual(['error']);
      expect(r.err).toMatch(message);
    }
  });
});
