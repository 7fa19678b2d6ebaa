/**
 * The Leap token never reaches the user's screen through a configuration error (issue 15 §1.1), and a token
 * that cannot travel in an HTTP header is a configuration error before any request (§1.18).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QaError } from '../../src/errors.js';
import { loadLeapConfig } from '../../src/sapi/client/config.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const SECRET = 'tok-SECRET-123456';

function confFile(text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'qaxai-conf-secret-')), 'bad.conf');
  writeFileSync(f, text);
  return f;
}

function configError(file: string): QaError {
  try {
    loadLeapConfig({ configFile: file }, { env: {} });
  } catch (e) {
    expect(e).toBeInstanceOf(QaError);
    return e as QaError;
  }
  throw new Error('expected a configuration error');
}

afterEach(() => vi.unstubAllEnvs());

describe('dwave.conf syntax errors name file, line and option, never the value', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['a known option without "="', `[prod]\ntoken ${SECRET}\n`, /line 2: option "token" has no "=" or ":"/],
    ['a line with no option name', `[prod]\n= ${SECRET}\n`, /line 2: an option without a name/],
    ['a colon with no option name', `[prod]\n  : ${SECRET}\n`, /line 2: an option without a name/],
    ['an unknown word', `[prod]\n${SECRET}\n`, /line 2: expected "key = value"/],
    ['a continuation-like line before any option', `[prod]\n ${SECRET}\n`, /line 2: expected "key = value"/],
  ];
  it.each(cases)('%s', (_what, text, message) => {
    const file = confFile(text);
    const e = configError(file);
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(file);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('SECRET');
    expect(String(e.stack)).not.toContain('SECRET');
  });

  it('qaxai leap config --json prints neither the token nor the line (exit 2)', async () => {
    for (const text of [`[prod]\ntoken ${SECRET}\n`, `[prod]\n= ${SECRET}\n`]) {
      vi.stubEnv('DWAVE_CONFIG_FILE', confFile(text));
      const r = await runInProcess('leap', 'config', '--json');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/bad\.conf, line 2/);
      expect(r.out + r.err).not.toContain('SECRET');
    }
  });
});
