/**
 * Fault injection (./faults.ts) as fastify hooks. Every request under the SAPI base draws at most one fault
 * when it arrives, before authentication, as a misbehaving server or proxy would act:
 * - `status` answers at once with that status (and Retry-After), `drop` closes the connection unread;
 * - `delay` waits after the body is read, then handles the request normally;
 * - `drop_after` handles the request, then sends the headers and a third of the body and cuts the connection;
 * - `truncate` handles the request, then sends a complete response whose body is cut in half.
 */

import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sendError } from './sapi-errors.js';

/** A body that sends its first third, then fails, so fastify destroys the half-sent response. */
function cutOff(text: string): Readable {
  const part = text.slice(0, Math.floor(text.length / 3));
  return new Readable({
    read() {
      this.push(part);
      setImmediate(() => this.destroy(new Error('injected fault: connection dropped mid-response')));
    },
  });
}

/** Adds the fault hooks to `app`. Runs after the hook that sets `req.sapiCall`. */
export function addFaultHooks(app: FastifyInstance, log: (line: string) => void): void {
  app.addHook('onRequest', async (req, reply) => {
    const fault = req.sapiCall?.fault;
    if (!fault) return;
    log(`fault ${fault.kind} on ${req.method} ${req.sapiCall!.rel}`);
    if (fault.kind === 'drop') {
      reply.hijack();
      req.raw.socket.destroy();
      return reply;
    }
    if (fault.kind === 'status') {
      const headers: Record<string, string> =
        fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
      return sendError(reply, fault.status!, 'injected fault', headers);
    }
  });
  app.addHook('preHandler', async (req) => {
    const fault = req.sapiCall?.fault;
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 0));
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const fault = req.sapiCall?.fault;
    if (typeof payload !== 'string') return payload;
    if (fault?.kind === 'truncate') return payload.slice(0, Math.floor(payload.length / 2));
    if (fault?.kind === 'drop_after') {
      reply.header('content-length', String(Buffer.byteLength(payload)));
      return cutOff(payload);
    }
    return payload;
  });
}
