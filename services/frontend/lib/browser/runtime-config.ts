import type { EnvironmentName } from '@netra/shared';

/** A service the browser talks to directly, with the base URL it reaches it at. */
export interface UpstreamService {
  id: 'backend' | 'auth';
  name: string;
  url: string;
}

/**
 * What the browser learns about the deployment at request time (never inlined at build), so the
 * same build can talk to services that the dev launcher or an operator moved to other URLs.
 * Holds only public values: it is serialized into every page.
 */
export interface RuntimeConfig {
  environment: EnvironmentName;
  services: readonly UpstreamService[];
}

/** The base URL of one upstream service (the runtime config always lists both). */
export function serviceUrl(config: RuntimeConfig, id: UpstreamService['id']): string {
  const service = config.services.find((candidate) => candidate.id === id);
  if (service === undefined) {
    throw new Error(`The runtime configuration lists no ${id} service`);
  }
  return service.url;
}
