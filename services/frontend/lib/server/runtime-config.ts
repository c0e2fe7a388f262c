import type { RuntimeConfig } from '../browser/runtime-config';
import type { FrontendConfig } from './frontend-config';

/** The public part of the configuration that the root layout hands to the browser on every request. */
export function toRuntimeConfig(config: FrontendConfig): RuntimeConfig {
  return {
    environment: config.environment,
    services: [
      { id: 'backend', name: 'Main backend', url: config.values.BACKEND_URL },
      { id: 'auth', name: 'Auth service', url: config.values.AUTH_SERVICE_URL },
    ],
  };
}
