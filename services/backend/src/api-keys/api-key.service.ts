import { AppError } from '@netra/shared';
import { apiKeyMatches, apiKeyPrefix, hashApiKey, newApiKey } from './api-key-token.js';
import { findLiveApiKey, insertApiKey, touchApiKey, type AppDb } from '#stores/app.repository.js';
import type { ApiKeyRow } from '#stores/schema.js';

/** A new key: `key` is shown once and never stored; `row` is what is kept. */
export interface CreatedApiKey {
  key: string;
  row: ApiKeyRow;
}

/** Creates an ingestion key for an organization. */
export async function createApiKey(
  db: AppDb,
  orgId: string,
  name: string,
  createdBy: string | null = null,
): Promise<CreatedApiKey> {
  const { key, prefix } = newApiKey();
  const row = await insertApiKey(db, { orgId, name, prefix, keyHash: hashApiKey(key), createdBy });
  return { key, row };
}

/** The organization and key a caller authenticates as. */
export interface ApiKeyPrincipal {
  orgId: string;
  keyId: string;
  prefix: string;
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Authenticates `Authorization: Bearer nk_…` ingestion keys. `last_used_at` is written at most once a
 * minute per key, so a busy ingestion client costs one lookup per request and rarely a write.
 */
export class ApiKeyAuthenticator {
  private readonly touched = new Map<string, number>();

  constructor(private readonly db: AppDb) {}

  /** The principal, or 401 `invalid_api_key`. */
  async authenticate(key: string): Promise<ApiKeyPrincipal> {
    const prefix = apiKeyPrefix(key);
    const row = prefix === undefined ? undefined : await findLiveApiKey(this.db, prefix);
    if (row === undefined || !apiKeyMatches(key, row.keyHash)) {
      throw new AppError(
        401,
        'invalid_api_key',
        'A valid ingestion API key is required (Authorization: Bearer nk_…)',
      );
    }
    this.touchLater(row.id);
    return { orgId: row.orgId, keyId: row.id, prefix: row.prefix };
  }

  private touchLater(id: string): void {
    const last = this.touched.get(id) ?? 0;
    if (Date.now() - last < TOUCH_EVERY_MS) {
      return;
    }
    this.touched.set(id, Date.now());
    // Best effort: a missed last-used stamp must never fail an ingestion request.
    touchApiKey(this.db, id).catch(() => undefined);
  }
}
