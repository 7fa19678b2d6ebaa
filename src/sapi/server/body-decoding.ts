/**
 * Request bodies: JSON (`application/json` or any `application/…+json`), optionally compressed with
 * `Content-Encoding: deflate` (zlib or raw deflate) or `gzip`, as dwave-cloud-client sends them. A `preParsing`
 * hook decompresses as the body streams in and stops as soon as the decompressed size passes the body limit (a
 * deflate bomb costs at most the limit); fastify's own limit refuses a compressed body past it from its
 * Content-Length. The JSON content-type parser then parses. A body sent without a Content-Type is read as JSON
 * too: dwave-cloud-client POSTs its problem lists (and DELETEs its id lists) with none. Any other type is 415.
 */

import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SapiHttpError } from './sapi-errors.js';

type Encoding = 'deflate' | 'gzip';

/** Whether the first two bytes are a zlib header (RFC 1950: CM = 8, FCHECK makes CMF·256 + FLG ≡ 0 mod 31). */
function zlibHeader(b: Buffer): boolean {
  return (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0;
}

/**
 * Decompresses a request body, counting compressed bytes in `receivedEncodedLength` (which fastify checks
 * against Content-Length) and refusing, with 413, output past `limit` bytes.
 */
class BodyDecoder extends Transform {
  receivedEncodedLength = 0;
  private decoded = 0;
  private inflater: Transform | undefined;
  private head: Buffer | undefined;

  constructor(
    private readonly encoding: Encoding,
    private readonly limit: number,
  ) {
    super();
  }

  private open(first: Buffer): Transform {
    const z =
      this.encoding === 'gzip'
        ? createGunzip()
        : first.length >= 2 && zlibHeader(first)
          ? createInflate()
          : createInflateRaw();
    z.on('data', (d: Buffer) => {
      this.decoded += d.length;
      if (this.decoded > this.limit) {
        z.destroy();
        this.destroy(
          new SapiHttpError(413, `request body larger than ${this.limit} bytes after decompression`),
        );
      } else this.push(d);
    });
    z.on('error', (e) =>
      this.destroy(
        new SapiHttpError(400, `the ${this.encoding} body could not be decompressed: ${e.message}`),
      ),
    );
    return z;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.receivedEncodedLength += chunk.length;
    let data = chunk;
    if (!this.inflater) {
      data = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      if (data.length < 2) {
        this.head = data;
        done();
        return;
      }
      this.head = undefined;
      this.inflater = this.open(data);
    }
    this.inflater.write(data, () => done());
  }

  override _flush(done: TransformCallback): void {
    if (!this.inflater) {
      // a body of fewer than two bytes
      this.inflater = this.open(this.head ?? Buffer.alloc(0));
      if (this.head) this.inflater.write(this.head);
    }
    this.inflater.once('end', () => done());
    this.inflater.end();
  }

  override _destroy(err: Error | null, done: (e: Error | null) => void): void {
    this.inflater?.destroy();
    done(err);
  }
}

function contentEncoding(req: FastifyRequest): string {
  return String(req.headers['content-encoding'] ?? 'identity')
    .toLowerCase()
    .trim();
}

/** JSON media types: application/json and application/<anything>+json, with or without parameters. */
const JSON_TYPES = ['application/json', /^application\/[\w.+-]*\+json(\s*;|$)/] as const;

function parseJson(
  _req: FastifyRequest,
  text: string | Buffer,
  done: (e: Error | null, body?: unknown) => void,
) {
  try {
    done(null, JSON.parse(String(text)));
  } catch (e) {
    done(new SapiHttpError(400, `the body is not valid JSON: ${(e as Error).message}`), undefined);
  }
}

/** Adds decompression and the JSON parser to `app`; `limit` bounds the body before and after decompression. */
export function addBodyDecoding(app: FastifyInstance, limit: number): void {
  app.addHook('onRequest', async (req) => {
    const enc = contentEncoding(req);
    if (enc !== 'identity' && enc !== '' && enc !== 'deflate' && enc !== 'gzip')
      throw new SapiHttpError(415, `Content-Encoding ${enc} is not supported; use deflate, gzip or none`);
  });
  app.addHook('preParsing', async (req, _reply, payload) => {
    const enc = contentEncoding(req);
    if (enc !== 'deflate' && enc !== 'gzip') return payload;
    const decoder = new BodyDecoder(enc, limit);
    payload.on('error', (e) => decoder.destroy(e));
    return payload.pipe(decoder);
  });
  app.removeAllContentTypeParsers();
  for (const type of JSON_TYPES) app.addContentTypeParser(type, { parseAs: 'string' }, parseJson);
  // the catch-all: no Content-Type at all is JSON; a type no parser above takes is refused
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, text, done) => {
    const ct = req.headers['content-type'];
    if (ct === undefined) return parseJson(req, text, done);
    const type = ct.split(';')[0]!.trim().toLowerCase();
    done(new SapiHttpError(415, `Content-Type ${type || '(empty)'} is not supported; send application/json`));
  });
}

/** The parsed JSON body of a request that must have one (400 when none was sent). */
export function jsonBody(req: FastifyRequest): unknown {
  if (req.body === undefined)
    throw new SapiHttpError(400, 'the request has no body; send the JSON document this resource takes');
  return req.body;
}
