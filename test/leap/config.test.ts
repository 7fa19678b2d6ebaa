import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultConfigFilePaths,
  describeConfig,
  loadLeapConfig,
  requireToken,
} from '../../src/sapi/client/config.js';
import { LeapConfigError } from '../../src/sapi/client/errors.js';
import { parseIni, profileOptions } from '../../src/sapi/client/ini.js';
import type { SolverDescription } from '../../src/sapi/client/models.js';
import { selectSolver } from '../../src/sapi/client/solver-select.js';

function dirs() {
  const root = mkdtempSync(join(tmpdir(), 'qaxai-conf-'));
  const home = join(root, 'home');
  const cwd = join(root, 'work');
  mkdirSync(join(home, '.config', 'dwave'), { recursive: true });
  mkdirSync(cwd, { recursive: true });
  return { root, home, cwd };
}

const CONF = `
# a comment
[defaults]
endpoint = https://defaults.example/sapi/v2/
token = DEF-123456789

[prod]
solver = Advantage_system4.1
token = PROD-abcdefgh

[eu]
region = eu-central-1
token = EU-xyz98765
request_timeout = 15
`;

describe('dwave.conf (configparser rules)', () => {
  it('sections, [defaults] inheritance, the first profile by default, key: value, continuation lines', () => {
    const doc = parseIni(
      '[defaults]\nclient = qpu\n[a]\nToken: T1\nheaders = x\n  y\n[b]\ntoken = T2\n',
      'f',
    );
    expect(profileOptions(doc, undefined)!.name).toBe('a');
    expect(Object.fromEntries(profileOptions(doc, undefined)!.options)).toEqual({
      client: 'qpu',
      token: 'T1',
      headers: 'x\ny',
    });
    expect(profileOptions(doc, 'b')!.options.get('token')).toBe('T2');
    expect(profileOptions(doc, 'zz')).toBeUndefined();
    const onlyDefaults = parseIni('[defaults]\ntoken = D\n', 'f');
    expect(profileOptions(onlyDefaults, undefined)).toEqual({
      name: undefined,
      options: new Map([['token', 'D']]),
    });
    expect(profileOptions(parseIni('[defaults]\nprofile = b\n[a]\n[b]\nx = 1\n', 'f'), undefined)!.name).toBe(
      'b',
    );
  });

  it('duplicate options and options outside sections are errors with file and line', () => {
    expect(() => parseIni('[a]\nx = 1\nx = 2\n', 'my.conf')).toThrow(
      /my.conf, line 3: option "x" appears twice/,
    );
    expect(() => parseIni('x = 1\n', 'my.conf')).toThrow(/line 1: an option before any \[section\]/);
    expect(() => parseIni('[a]\n[a]\n', 'my.conf')).toThrow(/section \[a\] appears twice/);
  });
});

