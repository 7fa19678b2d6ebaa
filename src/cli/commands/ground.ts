/** `qaxai ground MODEL`: exact ground energy, degeneracy, ground states and low spectrum by enumeration. */

import type { Command } from 'commander';
import { keyedObject, labelJsonKeys } from '../../hamiltonian/label-json.js';
import { solveExact } from '../../sim/exact/solve-exact.js';
import { closeAllPools } from '../../sim/threads/pool.js';
import { formatEnergy, formatSeconds, formatTable, plural } from '../../util/format.js';
import { stringifyJson } from '../../util/json-key-order.js';
import { action, type CommandContext } from '../command.js';
import { emit, parseNumberFlag, readModelFile } from '../output.js';
import { createProgressReporter } from '../progress.js';

export const groundCommand = {
  register(program: Command, ctx: CommandContext): void {
    program
      .command('ground')
      .description('exact ground energy, degeneracy and ground states by exhaustive enumeration (n ≤ 40)')
      .argument('<MODEL>', 'model file')
      .option('--levels <k>', 'lowest distinct energy levels to report', '5')
      .option('--max-states <n>', 'ground states to list (the degeneracy is always exact)', '1000')
      .option('--threads <n>', 'worker threads (default: all cores)')
      .option('--json', 'print JSON on stdout')
      .option('--out <file>', 'write the JSON result to a file (atomically)')
      .action(
        action(
          ctx,
          'ground',
          async (modelPath: string, opts: Record<string, string | boolean | undefined>) => {
            const bqm = readModelFile(modelPath);
            const keys = labelJsonKeys(bqm.variables, modelPath);
            const levels = parseNumberFlag(opts.levels as string, '--levels', {
              integer: true,
              min: 1,
              max: 1000,
            })!;
            const maxStates = parseNumberFlag(opts.maxStates as string, '--max-states', {
              integer: true,
              min: 0,
            })!;
            const threads = parseNumberFlag(opts.threads as string | undefined, '--threads', {
              integer: true,
              min: 1,
            });
            const progress = createProgressReporter('ground');
            try {
              const sol = await solveExact(bqm, {
                levels,
                maxGroundStates: maxStates,
                onProgress: progress.update,
                ...(threads !== undefined ? { threads } : {}),
              });
              progress.stop();
              const n = sol.variables.length;
              const groundStates: { [key: string]: number }[] = [];
              for (let r = 0; r < sol.groundStatesListed; r++)
                groundStates.push(keyedObject(keys, (i) => sol.groundStates[r * n + i]!));
              const result = {
                groundEnergy: sol.groundEnergy,
                degeneracy: sol.degeneracy,
                groundStates,
                groundStatesTruncated: sol.groundStatesListed < sol.degeneracy,
                vartype: sol.vartype,
                variables: sol.variables,
                spectrum: sol.spectrum,
                statesVisited: sol.statesVisited,
                threads: sol.threads,
                wallSeconds: sol.wallSeconds,
              };
              emit(
                result,
                { json: opts.json === true, ...(typeof opts.out === 'string' ? { out: opts.out } : {}) },
                () => {
                  const lines = [
                    `ground energy ${formatEnergy(sol.groundEnergy)} (degeneracy ${sol.degeneracy}) over ${plural(n, 'variable')}, ${sol.statesVisited} states in ${formatSeconds(sol.wallSeconds)}`,
                  ];
                  for (const s of groundStates.slice(0, 10)) lines.push(`  ${stringifyJson(s)}`);
                  if (sol.degeneracy > 10)
                    lines.push(`  … ${sol.degeneracy - Math.min(10, groundStates.length)} more`);
                  lines.push(
                    `lowest ${plural(sol.spectrum.length, 'level')}:`,
                    formatTable(
                      ['energy', 'degeneracy'],
                      sol.spectrum.map((l) => [formatEnergy(l.energy), String(l.degeneracy)]),
                    ),
                  );
                  return lines.join('\n');
                },
              );
            } finally {
              progress.stop();
              await closeAllPools();
            }
          },
        ),
      );
  },
};
