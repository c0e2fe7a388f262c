import { z } from 'zod';
import type { ApiKey } from '@netra/shared/contracts';
import type { ApiKeyRow } from './api-keys.tables.js';

export { apiKeySchema, createApiKeyBodySchema, createdApiKeySchema } from '@netra/shared/contracts';

export const apiKeyParamsSchema = z.object({ org_id: z.string(), id: z.uuid() });

export function presentApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
