import { PassThrough, type Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { AppError, errors } from '@netra/shared';

/**
 * The decompressed body. Fastify matches Content-Length against `receivedEncodedLength` (the bytes
 * on the wire), not the longer decompressed body; keeping the header matters, as without it and a
 * content type Fastify takes the request for bodiless and never reads (nor decompresses) it.
 */
function decompressed(payload: Readable, encoding: 'gzip' | 'deflate'): Readable {
  const decoder = encoding === 'gzip' ? createGunzip() : createInflate();
  const decoded = Object.assign(new PassThrough(), { receivedEncodedLength: 0 });
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
  decoded.on('error', () => undefined);
  return payload.pipe(decoder).pipe(decoded);
}

/**
 * Decompresses `Content-Encoding: gzip|deflate` request bodies before parsing. The route's body
 * limit then applies to the DECOMPRESSED bytes, so a small compressed bomb still gets a 413.
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
    done(null, decompressed(payload, encoding));
  });
}
