import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApiKeysService } from './api-keys.service.js';

/** Where the development ingestion key is kept (development only; the file is readable by its owner only). */
export function developmentKeyFile(dataDir: string): string {
  return join(dataDir, 'backend', 'dev-api-key');
}

/**
 * Development convenience: one ingestion key for the development organization, so a fresh
 * `npm start` can receive usage at once. Reuses the saved key while it is still live.
 */
export async function provisionDevelopmentKey(
  apiKeys: ApiKeysService,
  orgId: string,
  dataDir: string,
): Promise<string> {
  const file = developmentKeyFile(dataDir);
  const saved = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (saved !== '' && (await apiKeys.isLive(saved))) {
    return saved;
  }
  const { key } = await apiKeys.create(orgId, 'local development (created by npm start)');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
