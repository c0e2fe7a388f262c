import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { apiKeyMatches, apiKeyPrefix } from '#api-keys/api-key-token.js';
import { createApiKey } from '#api-keys/api-key.service.js';
import { findLiveApiKey, type AppDb } from '#stores/app.repository.js';
import { ensureDevelopmentOrganization } from './development-org.js';

/** Where the development ingestion key is kept (development only; the file is readable by its owner only). */
export function developmentKeyFile(dataDir: string): string {
  return join(dataDir, 'backend', 'dev-api-key');
}

async function stillValid(db: AppDb, key: string): Promise<boolean> {
  const prefix = apiKeyPrefix(key);
  const row = prefix === undefined ? undefined : await findLiveApiKey(db, prefix);
  return row !== undefined && apiKeyMatches(key, row.keyHash);
}

/**
 * Development convenience: the local development organization and one ingestion key for it, so a
 * fresh `npm start` can receive usage at once. Reuses the saved key while it is still live.
 */
export async function provisionDevelopmentKey(db: AppDb, dataDir: string): Promise<string> {
  const file = developmentKeyFile(dataDir);
  const saved = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (saved !== '' && (await stillValid(db, saved))) {
    return saved;
  }
  const org = await ensureDevelopmentOrganization(db);
  const { key } = await createApiKey(db, org.id, 'local development (created by npm start)');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
