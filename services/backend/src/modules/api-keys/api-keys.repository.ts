import { and, eq, isNull, sql } from 'drizzle-orm';
import { newId } from '@netra/shared';
import { insertedRow, type AppDatabase } from '#platform/stores/postgres.js';
import { apiKeys, type ApiKeyRow } from './api-keys.tables.js';

export interface NewApiKey {
  orgId: string;
  name: string;
  prefix: string;
  keyHash: string;
  createdBy: string | null;
}

/** Every PostgreSQL query on ingestion API keys; each one on owned rows takes the organization id. */
export class ApiKeysRepository {
  constructor(private readonly db: AppDatabase) {}

  async insert(key: NewApiKey): Promise<ApiKeyRow> {
    const rows = await this.db
      .insert(apiKeys)
      .values({ id: newId(), ...key })
      .returning();
    return insertedRow(rows, 'api key');
  }

  /** A live (not revoked) key by its public prefix. */
  async findLive(prefix: string): Promise<ApiKeyRow | undefined> {
    const rows = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)))
      .limit(1);
    return rows[0];
  }

  async list(orgId: string): Promise<ApiKeyRow[]> {
    return this.db.select().from(apiKeys).where(eq(apiKeys.orgId, orgId)).orderBy(apiKeys.createdAt);
  }

  async touch(id: string): Promise<void> {
    await this.db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiKeys.id, id));
  }

  /** Revokes a key of this organization; false when there was no such live key. */
  async revoke(orgId: string, prefix: string): Promise<boolean> {
    const rows = await this.db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    return rows.length === 1;
  }

  /** Revokes a live key of this organization by id; false when there was none. */
  async revokeById(orgId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    return rows.length === 1;
  }
}
