/**
 * Browser-safe wire contracts shared by the frontend, the backend and the tests: the zod schemas of
 * REST bodies, the §4.2 analysis report and the §4.3 WebSocket messages, with types inferred from them.
 * Nothing here may import Node APIs or server-only code.
 */
export { errorBodySchema, type ErrorBody } from '#errors/error-body.js';
export { pageQuerySchema, pageSchema, type PageQuery } from './pagination.js';
export * from './tenancy.js';
export * from './threads.js';
export * from './report.js';
export * from './websocket.js';
export * from './ingestion.js';
export * from './analytics.js';
export * from './pricing-settings.js';
export * from './runs.js';
export * from './run-report.js';
export * from './demo-data.js';
export * from './budgets.js';
export * from './webhook-targets.js';
export * from './account-profile.js';
