/**
 * Leap configuration, resolved as Ocean (dwave-cloud-client `load_config`) does, highest rank first:
 *   1. flags (`--token`, `--endpoint`, `--region`, `--solver`, `--config-file`, `--profile`),
 *   2. environment: DWAVE_API_TOKEN, DWAVE_API_ENDPOINT, DWAVE_API_REGION, DWAVE_API_SOLVER, DWAVE_CONFIG_FILE,
 *      DWAVE_PROFILE,
 *   3. the profile of the dwave.conf file(s): DWAVE_CONFIG_FILE / --config-file if given (it must exist), else
 *      every existing file of the default search path, system-wide first, then the user's, then ./dwave.conf,
 *      later ones overriding key by key (Linux: $XDG_CONFIG_DIRS/dwave/dwave.conf (/etc/xdg),
 *      $XDG_CONFIG_HOME/dwave/dwave.conf (~/.config), ./dwave.conf; macOS: /Library/Application Support/dwave,
 *      ~/Library/Application Support/dwave; Windows: %PROGRAMDATA%\dwavesystem\dwave,
 *      %LOCALAPPDATA%\dwavesystem\dwave).
 * `endpoint` and `region` are one group: setting either on a higher rank clears both on the lower ones.
 * An explicit endpoint wins over a region; a region (default na-west-1) gives
 * `https://<region>.cloud.dwavesys.com/sapi/v2/`.
 *
 * The token is kept out of every printable form: {@link describeConfig} says only where it came from.
 */

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { LeapConfigError } from './errors.js';
import { emptyIni, IniSyntaxError, parseIni, profileOptions } from './ini.js';

export const DEFAULT_REGION = 'na-west-1';

/** Options a caller (CLI flags, code) can give; undefined or '' means "not given". */
export interface LeapConfigOverrides {
  token?: string | undefined;
  endpoint?: string | undefined;
  region?: string | undefined;
  solver?: string | undefined;
  configFile?: string | undefined;
  profile?: string | undefined;
  requestTimeout?: number | undefined;
  pollingTimeout?: number | undefined;
}

export interface LeapConfigEnvironment {
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  home?: string;
  platform?: NodeJS.Platform;
}

export type ConfigSource = 'flag' | 'environment' | 'file' | 'default';

export interface LeapConfig {
  token: string | undefined;
  /** SAPI base URL, ending in '/'. */
  endpoint: string;
  /** The region the endpoint came from (undefined when an explicit endpoint was given). */
  region: string | undefined;
  /** Solver name or a JSON feature filter, as configured. */
  solver: string | undefined;
  profile: string | undefined;
  /** Files read (in order). */
  configFiles: string[];
  /** Seconds for one HTTP request (Ocean's request_timeout; default 60). */
  requestTimeout: number;
  /** Seconds to wait for a problem in total (Ocean's polling_timeout; undefined = no limit). */
  pollingTimeout: number | undefined;
  sources: Partial<Record<'token' | 'endpoint' | 'region' | 'solver', ConfigSource>>;
}

const ENV_OPTIONS: Record<string, string> = {
  DWAVE_API_TOKEN: 'token',
  DWAVE_API_ENDPOINT: 'endpoint',
  DWAVE_API_REGION: 'region',
  DWAVE_API_SOLVER: 'solver',
};

