/**
 * Secrets: one `SecretSource` interface with environment, file and Google Secret Manager providers.
 * @module
 */
export {
  EnvironmentSecretSource,
  FileSecretSource,
  assertSecretName,
  selectSecretSource,
  type SecretSource,
  type SecretSourceChoice,
} from './secret-source.js';
export {
  SecretManagerSource,
  createSecretManagerSource,
  type SecretManagerClient,
} from './secret-manager.js';
