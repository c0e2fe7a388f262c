/**
 * Rewrites the README's configuration tables from the configuration schemas
 * (`npm run docs:config`). Each service's tests fail while its table is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describeConfig, renderConfigTable } from '@netra/shared/server';
import { authConfigSpec } from '../services/auth/src/config.js';
import { backendConfigSpec } from '../services/backend/src/config.js';
import { frontendConfigSpec } from '../services/frontend/lib/server/frontend-config.js';
import { launcherConfigSpec } from '../packages/dev-launcher/src/config/launcher-config.js';

const README = new URL('../README.md', import.meta.url);

const tables: Record<string, string> = {
  backend: renderConfigTable(describeConfig(backendConfigSpec)),
  auth: renderConfigTable(describeConfig(authConfigSpec)),
  frontend: renderConfigTable(describeConfig(frontendConfigSpec)),
  'dev-launcher': renderConfigTable(describeConfig(launcherConfigSpec)),
};

let readme = readFileSync(README, 'utf8');
for (const [name, table] of Object.entries(tables)) {
  const start = `<!-- config:${name} -->`;
  const end = `<!-- /config:${name} -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to === -1) {
    throw new Error(`README has no ${start} … ${end} section`);
  }
  readme = `${readme.slice(0, from + start.length)}\n${table}\n${readme.slice(to)}`;
}
writeFileSync(README, readme);
process.stdout.write(`updated ${Object.keys(tables).length} configuration tables in README.md\n`);
