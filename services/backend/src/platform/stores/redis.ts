import { openHotStore, type HotStore } from '@netra/shared/redis';
import type { BackendConfig } from '#config.js';

/** Opens the backend's Redis tier (or its in-process twin), namespaced `<REDIS_NAMESPACE>:backend:`. */
export function openBackendRedis(config: BackendConfig): HotStore {
  return openHotStore({
    url: config.values.REDIS_URL,
    keyPrefix: `${config.values.REDIS_NAMESPACE}:backend:`,
  });
}
