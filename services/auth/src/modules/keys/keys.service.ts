import type { AuthConfig } from '#config.js';
import { devKeyFile, devKeyRing, keyRingFromConfig, type KeyRing } from './signing-keys.js';

/**
 * The signing keys: from AUTH_SIGNING_KEYS when given (required when deployed), else the development
 * key file under NETRA_DATA_DIR, generated on first start.
 * @throws SigningKeyError when the configured or stored keys are unusable
 */
export function loadKeyRing(config: AuthConfig): Promise<KeyRing> {
  const configured = config.values.AUTH_SIGNING_KEYS;
  return configured === undefined
    ? devKeyRing(devKeyFile(config.values.NETRA_DATA_DIR))
    : keyRingFromConfig(configured);
}
