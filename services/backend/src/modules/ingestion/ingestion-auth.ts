import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { bearerToken } from '@netra/shared/auth';
import type { ApiKeyPrincipal, ApiKeysService } from '#modules/api-keys/api-keys.service.js';
import type { IngestionLimiter } from './ingestion-limiter.js';

declare module 'fastify' {
  interface FastifyRequest {
    ingestionPrincipal?: ApiKeyPrincipal;
  }
}

export interface IngestionAuthDependencies {
  apiKeys: ApiKeysService;
  limiter: IngestionLimiter;
}

/**
 * The one hook in front of every ingestion route: an ingestion API key (`Authorization: Bearer nk_…`)
 * and its per-key request budget, checked before the body is read.
 */
export function ingestionKeyHook(deps: IngestionAuthDependencies): onRequestAsyncHookHandler {
  return async (request) => {
    const principal = await deps.apiKeys.authenticate(bearerToken(request.headers.authorization));
    await deps.limiter.admit(principal.keyId);
    request.ingestionPrincipal = principal;
  };
}

/** The principal the hook attached; routes behind the hook always have one. */
export function ingestionPrincipalOf(request: FastifyRequest): ApiKeyPrincipal {
  const principal = request.ingestionPrincipal;
  if (principal === undefined) {
    throw new Error('ingestion route registered without the ingestion key hook');
  }
  return principal;
}
