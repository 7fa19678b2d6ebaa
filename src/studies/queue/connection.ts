/**
 * Redis connections for the point queue (ioredis, which BullMQ drives). Every connection reconnects forever
 * (a Redis restart is an outage to wait out, not an error) and its commands wait for the reconnection
 * (`maxRetriesPerRequest: null`, which BullMQ requires); only the first connection must succeed within
 * `timeoutMs`, so a wrong URL or password fails fast with a message that never shows the password.
 */

import { Redis } from 'ioredis';
import { WorkError } from '../../errors.js';
import type { RedisTarget } from './redis-target.js';

export interface RedisEvents {
  /** The connection was lost (masked message). */
  onDown?: (message: string) => void;
  /** The connection is back. */
  onUp?: () => void;
}

/** A client named `name` (Redis CLIENT LIST shows it) that reconnects forever. */
export function openRedis(target: RedisTarget, name: string, events: RedisEvents = {}): Redis {
  const client = new Redis({
    ...target.options,
    connectionName: name,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    lazyConnect: true,
    // 0.2 s, 0.4 s, … up to 2 s between tries
    retryStrategy: (times: number) => Math.min(200 * times, 2000),
  });
  let down = false;
  client.on('error', (e: Error) => {
    (client as unknown as { lastError?: string }).lastError = target.mask(e.message);
  });
  client.on('close', () => {
    if (!down) {
      down = true;
      events.onDown?.((client as unknown as { lastError?: string }).lastError ?? 'connection closed');
    }
  });
  client.on('ready', () => {
    if (down) {
      down = false;
      events.onUp?.();
    }
  });
  return client;
}

/** Connects `client` (made by {@link openRedis}); a WorkError naming the masked URL if it is not ready in time. */
export async function connectRedis(client: Redis, target: RedisTarget, timeoutMs = 10_000): Promise<void> {
  if (client.status === 'ready') return;
  let timer: NodeJS.Timeout | undefined;
  let onError: ((e: Error) => void) | undefined;
  const ready = new Promise<void>((resolve) => client.once('ready', () => resolve()));
  const failed = (reason: string) =>
    new WorkError(`cannot reach Redis at ${target.display}: ${target.mask(reason)}`, { field: '--queue' });
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const last = (client as unknown as { lastError?: string }).lastError;
      reject(failed(`${last ?? 'no answer'} (is redis-server running there?)`));
    }, timeoutMs);
    // a refused password will not get better by retrying
    onError = (e) => {
      if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(e.message))
        reject(failed(`${e.message} (check the password in the URL)`));
    };
    client.on('error', onError);
  });
  if (client.status === 'wait') client.connect().catch(() => undefined);
  try {
    await Promise.race([ready, timeout]);
  } catch (e) {
    client.disconnect();
    throw e;
  } finally {
    clearTimeout(timer);
    if (onError) client.off('error', onError);
  }
}

/** Closes a client without waiting for a Redis that is gone. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await Promise.race([client.quit(), new Promise((r) => setTimeout(r, 1000))]);
  } catch {
    // already closed
  }
  client.disconnect();
}
