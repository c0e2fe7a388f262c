import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { AppError, errors } from '@netra/shared';

type Encoding = 'gzip' | 'deflate';

/** 413 `decompressed_body_too_large`: the limit is the route's body limit, named in the message and details. */
export function decompressedTooLarge(encoding: Encoding, limitBytes: number): AppError {
  return new AppError(
    413,
    'decompressed_body_too_large',
    `The ${encoding} body decompresses to more than ${limitBytes} bytes, the limit of this route`,
    { details: { limit_bytes: limitBytes } },
  );
}

/**
 * Passes decompressed bytes on until more than `limitBytes` came out, then fails with a 413. The
 * decoder is stopped there, so a small compressed bomb costs the server no more than the limit.
 */
class DecompressedLimit extends Transform {
  /** Bytes read from the wire: Fastify checks Content-Length against it, not the longer decoded body. */
  receivedEncodedLength = 0;
  #decoded = 0;

  constructor(
    private readonly encoding: Encoding,
    private readonly limitBytes: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#decoded += chunk.length;
    if (this.#decoded > this.limitBytes) {
      callback(decompressedTooLarge(this.encoding, this.limitBytes));
      return;
    }
    callback(null, chunk);
  }
}

/**
 * The decompressed body, at most `limitBytes` long. Keeping the Content-Length header matters: without
 * it and a content type Fastify takes the request for bodiless and never reads (nor decompresses) it.
 */
function decompressed(payload: Readable, encoding: Encoding, limitBytes: number): Readable {
  const decoder = encoding === 'gzip' ? createGunzip() : createInflate();
  const decoded = new DecompressedLimit(encoding, limitBytes);
  payload.on('data', (chunk: Buffer) => {
    decoded.receivedEncodedLength += chunk.length;
  });
  // A corrupt or truncated body is the client's mistake (400). It can fail before anyone reads it (the
  // file route authenticates first): the error then waits in the stream for its reader, never uncaught.
  decoder.on('error', (error) => {
    decoded.destroy(
      errors.badRequest(`The ${encoding} body could not be decompressed: ${error.message}`, { cause: error }),
    );
  });
  decoded.on('error', () => {
    // Over the limit: stop inflating what is still arriving.
    payload.unpipe(decoder);
    decoder.destroy();
  });
  return payload.pipe(decoder).pipe(decoded);
}

/**
 * Decompresses `Content-Encoding: gzip|deflate` request bodies before parsing. Every route's body
 * limit then bounds the DECOMPRESSED bytes too: a small compressed bomb gets a 413
 * `decompressed_body_too_large` as soon as the limit is passed, whatever the route does with its body
 * (streaming routes included, which Fastify's own limit does not cover).
 */
export function decodeCompressedBodies(app: FastifyInstance): void {
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (encoding === undefined || encoding === '' || encoding === 'identity') {
      done(null, payload);
      return;
    }
    if (encoding !== 'gzip' && encoding !== 'deflate') {
      done(
        new AppError(415, 'unsupported_encoding', `Content-Encoding ${encoding} is not supported (use gzip)`),
      );
      return;
    }
    done(null, decompressed(payload, encoding, request.routeOptions.bodyLimit));
  });
}
