/**
 * The Redis a point queue lives on, from a URL: `redis://[[user]:password@]host[:port][/db]`, or `rediss://…`
 * for TLS (the server certificate is checked against Node's CAs; add a private CA with NODE_EXTRA_CA_CERTS).
 * The password is a secret: every text that leaves this module (the URL shown to users, error messages from
 * the Redis client) goes through {@link RedisTarget.mask}, which writes it as `***`.
 */

import type { RedisOptions } from 'ioredis';
import { InputError } from '../../errors.js';

export interface RedisTarget {
  /** The URL with its password replaced by `***`: the only form ever printed or logged. */
  display: string;
  /** Connection options for ioredis (the password included: never print these). */
  options: RedisOptions;
  /** `text` with the password (raw and URL-encoded) replaced by `***`. */
  mask(text: string): string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Parses a Redis URL; an invalid one is an InputError naming `flag`. */
export function parseRedisUrl(url: string, flag = '--queue'): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InputError(
      `${flag}: ${JSON.stringify(maskUrlText(url))} is not a URL; give redis://HOST:PORT[/DB] or rediss://… (TLS)`,
      { field: flag },
    );
  }
  const password = decodeURIComponent(u.password);
  const mask = (text: string): string => {
    if (!password) return text;
    let out = text;
    for (const form of new Set([password, u.password, encodeURIComponent(password)]))
      if (form) out = out.replace(new RegExp(escapeRegExp(form), 'g'), '***');
    return out;
  };
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new InputError(
      `${flag}: ${mask(url)} is not a Redis URL; give redis://HOST:PORT[/DB] or rediss://… (TLS)`,
      { field: flag },
    );
  if (!u.hostname) throw new InputError(`${flag}: ${mask(url)} names no host`, { field: flag });
  const port = u.port ? Number(u.port) : 6379;
  const dbText = u.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0 || db > 65535)
    throw new InputError(`${flag}: the database ${JSON.stringify(dbText)} in ${mask(url)} is not a number`, {
      field: flag,
    });
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const tls = u.protocol === 'rediss:';
  const shown = new URL(url);
  if (shown.password) shown.password = 'xxx';
  const display = shown.href.replace(/:xxx@/, ':***@').replace(/\/$/, '');
  return {
    display,
    options: {
      host,
      port,
      db,
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(password ? { password } : {}),
      ...(tls ? { tls: { servername: host } } : {}),
    },
    mask,
  };
}

/** A URL-like text with anything between `:` and `@` after the scheme hidden (for unparseable input). */
function maskUrlText(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}
