import type { FastifyInstance, RouteOptions } from 'fastify';
import type { GuardedRoute, RouteAccess } from './access.js';

/**
 * Every route of the app with the access it declared. A scope either requires each of its routes to
 * declare access (`requireDeclared`: a route without one fails the app at start) or grants one access
 * to all of them (`grant`: ingestion, public). The authorization matrix test walks `routes`.
 */
export class RouteRegistry {
  readonly routes: GuardedRoute[] = [];

  requireDeclared(scope: FastifyInstance): void {
    scope.addHook('onRoute', (route) => {
      const access = route.config?.access;
      if (access === undefined) {
        throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
      }
      this.record(route, access);
    });
  }

  grant(scope: FastifyInstance, access: RouteAccess): void {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access };
      this.record(route, access);
    });
  }

  private record(route: RouteOptions, access: RouteAccess): void {
    for (const method of [route.method].flat()) {
      this.routes.push({ method, url: route.url, access });
    }
  }
}
