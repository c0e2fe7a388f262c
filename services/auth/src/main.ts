import { runMain, startService } from '@netra/shared/http';
import { buildAuthApp, openAuth } from '#composition.js';
import { loadAuthConfig } from '#config.js';

runMain('auth', () =>
  startService({
    name: 'auth',
    loadConfig: loadAuthConfig,
    openStores: (config) => openAuth(config),
    buildApp: buildAuthApp,
  }),
);
