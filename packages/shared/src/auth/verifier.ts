import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  accessTokenClaimsSchema,
  type AccessTokenClaims,
} from './token-contract.js';
import type { HotStore } from '#redis/hot-store.js';

/** Why a token was refused; every reason maps to 401 at the edge. */
export type TokenRejection = 'token_missing' | 'token_expired' | 'token_invalid' | 'token_revoked';

export class TokenVerificationError extends Error {
  readonly code: TokenRejection;

  constructor(code: TokenRejection, message: string) {
    super(message);
    this.name = 'TokenVerificationError';
    this.code = code;
  }
}

/** Answers whether a token id has been revoked (logout) before its expiry. */
export type RevocationCheck = (jti: string) => Promise<boolean>;

export interface AccessTokenVerifierOptions {
  /** Where the public keys come from: `remoteJwks(url)` for other services, `localJwks(set)` for the issuer. */
  keys: JWTVerifyGetKey;
  isRevoked?: RevocationCheck;
  /** Seconds of clock skew tolerated on `exp`/`iat`. */
  clockToleranceS?: number;
}

export type AccessTokenVerifier = (token: string) => Promise<AccessTokenClaims>;

/** The key under which the auth service's hot store marks a revoked token id. */
export function revokedTokenKey(jti: string): string {
  return `revoked:${jti}`;
}

/** Public keys fetched from a JWKS URL: cached, and refetched when a token names an unknown key id. */
export function remoteJwks(url: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
}

/** Public keys held in memory (the issuer verifying its own tokens). */
export function localJwks(set: JSONWebKeySet): JWTVerifyGetKey {
  return createLocalJWKSet(set);
}

/** Revocations read from the auth service's hot store (server mode: one Redis shared by the services). */
export function hotStoreRevocations(authHotStore: HotStore): RevocationCheck {
  return async (jti) => (await authHotStore.get(revokedTokenKey(jti))) !== null;
}

/** Revocations asked of the auth service over HTTP (embedded mode: no shared Redis between processes). */
export function introspectionRevocations(
  authServiceUrl: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 3_000,
): RevocationCheck {
  const endpoint = new URL('/auth/introspect/jti', authServiceUrl);
  return async (jti) => {
    // A hung auth service must fail the check (closed), not hang every request waiting on it.
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jti }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      throw new Error(`revocation check failed: auth service answered ${response.status}`);
    }
    const body = (await response.json()) as { revoked?: unknown } | null;
    // Fail closed: an answer without a boolean flag (a misrouted or broken endpoint) is not "not revoked".
    if (typeof body?.revoked !== 'boolean') {
      throw new Error('revocation check failed: auth service answered without a boolean "revoked"');
    }
    return body.revoked;
  };
}

function rejectionFor(error: unknown): TokenVerificationError {
  if (error instanceof TokenVerificationError) {
    return error;
  }
  if (error instanceof joseErrors.JWTExpired) {
    return new TokenVerificationError('token_expired', 'Access token has expired');
  }
  return new TokenVerificationError('token_invalid', 'Access token is invalid');
}

/** Signature, issuer, audience, expiry and claim shape; any failure becomes a TokenVerificationError. */
async function verifiedClaims(
  token: string,
  options: AccessTokenVerifierOptions,
): Promise<AccessTokenClaims> {
  const clockToleranceS = options.clockToleranceS ?? 5;
  try {
    const { payload } = await jwtVerify(token, options.keys, {
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'jti', 'iat', 'exp'],
      clockTolerance: clockToleranceS,
    });
    const claims = accessTokenClaimsSchema.parse(payload);
    // jose checks `iat` only with maxTokenAge; a token issued in the future is not valid yet.
    if (claims.iat > Date.now() / 1000 + clockToleranceS) {
      throw new TokenVerificationError('token_invalid', 'Access token is not valid yet');
    }
    return claims;
  } catch (error) {
    throw rejectionFor(error);
  }
}

/**
 * Builds the verifier of ARCHITECTURE §4.4: EdDSA signature against the JWKS, issuer, audience,
 * expiry, the `access` token type and the required claims, then the revocation list.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  return async (token) => {
    if (token === '') {
      throw new TokenVerificationError('token_missing', 'Access token is missing');
    }
    const claims = await verifiedClaims(token, options);
    if (options.isRevoked !== undefined && (await options.isRevoked(claims.jti))) {
      throw new TokenVerificationError('token_revoked', 'Access token has been revoked');
    }
    return claims;
  };
}

/** The token of an `Authorization: Bearer …` header, or '' when there is none. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? '';
}
