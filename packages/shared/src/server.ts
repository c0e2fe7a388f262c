/**
 * Server-only entry of @netra/shared: configuration, environment, database URLs, CORS, logging.
 * Never import this from browser code.
 */
export {
  IsolatedEnvironment,
  currentEnvironment,
  runWithEnvironment,
  DOTENV_FILES,
  type FromProcessOptions,
  type ValueOrigin,
  type ValueSource,
} from './env/isolated-environment.js';
export { looksSecret, maskUrlPassword, maskValue, MASK } from './env/secrets.js';
export {
  ConfigError,
  defineConfig,
  describeConfig,
  loadConfig,
  type CheckContext,
  type ConfigDocRow,
  type ConfigSpec,
  type ConfigValues,
  type LoadedConfig,
  type VariableShape,
  type VariableSpec,
} from './config/config-spec.js';
export {
  vars,
  serviceVariables,
  isLocalUrl,
  localhostProblems,
  missingProblems,
  databaseUrlProblems,
} from './config/variables.js';
export { packageVersion } from './config/package-version.js';
export { readmeConfigSection, renderConfigTable } from './config/config-docs.js';
export {
  DatabaseUrlError,
  SSL_MODES,
  databaseNameOf,
  resolveDatabaseUrl,
  type DatabaseTls,
  type ResolvedDatabaseUrl,
  type SslMode,
} from './db/database-url.js';
export {
  buildCorsPolicy,
  defaultCorsOrigins,
  CorsPolicyError,
  type CorsPolicy,
  type CorsPolicyInput,
} from './http/cors-policy.js';
export { createLogger, REDACTED_PATHS, type Logger, type LoggerInput } from './logging/logger.js';
export {
  readServicesFile,
  serviceEntrySchema,
  servicesFilePath,
  servicesFileSchema,
  type ServiceEntry,
  type ServicesFile,
} from './discovery/services-file.js';
export {
  EnvironmentSecretSource,
  FileSecretSource,
  SecretManagerSource,
  assertSecretName,
  createSecretManagerSource,
  selectSecretSource,
  type SecretManagerClient,
  type SecretSource,
  type SecretSourceChoice,
} from './secrets/index.js';