/** The dwave.conf search path for a platform, lowest priority first (get_configfile_paths). */
export function defaultConfigFilePaths(e: LeapConfigEnvironment = {}): string[] {
  const env = e.env ?? process.env;
  const home = e.home ?? homedir();
  const cwd = e.cwd ?? process.cwd();
  const platform = e.platform ?? process.platform;
  const out: string[] = [];
  if (platform === 'win32') {
    out.push(join(env.PROGRAMDATA ?? 'C:\\ProgramData', 'dwavesystem', 'dwave', 'dwave.conf'));
    out.push(join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'dwavesystem', 'dwave', 'dwave.conf'));
  } else if (platform === 'darwin') {
    out.push('/Library/Application Support/dwave/dwave.conf');
    out.push(join(home, 'Library', 'Application Support', 'dwave', 'dwave.conf'));
  } else {
    const dirs = (env.XDG_CONFIG_DIRS || '/etc/xdg').split(':').filter((d) => d !== '');
    for (const d of [...dirs].reverse()) out.push(join(d, 'dwave', 'dwave.conf'));
    out.push(join(env.XDG_CONFIG_HOME || join(home, '.config'), 'dwave', 'dwave.conf'));
  }
  out.push(join(cwd, 'dwave.conf'));
  return out;
}

function expandPath(p: string, e: LeapConfigEnvironment): string {
  const env = e.env ?? process.env;
  let out = p.replace(/^~(?=$|[/\\])/, e.home ?? homedir());
  out = out.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a, b) => env[a ?? b] ?? m);
  return isAbsolute(out) ? out : resolve(e.cwd ?? process.cwd(), out);
}

function given(v: string | undefined): v is string {
  return typeof v === 'string' && v !== '';
}

/** Region code -> SAPI endpoint (the documented regional form). */
export function regionEndpoint(region: string): string {
  if (!/^[a-z]{2,}-[a-z]+-\d+$/.test(region))
    throw new LeapConfigError(
      `region: ${JSON.stringify(region)} is not a region code such as na-west-1, eu-central-1 or na-east-1`,
      { field: 'region' },
    );
  return `https://${region}.cloud.dwavesys.com/sapi/v2/`;
}

/** Normalises an endpoint URL (must be http or https; gets a trailing '/'). */
export function normaliseEndpoint(endpoint: string, field = 'endpoint'): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new LeapConfigError(
      `${field}: ${JSON.stringify(endpoint)} is not a URL (e.g. https://na-west-1.cloud.dwavesys.com/sapi/v2/)`,
      {
        field,
      },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new LeapConfigError(`${field}: only http and https endpoints are supported`, { field });
  if (url.username || url.password)
    throw new LeapConfigError(
      `${field}: credentials in the URL are not supported; give the token with DWAVE_API_TOKEN`,
      {
        field,
      },
    );
  url.search = '';
  url.hash = '';
  const s = url.toString();
  return s.endsWith('/') ? s : `${s}/`;
}

function parsePositive(v: string | undefined, field: string): number | undefined {
  if (v === undefined || v === '' || v.toLowerCase() === 'none') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new LeapConfigError(`${field}: ${JSON.stringify(v)} is not a positive number of seconds`, {
      field,
    });
  return n;
}

