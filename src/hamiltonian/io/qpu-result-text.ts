/**
 * QPU result files of the bqpjson family (LANL's D-Wave solver scripts), read-only. Free text:
 *   using d-wave solver name provided in data file: Advantage_system4.1
 *   d-wave parameters:
 *     auto_scale - False
 *     num_reads - 2560
 *   -38.000000 - 210          (one line per returned read group: energy - count; energies may repeat)
 *   BQP_SOLUTION, n, m, best_energy, runtime, s_1, …, s_n   (the best spin vector, in variable_ids order)
 *   BQP_DATA, …
 */

import { InputError } from '../../errors.js';

export interface QpuResultText {
  solver?: string;
  endpoint?: string;
  chipId?: string;
  /** The indented `key - value` block (numbers and booleans parsed). */
  parameters: Record<string, number | boolean | string>;
  /** Read groups in file order. */
  groups: Array<{ energy: number; count: number }>;
  /** Spins of the best solution, when the file has a BQP_SOLUTION line. */
  bestSolution?: { energy: number; spins: number[] };
}

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const GROUP_LINE = new RegExp(`^\\s*(${NUMBER})\\s+-\\s+(\\d+)\\s*$`);
const PARAM_LINE = /^\s+([A-Za-z_][A-Za-z0-9_]*)\s+-\s+(.*?)\s*$/;

function parseParamValue(v: string): number | boolean | string {
  if (v === 'True' || v === 'true') return true;
  if (v === 'False' || v === 'false') return false;
  const x = Number(v);
  return v !== '' && Number.isFinite(x) ? x : v;
}

export function isQpuResultText(text: string): boolean {
  return /^d-wave parameters:/m.test(text) || /^\s*-?\d+(\.\d+)?\s+-\s+\d+\s*$/m.test(text);
}

export function parseQpuResultText(text: string, source = 'QPU_RESULT'): QpuResultText {
  const out: QpuResultText = { parameters: {}, groups: [] };
  const lines = text.split(/\r?\n/);
  let inParams = false;
  lines.forEach((line, k) => {
    const where = `${source} line ${k + 1}`;
    if (line.trim() === '') {
      inParams = false;
      return;
    }
    let m: RegExpExecArray | null;
    if ((m = /solver name provided in data file:\s*(\S+)/.exec(line))) out.solver = m[1]!;
    else if ((m = /endpoint provided in data file:\s*(\S+)/.exec(line))) out.endpoint = m[1]!;
    else if ((m = /chip id in data file:\s*(\S+)/.exec(line))) out.chipId = m[1]!;
    else if (/^d-wave parameters:/.test(line)) inParams = true;
    else if (inParams && (m = PARAM_LINE.exec(line))) out.parameters[m[1]!] = parseParamValue(m[2]!);
    else if ((m = GROUP_LINE.exec(line))) {
      inParams = false;
      const energy = Number(m[1]);
      const count = Number(m[2]);
      if (!Number.isFinite(energy))
        throw new InputError(`${where}: energy ${m[1]} is not a finite number`, { field: where });
      if (!Number.isSafeInteger(count))
        throw new InputError(`${where}: count ${m[2]} is not an integer`, { field: where });
      out.groups.push({ energy, count });
    } else if (line.startsWith('BQP_SOLUTION')) {
      const parts = line.split(',').map((x) => x.trim());
      const n = Number(parts[1]);
      const energy = Number(parts[3]);
      const spins = parts.slice(5).map(Number);
      if (
        !Number.isInteger(n) ||
        spins.length !== n ||
        spins.some((s) => s !== 1 && s !== -1) ||
        !Number.isFinite(energy)
      )
        throw new InputError(
          `${where}: BQP_SOLUTION should be "BQP_SOLUTION, n, m, energy, runtime, s_1, …, s_n" with n spins ±1`,
          {
            field: where,
          },
        );
      out.bestSolution = { energy, spins };
    } else if (line.startsWith('BQP_DATA') || /^(using|found) /.test(line)) {
      // provenance lines: nothing to read
    } else if (inParams) {
      throw new InputError(
        `${where}: expected an indented "name - value" parameter line, found ${JSON.stringify(line)}`,
        {
          field: where,
        },
      );
    }
  });
  if (out.groups.length === 0)
    throw new InputError(`${source}: no "energy - count" lines; the file holds no QPU reads`, {
      field: source,
    });
  return out;
}
