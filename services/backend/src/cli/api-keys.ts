/**
 * Ingestion API keys for the local development organization, from the command line:
 *   npm run api-key -- create [--name <name>]   prints the new key once
 *   npm run api-key -- list
 *   npm run api-key -- revoke <prefix>
 * With embedded PostgreSQL the backend must not be running (its data directory is locked).
 */
import { IsolatedEnvironment } from '@netra/shared/server';
import { runMain } from '@netra/shared/http';
import { openKeyAdministration, type KeyAdministration } from '#composition.js';
import { loadBackendConfig } from '#config.js';
import type { ApiKeysService } from '#modules/api-keys/api-keys.service.js';

const USAGE = 'usage: npm run api-key -- create [--name <name>] | list | revoke <prefix>\n';

function write(text: string): void {
  process.stdout.write(text);
}

interface Org {
  id: string;
  slug: string;
}

async function create(apiKeys: ApiKeysService, org: Org, rest: string[]): Promise<number> {
  const nameAt = rest.indexOf('--name');
  const name = nameAt === -1 ? 'created from the command line' : (rest[nameAt + 1] ?? '');
  const { key, row } = await apiKeys.create(org.id, name);
  write(`${key}\n`);
  process.stderr.write(
    `created key ${row.prefix} for organization ${org.slug}; it is shown only this once\n`,
  );
  return 0;
}

async function list(apiKeys: ApiKeysService, org: Org): Promise<number> {
  for (const key of await apiKeys.list(org.id)) {
    const state = key.revokedAt === null ? 'live' : `revoked ${key.revokedAt.toISOString()}`;
    write(`${key.prefix}\t${state}\t${key.name}\tcreated ${key.createdAt.toISOString()}\n`);
  }
  return 0;
}

async function revoke(apiKeys: ApiKeysService, org: Org, prefix: string): Promise<number> {
  const revoked = await apiKeys.revoke(org.id, prefix);
  process.stderr.write(revoked ? `revoked ${prefix}\n` : `no live key ${prefix} in ${org.slug}\n`);
  return revoked ? 0 : 1;
}

async function run({ apiKeys, developmentOrg }: KeyAdministration, args: string[]): Promise<number> {
  const org = await developmentOrg();
  const [command, ...rest] = args;
  if (command === 'create') {
    return create(apiKeys, org, rest);
  }
  if (command === 'list') {
    return list(apiKeys, org);
  }
  if (command === 'revoke' && rest[0] !== undefined) {
    return revoke(apiKeys, org, rest[0]);
  }
  process.stderr.write(USAGE);
  return 2;
}

runMain('api-key', async () => {
  const config = loadBackendConfig(IsolatedEnvironment.fromProcess());
  const administration = await openKeyAdministration(config);
  try {
    process.exitCode = await run(administration, process.argv.slice(2));
  } finally {
    await administration.close();
  }
});
