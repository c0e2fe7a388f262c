import { openHotStore, type HotStore } from '@netra/shared/redis';
import type { BackendConfig } from '#config.js';

/** Opens the backend's hot tier, namespaced `<REDIS_NAMESPACE>:backend:`. */
export function openBackendHotStore(config: BackendConfig): HotStore {
  return openHotStore({
    url: config.values.REDIS_URL,
    keyPrefix: `${config.values.REDIS_NAMESPACE}:backend:`,
  });
}
