import {
  createAccessTokenVerifier,
  hotStoreRevocations,
  introspectionRevocations,
  remoteJwks,
  type AccessTokenVerifier,
} from '@netra/shared/auth';
import type { HotStore } from '@netra/shared/redis';

/**
 * The backend's access-token verifier (ARCHITECTURE §4.4): the auth service's JWKS, cached and
 * refetched on an unknown key id, and its revocation list — read from the shared Redis when there is
 * one, asked of the auth service otherwise — so a logged-out token is refused at once.
 */
export function createBackendTokenVerifier(
  authServiceUrl: string,
  authRevocations: HotStore | undefined,
): AccessTokenVerifier {
  return createAccessTokenVerifier({
    keys: remoteJwks(new URL('/.well-known/jwks.json', authServiceUrl).toString()),
    isRevoked:
      authRevocations === undefined
        ? introspectionRevocations(authServiceUrl)
        : hotStoreRevocations(authRevocations),
  });
}
