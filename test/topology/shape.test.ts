import { describe, expect, it } from 'vitest';
import { CapacityError, type QaError, TopologyError } from '../../src/errors.js';
import { chimeraGraph, pegasusGraph, topologyFromShape, zephyrGraph } from '../../src/topology/index.js';

function errorOf(f: () => unknown): QaError {
  try {
    f();
  } catch (e) {
    return e as QaError;
  }
  return expect.fail('expected an error');
}

describe('topologyFromShape', () => {
  it('defaults: chimera n = m, t = 4; zephyr t = 4; pegasus fabric-only', () => {
    expect(topologyFromShape('chimera', [3]).shape).toEqual([3, 3, 4]);
    expect(topologyFromShape('chimera', ['2', '5']).shape).toEqual([2, 5, 4]);
    expect(topologyFromShape('zephyr', [6]).summary()).toEqual({
      family: 'zephyr',
      shape: [6, 4],
      nodes: 1248,
      edges: 11400,
      maxDegree: 20,
    });
    expect(topologyFromShape('pegasus', ['6']).numNodes).toBe(680);
    expect(topologyFromShape('pegasus', [6], { fabricOnly: false }).numNodes).toBe(720);
    expect(topologyFromShape('pegasus', [6], { nice: true }).numNodes).toBe(600);
  });

  it('bad shapes are TopologyErrors (exit 2) naming the shape number and what is accepted', () => {
    const cases: [string, unknown[], string][] = [
      ['zephyr', [0], 'zephyr shape m: 0 is not an integer ≥ 1'],
      ['zephyr', [6, 0], 'zephyr shape t: 0 is not an integer from 1 to 64'],
      ['zephyr', [6, 65], 'zephyr shape t: 65 is not an integer from 1 to 64'],
      ['chimera', ['-2'], 'chimera shape m: -2 is not an integer ≥ 1'],
      ['chimera', [4, 4, 0], 'chimera shape t: 0 is not an integer from 1 to 64'],
      ['chimera', [4, '1.5'], 'chimera shape n: "1.5" is not an integer'],
      ['chimera', ['x'], 'chimera shape m: "x" is not an integer'],
      ['chimera', [2.5], 'chimera shape m: 2.5 is not an integer'],
      ['pegasus', [1], 'pegasus shape m: 1 is not an integer ≥ 2'],
      ['pegasus', [], 'shape: pegasus needs at least the shape number m (pegasus m)'],
      ['pegasus', [16, 4], 'shape: pegasus takes at most 1 shape number (pegasus m), got 2'],
      ['zephyr', [1, 2, 3], 'shape: zephyr takes at most 2 shape numbers (zephyr m [t]), got 3'],
      ['chimera', [], 'shape: chimera needs at least the shape number m (chimera m [n] [t])'],
      [
        'hexagon',
        [3],
        'family: "hexagon" is not a topology family (expected one of chimera, pegasus, zephyr)',
      ],
    ];
    for (const [family, shape, message] of cases) {
      const e = errorOf(() => topologyFromShape(family, shape));
      expect(e).toBeInstanceOf(TopologyError);
      expect(e.message).toBe(message);
      expect(e.exitCode).toBe(2);
    }
    expect(errorOf(() => zephyrGraph(6, 4.5)).message).toBe(
      'zephyr shape t: 4.5 is not an integer from 1 to 64',
    );
    expect(errorOf(() => pegasusGraph(Number.NaN)).message).toBe(
      'pegasus shape m: NaN is not an integer ≥ 2',
    );
  });

  it('refuses lattices past the size limits with a CapacityError (exit 2)', () => {
    const e = errorOf(() => chimeraGraph(1000, 1000));
    expect(e).toBeInstanceOf(CapacityError);
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/^chimera\(1000, 1000, 4\) would have 8000000 qubit labels/);
    expect(errorOf(() => zephyrGraph(1e6)).message).toMatch(/^zephyr\(1000000, 4\) would have/);
  });
});
