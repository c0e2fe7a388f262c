import type { FastifyInstance } from 'fastify';
import type { KeyRing } from './signing-keys.js';

/** `GET /.well-known/jwks.json`: the public halves of the current and previous signing keys. */
export function registerKeyRoutes(app: FastifyInstance, keys: KeyRing): void {
  app.get('/.well-known/jwks.json', async (_request, reply) => {
    // Short enough that a rotated key is picked up quickly; verifiers also refetch on an unknown kid.
    return reply.header('cache-control', 'public, max-age=300').send(keys.jwks());
  });
}
