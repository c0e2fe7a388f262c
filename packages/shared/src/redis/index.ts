import type { HotStore } from './hot-store.js';
import { MemoryHotStore } from './memory-hot-store.js';
import { RedisHotStore } from './redis-hot-store.js';

export type {
  HotStore,
  MessageListener,
  QueueConnection,
  StreamAppendOptions,
  StreamEntry,
  StreamRangeOptions,
  StreamReadOptions,
} from './hot-store.js';
export { MemoryHotStore } from './memory-hot-store.js';
export {
  admitInFixedWindow,
  countInFixedWindow,
  type WindowAdmission,
  type WindowCount,
} from './fixed-window.js';

export interface OpenHotStoreOptions {
  /** Server mode when set; the in-process tier otherwise. */
  url: string | undefined;
  /** Namespace such as `netra:auth:`; tests add a per-run segment. */
  keyPrefix: string;
}

/** Opens the hot tier in server mode (Redis) or embedded mode (in-process). */
export function openHotStore(options: OpenHotStoreOptions): HotStore {
  if (options.url === undefined) {
    return new MemoryHotStore(options.keyPrefix);
  }
  return new RedisHotStore(options.url, options.keyPrefix);
}
