import { runMain, startService } from '@netra/shared/http';
import { buildBackendApp } from '#app.js';
import { loadBackendConfig, type BackendConfig } from '#config.js';
import { provisionDevelopmentKey } from '#organizations/development-access.js';
import { openBackendStores, type BackendStores } from '#stores/index.js';

/** In development the local organization gets an ingestion key at once, so usage can be sent right away. */
async function openStoresForStart(config: BackendConfig): Promise<BackendStores> {
  const stores = await openBackendStores(config);
  if (config.environment === 'development') {
    try {
      await provisionDevelopmentKey(stores.postgres.db, config.values.NETRA_DATA_DIR);
    } catch (error) {
      await stores.close();
      throw error;
    }
  }
  return stores;
}

runMain('backend', () =>
  startService({
    name: 'backend',
    loadConfig: loadBackendConfig,
    openStores: openStoresForStart,
    buildApp: buildBackendApp,
  }),
);
