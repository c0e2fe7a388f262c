import type { FastifyRequest } from 'fastify';
import { bearerToken } from '@netra/shared/auth';
import type { ApiKeyAuthenticator, ApiKeyPrincipal } from '#api-keys/api-key.service.js';

/** The ingestion principal of a request authenticated by `Authorization: Bearer nk_…`. */
export function apiKeyPrincipal(
  authenticator: ApiKeyAuthenticator,
  request: FastifyRequest,
): Promise<ApiKeyPrincipal> {
  return authenticator.authenticate(bearerToken(request.headers.authorization));
}
