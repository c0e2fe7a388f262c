import { IsolatedEnvironment } from '@netra/shared/server';
import { loadFrontendConfig, type FrontendConfig } from './frontend-config';

// Next compiles instrumentation and every route into separate bundles, so a module-level cache
// could exist once per bundle; a registered symbol on globalThis keeps it once per process.
const CACHE_KEY = Symbol.for('netra.frontend.config');

type ConfigCache = typeof globalThis & { [CACHE_KEY]?: FrontendConfig };

/**
 * The process's frontend configuration, read from the process environment and validated on first use.
 * @throws ConfigError listing every problem.
 */
export function frontendConfig(): FrontendConfig {
  const cache = globalThis as ConfigCache;
  cache[CACHE_KEY] ??= loadFrontendConfig(IsolatedEnvironment.fromProcess());
  return cache[CACHE_KEY];
}
