import { createAccessTokenVerifier, localJwks } from '@netra/shared/auth';
import type { AuthConfig } from '#config.js';
import type { AuthContext } from '#context.js';
import { devKeyFile, devKeyRing, keyRingFromConfig, type KeyRing } from '#modules/keys/signing-keys.js';
import { AuthHotRepository } from '#platform/stores/hot.repository.js';
import type { AuthStores } from '#platform/stores/index.js';

/** Signing keys from configuration when given (required when deployed), else the development key file. */
export function loadKeyRing(config: AuthConfig): Promise<KeyRing> {
  const configured = config.values.AUTH_SIGNING_KEYS;
  return configured === undefined
    ? devKeyRing(devKeyFile(config.values.NETRA_DATA_DIR))
    : keyRingFromConfig(configured);
}

/** Assembles the business-logic context from configuration, keys and opened stores. */
export function createAuthContext(config: AuthConfig, stores: AuthStores, keys: KeyRing): AuthContext {
  const hot = new AuthHotRepository(stores.hot);
  const verifyAccessToken = createAccessTokenVerifier({
    keys: localJwks(keys.jwks()),
    isRevoked: (jti) => hot.isAccessTokenRevoked(jti),
  });
  return { config, db: stores.postgres.db, hot, keys, verifyAccessToken };
}
