import { openHotStore, type HotStore } from '@netra/shared/redis';
import type { BackendConfig } from '#config.js';

/** Opens the backend's Redis tier (or its in-process twin), namespaced `<REDIS_NAMESPACE>:backend:`. */
export function openBackendRedis(config: BackendConfig): HotStore {
  return openHotStore({
    url: config.values.REDIS_URL,
    keyPrefix: `${config.values.REDIS_NAMESPACE}:backend:`,
  });
}

/**
 * The auth service's revocation list, read directly in server mode (both services share one Redis,
 * the auth service writing under `<REDIS_NAMESPACE>:auth:`). Undefined in embedded mode, where each
 * process has its own in-process tier and revocations are asked of the auth service over HTTP.
 */
export function openAuthRevocationView(config: BackendConfig): HotStore | undefined {
  const url = config.values.REDIS_URL;
  return url === undefined
    ? undefined
    : openHotStore({ url, keyPrefix: `${config.values.REDIS_NAMESPACE}:auth:` });
}
