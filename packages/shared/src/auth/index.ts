/** Server-only token verification for every service that accepts Netra access tokens. */
export {
  bearerToken,
  createAccessTokenVerifier,
  hotStoreRevocations,
  introspectionRevocations,
  localJwks,
  remoteJwks,
  revokedTokenKey,
  TokenVerificationError,
  type AccessTokenVerifier,
  type AccessTokenVerifierOptions,
  type RevocationCheck,
  type TokenRejection,
} from './verifier.js';
