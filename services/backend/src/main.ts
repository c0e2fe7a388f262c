import { runMain, startService } from '@netra/shared/http';
import { buildBackendApp, openBackend, startWorker } from '#composition.js';
import { loadBackendConfig } from '#config.js';
import { buildHealthApp } from '#platform/runtime/health-app.js';
import { commandLineOverrides, hasRole } from '#platform/runtime/roles.js';

/** `node dist/main.js [--roles api,worker]`: the roles default to BACKEND_ROLES (both unless set). */
runMain('backend', async () => {
  const overrides = commandLineOverrides(process.argv.slice(2));
  await startService({
    name: 'backend',
    loadConfig: (env) => loadBackendConfig(env.withOverrides(overrides)),
    openStores: openBackend,
    buildApp: (deps) =>
      hasRole(deps.config.values.BACKEND_ROLES, 'api') ? buildBackendApp(deps) : buildHealthApp(deps),
    startBackground: async ({ config, logger, stores }) =>
      hasRole(config.values.BACKEND_ROLES, 'worker') ? startWorker(stores, logger) : undefined,
  });
});
