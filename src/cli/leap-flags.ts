/**
 * Leap connection flags, for every command where a Leap sampler can be chosen (`sample`, `explain`, `demo`) and
 * for `qaxai leap …`. Flags override the environment and dwave.conf, as in Ocean; for a sampler from the
 * registry they reach the Leap client as Ocean's environment variables (DWAVE_API_TOKEN, …), so the token
 * never passes through a log line or a file.
 */

import type { Command } from 'commander';

export interface LeapConnectionFlags {
  token?: string;
  endpoint?: string;
  region?: string;
  configFile?: string;
  profile?: string;
}

/** Adds --token, --endpoint, --region, --config-file and --profile to `cmd`. */
export function addLeapConnectionOptions(cmd: Command): Command {
  return cmd
    .option('--token <token>', 'Leap SAPI token (default: DWAVE_API_TOKEN or the dwave.conf profile)')
    .option('--endpoint <url>', 'SAPI endpoint URL (default: DWAVE_API_ENDPOINT, else from the region)')
    .option(
      '--region <code>',
      'Leap region, e.g. na-west-1 or eu-central-1 (default: DWAVE_API_REGION, na-west-1)',
    )
    .option(
      '--config-file <path>',
      'dwave.conf to read (default: DWAVE_CONFIG_FILE, else the usual locations)',
    )
    .option('--profile <name>', 'dwave.conf profile (default: DWAVE_PROFILE, else the first)');
}

const ENV_OF: Readonly<Record<keyof LeapConnectionFlags, string>> = {
  token: 'DWAVE_API_TOKEN',
  endpoint: 'DWAVE_API_ENDPOINT',
  region: 'DWAVE_API_REGION',
  configFile: 'DWAVE_CONFIG_FILE',
  profile: 'DWAVE_PROFILE',
};

/** The environment a Leap sampler sees: `base` with every given flag in its Ocean variable; undefined when none. */
export function leapEnvironment(
  flags: { readonly [K in keyof LeapConnectionFlags]?: unknown },
  base: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string | undefined> | undefined {
  const given = (Object.keys(ENV_OF) as (keyof LeapConnectionFlags)[]).filter(
    (k) => typeof flags[k] === 'string',
  );
  if (given.length === 0) return undefined;
  const env = { ...base };
  for (const k of given) env[ENV_OF[k]] = flags[k] as string;
  return env;
}

/**
 * For a server (`qaxai serve`) whose job workers take the process environment: puts the given flags into
 * `process.env` under their Ocean names, as if the user had exported them.
 */
export function exportLeapFlags(flags: { readonly [K in keyof LeapConnectionFlags]?: unknown }): void {
  for (const k of Object.keys(ENV_OF) as (keyof LeapConnectionFlags)[])
    if (typeof flags[k] === 'string') process.env[ENV_OF[k]] = flags[k] as string;
}