describe('loadLeapConfig: files < environment < flags', () => {
  it('reads ~/.config/dwave/dwave.conf and ./dwave.conf, the local file winning key by key', () => {
    const { home, cwd } = dirs();
    writeFileSync(join(home, '.config', 'dwave', 'dwave.conf'), CONF);
    writeFileSync(join(cwd, 'dwave.conf'), '[prod]\nsolver = Advantage2_system1\n');
    const c = loadLeapConfig({}, { env: {}, home, cwd, platform: 'linux' });
    expect(c.profile).toBe('prod');
    expect(c.token).toBe('PROD-abcdefgh');
    expect(c.solver).toBe('Advantage2_system1');
    expect(c.endpoint).toBe('https://defaults.example/sapi/v2/');
    expect(c.configFiles).toEqual([join(home, '.config', 'dwave', 'dwave.conf'), join(cwd, 'dwave.conf')]);
  });

  it('DWAVE_PROFILE, region from the file replacing the inherited endpoint, request_timeout', () => {
    const { home, cwd } = dirs();
    writeFileSync(join(home, '.config', 'dwave', 'dwave.conf'), CONF);
    const c = loadLeapConfig({}, { env: { DWAVE_PROFILE: 'eu' }, home, cwd, platform: 'linux' });
    // [eu] sets region; [defaults] gives an endpoint, which wins within the same level
    expect(c.endpoint).toBe('https://defaults.example/sapi/v2/');
    expect(c.requestTimeout).toBe(15);
    const e = loadLeapConfig(
      {},
      { env: { DWAVE_PROFILE: 'eu', DWAVE_API_REGION: 'na-east-1' }, home, cwd, platform: 'linux' },
    );
    // a region from the environment clears the file's endpoint (one group)
    expect(e.endpoint).toBe('https://na-east-1.cloud.dwavesys.com/sapi/v2/');
    expect(e.region).toBe('na-east-1');
  });

  it('environment over file, flags over environment; explicit endpoint wins over region', () => {
    const { home, cwd } = dirs();
    const file = join(cwd, 'custom.conf');
    writeFileSync(file, CONF);
    const env = {
      DWAVE_CONFIG_FILE: file,
      DWAVE_API_TOKEN: 'ENV-token-1234',
      DWAVE_API_SOLVER: 'FromEnv',
      DWAVE_API_ENDPOINT: 'http://127.0.0.1:9/sapi/v2',
    };
    const c = loadLeapConfig({}, { env, home, cwd });
    expect(c.token).toBe('ENV-token-1234');
    expect(c.solver).toBe('FromEnv');
    expect(c.endpoint).toBe('http://127.0.0.1:9/sapi/v2/');
    expect(c.sources).toMatchObject({ token: 'environment', endpoint: 'environment', solver: 'environment' });
    const f = loadLeapConfig(
      { token: 'FLAG-token-5678', region: 'eu-central-1', solver: 'X' },
      { env, home, cwd },
    );
    expect(f.token).toBe('FLAG-token-5678');
    expect(f.endpoint).toBe('https://eu-central-1.cloud.dwavesys.com/sapi/v2/');
    expect(f.solver).toBe('X');
  });

  it('defaults: region na-west-1; no token is a clear error', () => {
    const { home, cwd } = dirs();
    const c = loadLeapConfig({}, { env: {}, home, cwd, platform: 'linux' });
    expect(c.endpoint).toBe('https://na-west-1.cloud.dwavesys.com/sapi/v2/');
    expect(c.region).toBe('na-west-1');
    expect(() => requireToken(c)).toThrow(/no SAPI token: set DWAVE_API_TOKEN/);
  });

  it('bad inputs: missing explicit file, unknown profile, bad region, bad endpoint', () => {
    const { home, cwd } = dirs();
    expect(() => loadLeapConfig({ configFile: join(cwd, 'nope.conf') }, { env: {}, home, cwd })).toThrow(
      /nope.conf: cannot be read \(ENOENT\)/,
    );
    writeFileSync(join(cwd, 'dwave.conf'), CONF);
    expect(() => loadLeapConfig({ profile: 'staging' }, { env: {}, home, cwd })).toThrow(
      /profile "staging" is not in .*profiles: prod, eu/,
    );
    expect(() => loadLeapConfig({ region: 'mars' }, { env: {}, home, cwd })).toThrow(LeapConfigError);
    expect(() => loadLeapConfig({ endpoint: 'ftp://x' }, { env: {}, home, cwd })).toThrow(
      /only http and https/,
    );
  });

  it('describeConfig never shows the token', () => {
    const { home, cwd } = dirs();
    const c = loadLeapConfig({ token: 'SECRET-do-not-print' }, { env: {}, home, cwd });
    const text = JSON.stringify(describeConfig(c));
    expect(text).not.toContain('SECRET-do-not-print');
    expect(text).toContain('set (from flag)');
  });

  it('default search paths per platform (lowest priority first)', () => {
    expect(
      defaultConfigFilePaths({ env: { XDG_CONFIG_DIRS: '/a:/b' }, home: '/h', cwd: '/w', platform: 'linux' }),
    ).toEqual(['/b/dwave/dwave.conf', '/a/dwave/dwave.conf', '/h/.config/dwave/dwave.conf', '/w/dwave.conf']);
    expect(defaultConfigFilePaths({ env: {}, home: '/h', cwd: '/w', platform: 'darwin' })[1]).toBe(
      '/h/Library/Application Support/dwave/dwave.conf',
    );
  });
});

describe('solver selection', () => {
  const solver = (name: string, n: number, extra: Partial<SolverDescription> = {}): SolverDescription => ({
    identity: { name },
    status: 'ONLINE',
    properties: {
      qubits: Array.from({ length: n }, (_, i) => i),
      couplers: [],
      num_qubits: n + 10,
      category: 'qpu',
      parameters: {},
      topology: { type: name.startsWith('Adv2') ? 'zephyr' : 'pegasus', shape: [4] },
    },
    ...extra,
  });
  const list = [
    solver('Adv_small', 10),
    solver('Adv2_big', 50),
    solver('Adv_off', 99, { status: 'OFFLINE' }),
    {
      identity: { name: 'hybrid' },
      status: 'ONLINE',
      properties: { parameters: {}, category: 'hybrid' },
    } as unknown as SolverDescription,
  ];
  it('default: the online QPU with the most working qubits', () => {
    expect(selectSolver(list, undefined).identity.name).toBe('Adv2_big');
  });
  it('feature filters as Ocean writes them', () => {
    expect(selectSolver(list, '{"topology__type": "pegasus"}').identity.name).toBe('Adv_small');
    expect(selectSolver(list, '{"num_qubits__lte": 30, "qpu": true}').identity.name).toBe('Adv_small');
    expect(() => selectSolver(list, '{"num_qubits__gte": 1000}')).toThrow(/no online QPU solver matches/);
    expect(() => selectSolver(list, '{"tags__contains": "x"}')).toThrow(
      /filter key "tags__contains" is not supported/,
    );
  });
});
