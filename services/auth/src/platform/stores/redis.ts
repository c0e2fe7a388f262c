import { openHotStore, type HotStore } from '@netra/shared/redis';
import type { AuthConfig } from '#config.js';

/** Opens the auth service's Redis tier (or its in-process twin), namespaced `<REDIS_NAMESPACE>:auth:`. */
export function openAuthRedis(config: AuthConfig): HotStore {
  return openHotStore({
    url: config.values.REDIS_URL,
    keyPrefix: `${config.values.REDIS_NAMESPACE}:auth:`,
  });
}
