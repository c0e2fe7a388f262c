import { runMain, startService } from '@netra/shared/http';
import { buildAuthApp } from '#composition.js';
import { loadAuthConfig, type AuthConfig } from '#config.js';
import { loadKeyRing } from '#create-context.js';
import type { KeyRing } from '#modules/keys/signing-keys.js';
import { openAuthStores, type AuthStores } from '#platform/stores/index.js';

interface StartedStores extends AuthStores {
  keys: KeyRing;
}

/** Keys are loaded with the stores so a bad AUTH_SIGNING_KEYS stops the start before listening. */
async function openStoresAndKeys(config: AuthConfig): Promise<StartedStores> {
  const keys = await loadKeyRing(config);
  const stores = await openAuthStores(config);
  return { ...stores, keys };
}

runMain('auth', () =>
  startService({
    name: 'auth',
    loadConfig: loadAuthConfig,
    openStores: openStoresAndKeys,
    buildApp: ({ config, logger, stores }) => buildAuthApp({ config, logger, stores, keys: stores.keys }),
  }),
);
