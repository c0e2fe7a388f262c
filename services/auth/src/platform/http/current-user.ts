import type { FastifyRequest } from 'fastify';
import type { AccessTokenClaims } from '@netra/shared';
import { TokenVerificationError, type AccessTokenVerifier } from '@netra/shared/auth';
import { accessTokenOf } from './client.js';
import { authErrors } from './errors.js';

/** The one guard of the auth service's protected routes: a valid, unrevoked bearer access token. */
export class CurrentUserGuard {
  constructor(private readonly verify: AccessTokenVerifier) {}

  /**
   * The verified claims of the request's bearer token (`sub` is the account id).
   * @throws AppError 401 `token_missing`, `token_invalid`, `token_expired` or `token_revoked`
   */
  async claims(request: FastifyRequest): Promise<AccessTokenClaims> {
    try {
      return await this.verify(accessTokenOf(request));
    } catch (error) {
      if (error instanceof TokenVerificationError) {
        throw authErrors.accessToken(error.code, error.message);
      }
      throw error;
    }
  }
}