/** Resolves the configuration (files < environment < overrides). */
export function loadLeapConfig(
  overrides: LeapConfigOverrides = {},
  e: LeapConfigEnvironment = {},
): LeapConfig {
  const env = e.env ?? process.env;
  const explicitFile = given(overrides.configFile)
    ? overrides.configFile
    : env.DWAVE_CONFIG_FILE || undefined;
  const profile = given(overrides.profile) ? overrides.profile : env.DWAVE_PROFILE || undefined;
  const files = explicitFile
    ? [expandPath(explicitFile, e)]
    : defaultConfigFilePaths(e).filter((p) => existsSync(p));
  const doc = emptyIni();
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (err) {
      throw new LeapConfigError(
        `config file ${f}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        { field: 'config_file' },
      );
    }
    try {
      parseIni(text, f, doc);
    } catch (err) {
      if (err instanceof IniSyntaxError)
        throw new LeapConfigError(`config file ${err.message}`, { field: 'config_file' });
      throw err;
    }
  }
  const prof = profileOptions(doc, profile);
  if (!prof)
    throw new LeapConfigError(
      `profile ${JSON.stringify(profile)} is not in ${files.length ? files.join(', ') : 'any config file (none found)'}; profiles: ${[...doc.sections.keys()].join(', ') || '(none)'}`,
      { field: 'profile' },
    );
  const opts = new Map<string, string>();
  const sources: LeapConfig['sources'] = {};
  const apply = (updates: Record<string, string | undefined>, source: ConfigSource) => {
    const set = Object.entries(updates).filter(([, v]) => given(v)) as Array<[string, string]>;
    if (set.some(([k]) => k === 'endpoint' || k === 'region')) {
      opts.delete('endpoint');
      opts.delete('region');
      delete sources.endpoint;
      delete sources.region;
    }
    for (const [k, v] of set) {
      opts.set(k, v);
      if (k === 'token' || k === 'endpoint' || k === 'region' || k === 'solver') sources[k] = source;
    }
  };
  apply(Object.fromEntries(prof.options), 'file');
  apply(
    Object.fromEntries(Object.entries(ENV_OPTIONS).map(([envName, key]) => [key, env[envName]])),
    'environment',
  );
  apply(
    {
      token: overrides.token,
      endpoint: overrides.endpoint,
      region: overrides.region,
      solver: overrides.solver,
    },
    'flag',
  );
  let endpoint: string;
  let region: string | undefined;
  if (opts.has('endpoint')) endpoint = normaliseEndpoint(opts.get('endpoint')!);
  else {
    region = opts.get('region') ?? DEFAULT_REGION;
    if (!sources.region) sources.region = 'default';
    endpoint = regionEndpoint(region);
    sources.endpoint = sources.region;
  }
  return {
    token: opts.get('token'),
    endpoint,
    region,
    solver: opts.get('solver'),
    profile: prof.name,
    configFiles: files,
    requestTimeout:
      overrides.requestTimeout ?? parsePositive(opts.get('request_timeout'), 'request_timeout') ?? 60,
    pollingTimeout: overrides.pollingTimeout ?? parsePositive(opts.get('polling_timeout'), 'polling_timeout'),
    sources,
  };
}

/** The configuration without secrets, for `qaxai leap config` and logs. */
export function describeConfig(c: LeapConfig): Record<string, unknown> {
  return {
    endpoint: c.endpoint,
    region: c.region ?? null,
    solver: c.solver ?? null,
    profile: c.profile ?? null,
    configFiles: c.configFiles,
    token: c.token
      ? `set (from ${c.sources.token === 'file' ? 'the config file' : c.sources.token})`
      : 'not set',
    requestTimeout: c.requestTimeout,
    pollingTimeout: c.pollingTimeout ?? null,
    sources: c.sources,
  };
}

/** The token, or a clear error saying how to give one. */
export function requireToken(c: LeapConfig): string {
  if (!c.token)
    throw new LeapConfigError(
      'no SAPI token: set DWAVE_API_TOKEN, add "token = …" to your dwave.conf profile, or pass --token',
      { field: 'token' },
    );
  const from =
    c.sources.token === 'file'
      ? `the token in ${c.configFiles.length ? c.configFiles.join(', ') : 'the config file'}`
      : c.sources.token === 'environment'
        ? 'DWAVE_API_TOKEN'
        : c.sources.token === 'flag'
          ? '--token'
          : 'the token';
  checkTokenCharacters(c.token, from);
  return c.token;
}

/**
 * Refuses a token that cannot travel in the X-Auth-Token header as it is (a configuration error, before any
 * request): SAPI tokens are printable ASCII without spaces ("DEV-…"). The message says where the bad
 * character is and what kind it is, never the token.
 */
export function checkTokenCharacters(token: string, from = 'the token'): void {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    const what =
      c === 0x20 || c === 0x09
        ? 'a space or tab'
        : c < 0x20 || c === 0x7f
          ? 'a control character (a line break?)'
          : 'a non-ASCII character';
    throw new LeapConfigError(
      `token: character ${i + 1} of ${token.length} is ${what}, which cannot be sent in an HTTP header; ` +
        `a SAPI token is printable ASCII without spaces: check ${from}`,
      { field: 'token' },
    );
  }
}
