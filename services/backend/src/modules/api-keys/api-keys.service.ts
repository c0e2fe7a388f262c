import { AppError } from '@netra/shared';
import { apiKeyMatches, apiKeyPrefix, hashApiKey, newApiKey } from './api-key-token.js';
import type { ApiKeysRepository } from './api-keys.repository.js';
import type { ApiKeyRow } from './api-keys.tables.js';

/** A new key: `key` is shown once and never stored; `row` is what is kept. */
export interface CreatedApiKey {
  key: string;
  row: ApiKeyRow;
}

/** The organization and key a caller authenticates as. */
export interface ApiKeyPrincipal {
  orgId: string;
  keyId: string;
  prefix: string;
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Ingestion keys: created shown once, listed by prefix, revoked. Authentication writes `last_used_at`
 * at most once a minute per key, so a busy ingestion client costs one lookup per request and rarely a write.
 */
export class ApiKeysService {
  private readonly touched = new Map<string, number>();

  constructor(private readonly keys: ApiKeysRepository) {}

  async create(orgId: string, name: string, createdBy: string | null = null): Promise<CreatedApiKey> {
    const { key, prefix } = newApiKey();
    const row = await this.keys.insert({ orgId, name, prefix, keyHash: hashApiKey(key), createdBy });
    return { key, row };
  }

  list(orgId: string): Promise<ApiKeyRow[]> {
    return this.keys.list(orgId);
  }

  /** Revokes a live key of this organization; false when there was none. */
  revoke(orgId: string, prefix: string): Promise<boolean> {
    return this.keys.revoke(orgId, prefix);
  }

  /** Revokes by id (the REST surface); 404 when the organization has no such live key. */
  async revokeById(orgId: string, id: string): Promise<void> {
    if (!(await this.keys.revokeById(orgId, id))) {
      throw new AppError(404, 'not_found', 'API key not found or already revoked');
    }
  }

  /** True when the key exists, is live and matches its stored hash. */
  async isLive(key: string): Promise<boolean> {
    return (await this.liveRow(key)) !== undefined;
  }

  /** The principal, or 401 `invalid_api_key`. */
  async authenticate(key: string): Promise<ApiKeyPrincipal> {
    const row = await this.liveRow(key);
    if (row === undefined) {
      throw new AppError(
        401,
        'invalid_api_key',
        'A valid ingestion API key is required (Authorization: Bearer nk_…)',
      );
    }
    this.touchLater(row.id);
    return { orgId: row.orgId, keyId: row.id, prefix: row.prefix };
  }

  private async liveRow(key: string): Promise<ApiKeyRow | undefined> {
    const prefix = apiKeyPrefix(key);
    const row = prefix === undefined ? undefined : await this.keys.findLive(prefix);
    return row !== undefined && apiKeyMatches(key, row.keyHash) ? row : undefined;
  }

  private touchLater(id: string): void {
    const last = this.touched.get(id) ?? 0;
    if (Date.now() - last < TOUCH_EVERY_MS) {
      return;
    }
    this.touched.set(id, Date.now());
    // Best effort: a missed last-used stamp must never fail an ingestion request.
    this.keys.touch(id).catch(() => undefined);
  }
}
