/**
 * `npm run deploy -- --project P [--environment E] [--build-local] [--run-checks] [--dry-run] …`:
 * validates and deploys the platform to Google Cloud Run. The deploy tool lives in packages/deploy;
 * this entry hands it the services' configuration specs, which a package may not import itself.
 */
import { runDeploy } from '@netra/deploy';
import { authConfigSpec } from '../services/auth/src/config.js';
import { backendConfigSpec } from '../services/backend/src/config.js';
import { frontendConfigSpec } from '../services/frontend/lib/server/frontend-config.js';

const root = new URL('..', import.meta.url).pathname;

process.exitCode = await runDeploy(process.argv.slice(2), {
  specs: { auth: authConfigSpec, backend: backendConfigSpec, frontend: frontendConfigSpec },
  root,
  out: (line) => process.stdout.write(`${line}\n`),
});
