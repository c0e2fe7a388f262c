import type { AccessTokenVerifier } from '@netra/shared/auth';
import type { AuthConfig } from '#config.js';
import type { KeyRing } from '#modules/keys/signing-keys.js';
import type { AuthDb } from '#platform/stores/auth.repository.js';
import type { AuthHotRepository } from '#platform/stores/hot.repository.js';

/** Everything the auth service's business logic needs, assembled once at start. */
export interface AuthContext {
  config: AuthConfig;
  db: AuthDb;
  hot: AuthHotRepository;
  keys: KeyRing;
  verifyAccessToken: AccessTokenVerifier;
}

/** Who is asking: recorded on sessions and in the audit log. */
export interface ClientInfo {
  ip: string | undefined;
  userAgent: string | undefined;
}
