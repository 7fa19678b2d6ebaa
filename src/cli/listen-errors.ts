/**
 * A server that cannot listen, said as the flag that caused it (exit 2): `--port: N is in use`,
 * `--port: N needs privileges`, `--host: cannot bind H (…)` for a name that does not resolve or an address
 * this machine does not have. Shared by `qaxai serve` and `qaxai serve-sapi`; other failures pass unchanged.
 */

import { InputError } from '../errors.js';

export interface ListenAddress {
  host: string;
  port: number;
}

const HOST_CODES: Record<string, string> = {
  ENOTFOUND: 'no such host name',
  EAI_AGAIN: 'the name could not be resolved now',
  EAI_FAIL: 'the name could not be resolved',
  EADDRNOTAVAIL: 'not an address of this machine',
  EAFNOSUPPORT: 'address family not supported here',
};

/** The `--host` flag's value (default 127.0.0.1); an empty one is refused. */
export function hostFlag(value: string | undefined): string {
  if (value === undefined) return '127.0.0.1';
  if (value.trim() === '')
    throw new InputError('--host: empty; give an address such as 127.0.0.1', { field: '--host' });
  return value;
}

/** The InputError a listen failure stands for, or the failure itself when it is not about the flags. */
export function listenError(e: unknown, at: ListenAddress): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return new InputError(`--port: ${at.port} is in use; pick another port (or --port 0 for a free one)`, {
      field: '--port',
      cause: e,
    });
  if (code === 'EACCES')
    return new InputError(
      `--port: ${at.port} needs privileges this process does not have; pick a port above 1023 (or --port 0 for a free one)`,
      { field: '--port', cause: e },
    );
  if (code !== undefined && code in HOST_CODES)
    return new InputError(
      `--host: cannot bind ${at.host} (${code}: ${HOST_CODES[code]}); give an address of this machine such as 127.0.0.1`,
      { field: '--host', cause: e },
    );
  return e;
}

/** Awaits a server's start, turning listen failures into the flag errors above. */
export async function listening<T>(start: Promise<T>, at: ListenAddress): Promise<T> {
  try {
    return await start;
  } catch (e) {
    throw listenError(e, at);
  }
}
