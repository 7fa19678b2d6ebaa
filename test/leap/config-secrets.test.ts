/**
 * The Leap token never reaches the user's screen through a configuration error (issue 15 §1.1), and a token
 * that cannot travel in an HTTP header is a configuration error before any request (§1.18).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QaError } from '../../src/errors.js';
import { LeapClient } from '../../src/sapi/client/client.js';
import { loadLeapConfig, requireToken } from '../../src/sapi/client/config.js';
import { LeapConfigError, Redactor } from '../../src/sapi/client/errors.js';
import { SapiTransport } from '../../src/sapi/client/http.js';
import { IniSyntaxError, parseIni } from '../../src/sapi/client/ini.js';
import { MEDIA } from '../../src/sapi/client/media-types.js';
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

  it('no syntax error of any file quotes a secret on any line (3,000 generated files)', () => {
    const line = fc.oneof(
      fc.constantFrom('[prod]', '[defaults]', '[prod', 'token = x', 'solver = A', '', '# c', '  indented'),
      fc.constantFrom('', 'token', 'token ', '= ', ': ', ' ', 'endpoint=', '[').map((p) => `${p}${SECRET}`),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        try {
          parseIni(lines.join(eol), 'f.conf');
        } catch (e) {
          expect(e).toBeInstanceOf(IniSyntaxError);
          expect((e as Error).message).not.toContain('SECRET');
        }
      }),
      { numRuns: 3000, seed: 15 },
    );
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

describe('a token that cannot travel in an HTTP header is a configuration error before any request', () => {
  const bad: Array<[string, string, RegExp]> = [
    ['a non-ASCII character', 'DEV-tok é✓', /character 8 of 10 is a space/],
    ['a line break', 'DEV-abc\ndef', /character 8 of 11 is a control character/],
    ['a non-Latin letter', 'DEV-abc✓', /character 8 of 8 is a non-ASCII character/],
  ];
  it.each(bad)('%s: LeapConfigError naming the source, no fetch', (_what, token, message) => {
    let fetched = 0;
    const fetch = (async () => {
      fetched++;
      return new Response('[]');
    }) as typeof globalThis.fetch;
    const config = loadLeapConfig({}, { env: { DWAVE_API_TOKEN: token }, cwd: tmpdir(), home: tmpdir() });
    const fail = () => LeapClient.fromConfig(config, { fetch });
    expect(fail).toThrow(LeapConfigError);
    expect(fail).toThrow(message);
    expect(fail).toThrow(/check DWAVE_API_TOKEN/);
    expect(() => requireToken(config)).toThrow(LeapConfigError);
    expect(() => new LeapClient({ endpoint: 'http://127.0.0.1:9/', token, fetch })).toThrow(message);
    expect(fetched).toBe(0);
    try {
      fail();
    } catch (e) {
      expect((e as QaError).exitCode).toBe(2);
      expect((e as QaError).field).toBe('token');
      expect((e as Error).message).not.toContain(token);
    }
  });

  it('qaxai leap solvers with such a token exits 2 at once, naming the variable', async () => {
    vi.stubEnv('DWAVE_API_TOKEN', 'DEV-tok é✓');
    vi.stubEnv('DWAVE_API_ENDPOINT', 'http://127.0.0.1:9/sapi/v2/');
    vi.stubEnv('DWAVE_CONFIG_FILE', confFile('[prod]\n'));
    const t0 = performance.now();
    const r = await runInProcess('leap', 'solvers');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/token: character 8 of 10 is a space or tab.*DWAVE_API_TOKEN/);
    expect(r.err).not.toMatch(/connection failed|retry/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('retry log lines', () => {
  it('carry the request prefix once', async () => {
    const lines: string[] = [];
    let calls = 0;
    const t = new SapiTransport({
      endpoint: 'http://sapi.test/sapi/v2/',
      token: 'DEV-1234567',
      redactor: new Redactor(['DEV-1234567']),
      requestTimeoutMs: 1000,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1000 },
      compress: false,
      userAgent: 'test',
      fetch: (async () => {
        calls++;
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      }) as typeof fetch,
      log: (l) => lines.push(l),
    });
    await expect(
      t.request({ method: 'GET', path: 'solvers/remote/', accept: MEDIA.solverList, retry: 'safe' }),
    ).rejects.toThrow(/gave up after 2 attempts/);
    expect(calls).toBe(2);
    expect(lines).toEqual(['SAPI GET solvers/remote/: connection failed (ECONNREFUSED); retry 1 in 1 ms']);
  });
});
