import { and, eq, isNull, sql } from 'drizzle-orm';
import { newId } from '@netra/shared';
import type { PostgresDatabase } from '@netra/shared/postgres';
import {
  apiKeys,
  organizations,
  type ApiKeyRow,
  type BackendSchema,
  type OrganizationRow,
} from './schema.js';

/**
 * The backend's only PostgreSQL module (split by read model before it passes ~300 lines). Every
 * query on owned data takes the organization id.
 */
export type AppDb = PostgresDatabase<BackendSchema>;

/** Creates the organization with this slug unless it exists; returns it either way. */
export async function ensureOrganization(db: AppDb, slug: string, name: string): Promise<OrganizationRow> {
  await db.insert(organizations).values({ id: newId(), slug, name }).onConflictDoNothing();
  const found = await findOrganizationBySlug(db, slug);
  if (found === undefined) {
    throw new Error(`organization ${slug} could not be created`);
  }
  return found;
}

export async function findOrganizationBySlug(db: AppDb, slug: string): Promise<OrganizationRow | undefined> {
  const rows = await db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return rows[0];
}

export async function findOrganizationById(db: AppDb, id: string): Promise<OrganizationRow | undefined> {
  const rows = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return rows[0];
}

export interface NewApiKey {
  orgId: string;
  name: string;
  prefix: string;
  keyHash: string;
  createdBy: string | null;
}

export async function insertApiKey(db: AppDb, key: NewApiKey): Promise<ApiKeyRow> {
  const rows = await db
    .insert(apiKeys)
    .values({ id: newId(), ...key })
    .returning();
  const row = rows[0];
  if (row === undefined) {
    throw new Error('api key insert returned no row');
  }
  return row;
}

/** A live (not revoked) key by its public prefix. */
export async function findLiveApiKey(db: AppDb, prefix: string): Promise<ApiKeyRow | undefined> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)))
    .limit(1);
  return rows[0];
}

export async function listApiKeys(db: AppDb, orgId: string): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).where(eq(apiKeys.orgId, orgId)).orderBy(apiKeys.createdAt);
}

export async function touchApiKey(db: AppDb, id: string): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(apiKeys.id, id));
}

/** Revokes a key of this organization; false when there was no such live key. */
export async function revokeApiKey(db: AppDb, orgId: string, prefix: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length === 1;
}
