/** Server-only HTTP scaffolding shared by the Fastify services. */
export { createServiceApp, REQUEST_ID_HEADER, type ServiceAppOptions } from './service-app.js';
export { installErrorHandling, fromZodError } from './error-handler.js';
export { API_CSP_DIRECTIVES, relaxContentSecurityPolicy, type CspDirectives } from './security-headers.js';
export { checkReadiness, registerReadiness, type TierProbe } from './readiness.js';
export { serve, runMain, describeFailure, closeAll, type Closable, type ListenOptions } from './lifecycle.js';
export { parseInput } from './parse-input.js';
export {
  createPlatformApp,
  startService,
  type BaseServiceConfig,
  type PlatformAppOptions,
  type ServiceStartup,
  type ServiceStores,
} from './service-runtime.js';
export {
  createRequestMetrics,
  installRequestMetrics,
  registerMetricsRoute,
  UNMATCHED_ROUTE,
  type RequestMetrics,
} from './request-metrics.js';
