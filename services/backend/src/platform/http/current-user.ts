import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@netra/shared';
import { bearerToken, TokenVerificationError, type AccessTokenVerifier } from '@netra/shared/auth';
import type { RouteAccess } from './access.js';
import type { RequestRateLimiter } from './rate-limiter.js';
import { requireRole, type OrgRole } from './roles.js';
import { isUuid } from './uuid.js';

/** The person behind a request, as their verified access token says. */
export interface Principal {
  userId: string;
  email: string;
  name: string | null;
  tokenId: string;
}

/** A principal acting inside one organization, with their role there. */
export interface OrgPrincipal extends Principal {
  orgId: string;
  role: OrgRole;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    orgPrincipal?: OrgPrincipal;
  }
}

export interface GuardDependencies {
  verify: AccessTokenVerifier;
  /** Runs for every authenticated request: records the user and creates what a first visit creates. */
  onAuthenticated: (principal: Principal) => Promise<void>;
  /** The caller's role in an organization, or undefined when they are not a member. */
  roleOf: (userId: string, orgId: string) => Promise<OrgRole | undefined>;
  limiter: RequestRateLimiter;
  requestsPerUserPerMinute: number;
}

function tokenError(error: unknown): unknown {
  if (error instanceof TokenVerificationError) {
    return new AppError(401, error.code, error.message);
  }
  return error;
}

/** `getCurrentUser`: the verified principal of the request, or 401 with the token's failure code. */
export async function getCurrentUser(deps: GuardDependencies, request: FastifyRequest): Promise<Principal> {
  try {
    const claims = await deps.verify(bearerToken(request.headers.authorization));
    return { userId: claims.sub, email: claims.email, name: claims.name, tokenId: claims.jti };
  } catch (error) {
    throw tokenError(error);
  }
}

function orgIdOf(request: FastifyRequest): string {
  const params = request.params as { org_id?: string } | undefined;
  return params?.org_id ?? '';
}

/** 404 for an organization the caller is not in, whether or not it exists: ids never leak across tenants. */
async function resolveOrg(deps: GuardDependencies, principal: Principal, orgId: string, needed: OrgRole) {
  const role = isUuid(orgId) ? await deps.roleOf(principal.userId, orgId) : undefined;
  if (role === undefined) {
    throw new AppError(404, 'not_found', 'Organization not found');
  }
  requireRole(role, needed);
  return { ...principal, orgId, role };
}

async function guard(deps: GuardDependencies, request: FastifyRequest, access: RouteAccess): Promise<void> {
  if (access === 'public' || access === 'ingestion') {
    return;
  }
  const principal = await getCurrentUser(deps, request);
  await deps.limiter.admit(`user:${principal.userId}`, deps.requestsPerUserPerMinute, 'requests per user');
  await deps.onAuthenticated(principal);
  request.principal = principal;
  if (access !== 'user') {
    request.orgPrincipal = await resolveOrg(deps, principal, orgIdOf(request), access.org);
  }
}

/**
 * Installs the one guard: every request whose route declares an access (see RouteRegistry) is
 * checked against it before its body is read.
 */
export function installGuard(app: FastifyInstance, deps: GuardDependencies): void {
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access !== undefined) {
      await guard(deps, request, access);
    }
  });
}

/** The principal the guard attached; routes with `user` or org access always have one. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === undefined) {
    throw new Error('route reached without the guard: declare its access');
  }
  return request.principal;
}

/** The principal and organization the guard resolved for an org-scoped route. */
export function orgPrincipalOf(request: FastifyRequest): OrgPrincipal {
  if (request.orgPrincipal === undefined) {
    throw new Error('route reached without org access: declare { org: role }');
  }
  return request.orgPrincipal;
}
