import type { FastifyInstance } from 'fastify';
import type { DiscoveryService } from './discovery.service.js';

/** `GET /auth/config`: the login options and endpoint URLs. */
export function registerDiscoveryRoutes(app: FastifyInstance, discovery: DiscoveryService): void {
  app.get('/auth/config', () => discovery.configuration());
}
