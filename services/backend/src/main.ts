import { runMain, startService } from '@netra/shared/http';
import { buildBackendApp, openBackend } from '#composition.js';
import { loadBackendConfig } from '#config.js';

runMain('backend', () =>
  startService({
    name: 'backend',
    loadConfig: loadBackendConfig,
    openStores: openBackend,
    buildApp: buildBackendApp,
  }),
);
