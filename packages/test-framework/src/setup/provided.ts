/**
 * The key under which the global setup provides the run's stores to tests, and its type.
 * @module
 */
import type { TestStores } from './test-stores.js';

/** Name of the value in vitest's provide/inject. */
export const STORES_KEY = 'netraTestStores';

declare module 'vitest' {
  export interface ProvidedContext {
    netraTestStores: TestStores;
  }
}
