import type { OrgRole } from './roles.js';

/**
 * What a route needs, declared on the route (`config: { access }`) and enforced by the one guard:
 * - `public`: nobody needs to be known (health, metrics, OpenAPI);
 * - `ingestion`: an ingestion API key, checked by the ingestion module's own hook, and nothing else;
 * - `user`: any signed-in person;
 * - `{ org: role }`: a member of the `:org_id` in the path with at least that role.
 */
export type RouteAccess = 'public' | 'ingestion' | 'user' | { org: OrgRole };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** A route as the guard saw it registered: the authorization matrix test walks this list. */
export interface GuardedRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

/** Route options declaring access: spread into a route's options (`{ ...orgAccess('admin'), schema }`). */
export const userAccess = { config: { access: 'user' } } satisfies { config: { access: RouteAccess } };
export function orgAccess(role: OrgRole): { config: { access: RouteAccess } } {
  return { config: { access: { org: role } } };
}
