/**
 * With --json, a failed command still prints exactly one JSON document on stdout, {"error": {code, field,
 * message}}, beside its message on stderr (issue 15 §1.18: the demo's errors used to reach stderr only).
 */

import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from '../helpers/cli.js';

interface ErrorDoc {
  error: { code: string; field: string | null; message: string };
}

const dir = tempFiles({ 'm.json': JSON.stringify({ vartype: 'SPIN', h: { a: 1 }, J: {} }) });

describe('--json errors on stdout', () => {
  it('a bad flag value of demo: exit 2, the error as JSON on stdout naming the flag', () => {
    const r = runCli(['demo', '--json', '--beta', '7']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--beta: 7 must be ≤ 1/);
    const doc = JSON.parse(r.stdout) as ErrorDoc;
    expect(doc).toEqual({
      error: {
        code: 'QA_INPUT_INVALID',
        field: '--beta',
        message: expect.stringMatching(/^--beta: 7 must be ≤ 1/),
      },
    });
  });

  it('a model error, a usage error and an unknown command', () => {
    const bad = tempFiles({ 'bad.json': '{"vartype": "SPIN", "h": {"a": 1}, ' });
    const model = runCli(['ground', `${bad}/bad.json`, '--json']);
    expect(model.code).toBe(2);
    expect((JSON.parse(model.stdout) as ErrorDoc).error.code).toBe('QA_JSON_SYNTAX');
    const usage = runCli(['sample', `${dir}/m.json`, '--json']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toEqual({
      error: { code: 'QA_USAGE', field: null, message: expect.stringMatching(/--sampler/) },
    });
    const unknown = runCli(['smaple', '--json']);
    expect(unknown.code).toBe(2);
    expect((JSON.parse(unknown.stdout) as ErrorDoc).error).toMatchObject({
      code: 'QA_USAGE',
      field: 'command',
    });
  });

  it('without --json nothing is printed on stdout', () => {
    const r = runCli(['demo', '--beta', '7']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
