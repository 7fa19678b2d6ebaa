/**
 * `qaxai topology <chimera|pegasus|zephyr> <shape…>`: node and edge counts of a D-Wave lattice (Pegasus
 * fabric-only unless --full), optionally with broken qubits/couplers removed; --edges or --out add the lists.
 */

import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { checkLatticeFamily, topologyFromShape } from '../../topology/shape.js';
import type { Topology } from '../../topology/topology.js';
import { wroteLine } from '../../util/format.js';
import { action, type CommandContext } from '../command.js';
import { emit, toJsonText, writeFileAtomic } from '../output.js';

interface TopologyFlags {
  full?: boolean;
  nice?: boolean;
  edges?: boolean;
  brokenQubits?: string;
  brokenCouplers?: string;
  json?: boolean;
  out?: string;
}

export const topologyCommand = {
  register(program: Command, ctx: CommandContext): void {
    program
      .command('topology')
      .description(
        'node and edge counts (and lists) of a Chimera, Pegasus or Zephyr lattice, as dwave-networkx',
      )
      .argument('<family>', 'chimera | pegasus | zephyr')
      .argument('<shape...>', 'chimera: m [n [t]]; pegasus: m; zephyr: m [t]')
      .option('--full', 'pegasus: all 24m(m-1) qubits instead of the main fabric')
      .option('--nice', 'pegasus: only the nice-coordinate subgraph (24(m-1)^2 qubits)')
      .option('--broken-qubits <list>', 'remove these qubits (comma-separated labels) and their couplers')
      .option('--broken-couplers <list>', 'remove these couplers (comma-separated u-v pairs, e.g. 30-2955)')
      .option('--edges', 'include the node and edge lists in the output')
      .option('--json', 'print JSON on stdout')
      .option('--out <file>', 'write the JSON result with node and edge lists to a file (atomically)')
      .action(
        action(ctx, 'topology', (family: string, shape: string[], opts: TopologyFlags) => {
          const fam = checkLatticeFamily(family, 'family');
          if (fam !== 'pegasus' && (opts.full || opts.nice))
            throw new InputError(`${opts.full ? '--full' : '--nice'} applies to pegasus only, not ${fam}`, {
              field: opts.full ? '--full' : '--nice',
            });
          if (opts.full && opts.nice)
            throw new InputError('--full and --nice exclude each other (pick one pegasus subgraph)', {
              field: '--nice',
            });
          let topo = topologyFromShape(fam, shape, { fabricOnly: !opts.full, nice: opts.nice === true });
          const brokenNodes = parseLabels(opts.brokenQubits, '--broken-qubits');
          const brokenEdges = parsePairs(opts.brokenCouplers, '--broken-couplers');
          if (brokenNodes || brokenEdges)
            topo = topo.withFaults(
              { ...(brokenNodes && { brokenNodes }), ...(brokenEdges && { brokenEdges }) },
              { nodes: '--broken-qubits', edges: '--broken-couplers' },
            );
          const summary = describe(
            topo,
            fam === 'pegasus' ? (opts.nice ? 'nice' : opts.full ? 'full' : 'fabric') : null,
          );
          const lists = { nodeList: Array.from(topo.nodes), edgeList: topo.edgePairs() };
          let outPath: string | undefined;
          if (opts.out) outPath = writeFileAtomic(opts.out, toJsonText({ ...summary, ...lists }, true));
          const result = { ...summary, ...(opts.edges ? lists : {}), ...(outPath ? { out: outPath } : {}) };
          emit(result, { json: opts.json === true }, () => human(topo, opts.edges === true, outPath));
        }),
      );
  },
};

function describe(topo: Topology, variant: string | null) {
  return {
    family: topo.family,
    shape: [...topo.shape],
    ...(variant ? { variant } : {}),
    nodes: topo.numNodes,
    edges: topo.numEdges,
    maxDegree: topo.maxDegree,
    numQubits: topo.indexSpace,
    labelRange: topo.numNodes ? [topo.nodes[0]!, topo.nodes[topo.numNodes - 1]!] : [],
    working: topo.working,
  };
}

function human(topo: Topology, lists: boolean, outPath: string | undefined): string {
  const range = topo.numNodes ? `, labels ${topo.nodes[0]}…${topo.nodes[topo.numNodes - 1]}` : '';
  const lines = [
    `${topo.describe()}: ${topo.numNodes} qubits${range} (of ${topo.indexSpace}), ${topo.numEdges} couplers, max degree ${topo.maxDegree}`,
  ];
  if (outPath) lines.push(wroteLine('node and edge lists', outPath));
  if (lists) {
    lines.push(`nodes: ${Array.from(topo.nodes).join(' ')}`, 'edges:');
    for (let e = 0; e < topo.numEdges; e++) lines.push(`${topo.edges[2 * e]} ${topo.edges[2 * e + 1]}`);
  }
  return lines.join('\n');
}

/** "30,31,45" → labels; undefined when the flag is absent. */
function parseLabels(value: string | undefined, flag: string): number[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((s, i) => {
    if (!/^\s*\d+\s*$/.test(s))
      throw new InputError(`${flag}[${i}]: ${JSON.stringify(s)} is not a qubit label (an integer ≥ 0)`, {
        field: flag,
      });
    return Number(s);
  });
}

/** "30-2955,31-2956" → [u, v] pairs; undefined when the flag is absent. */
function parsePairs(value: string | undefined, flag: string): [number, number][] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((s, i) => {
    const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(s);
    if (!m)
      throw new InputError(`${flag}[${i}]: ${JSON.stringify(s)} is not a coupler u-v`, {
        field: flag,
      });
    return [Number(m[1]), Number(m[2])];
  });
}
