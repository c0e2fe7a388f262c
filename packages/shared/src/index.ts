/**
 * Browser-safe entry of @netra/shared: nothing here touches Node APIs or process state.
 * Server-only infrastructure lives in `@netra/shared/server`.
 */
export { AppError, errors, isAppError, type AppErrorOptions } from './errors/app-error.js';
export {
  errorBodySchema,
  toErrorResponse,
  INTERNAL_ERROR_MESSAGE,
  type ErrorBody,
} from './errors/error-body.js';
export { newId, isSafeRequestId } from './ids/ids.js';
export {
  ENVIRONMENTS,
  detectEnvironment,
  isDeployedEnvironment,
  isEnvironmentName,
  type EnvironmentName,
} from './env/environment.js';
export {
  livenessSchema,
  readinessSchema,
  tierModeSchema,
  tierStatusSchema,
  type Liveness,
  type Readiness,
  type TierMode,
  type TierStatus,
} from './health/health.js';
export {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  accessTokenClaimsSchema,
  authSessionSchema,
  authUserSchema,
  type AccessTokenClaims,
  type AuthSession,
  type AuthUser,
} from './auth/token-contract.js';
export {
  DEFAULT_PREFIX_BLOCK_TOKENS,
  EARLIEST_EVENT_TIME_MS,
  LATEST_EVENT_TIME_MS,
  PERIOD_END_MESSAGE,
  TIMESTAMP_MESSAGE,
  toEventTime,
  tokenConsistencyIssue,
  parseUsageEvent,
  usageEventSchema,
  type ParsedRecord,
  type RejectedRecord,
  type UsageEvent,
  type UsageEventInput,
} from './usage/usage-event.js';
