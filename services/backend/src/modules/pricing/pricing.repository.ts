import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { newId } from '@netra/shared';
import type { PriceOverride } from '@netra/optimizer';
import { insertedRow, type AppDatabase } from '#platform/stores/postgres.js';
import { priceOverrides, type PriceOverrideRow } from './pricing.tables.js';

/** A price override as stored: its spec, what it targets and when it is in force. */
export interface PriceOverrideValues {
  spec: PriceOverride;
  target: string;
  effectiveFrom: Date | null;
  effectiveTo: Date | null;
}

/** Every PostgreSQL query on price overrides; each one takes the organization id. */
export class PricingRepository {
  constructor(private readonly db: AppDatabase) {}

  async insert(orgId: string, values: PriceOverrideValues, createdBy: string): Promise<PriceOverrideRow> {
    const rows = await this.db
      .insert(priceOverrides)
      .values({ id: newId(), orgId, createdBy, ...values })
      .returning();
    return insertedRow(rows, 'price override');
  }

  /** The organization's overrides, oldest first (the order they were written in). */
  async list(orgId: string): Promise<PriceOverrideRow[]> {
    return this.db
      .select()
      .from(priceOverrides)
      .where(eq(priceOverrides.orgId, orgId))
      .orderBy(asc(priceOverrides.createdAt), asc(priceOverrides.id));
  }

  async find(orgId: string, id: string): Promise<PriceOverrideRow | undefined> {
    const rows = await this.db
      .select()
      .from(priceOverrides)
      .where(and(eq(priceOverrides.orgId, orgId), eq(priceOverrides.id, id)))
      .limit(1);
    return rows[0];
  }

  /** The organization's other overrides on the same target (for the overlap rule). */
  async sameTarget(orgId: string, target: string, exceptId?: string): Promise<PriceOverrideRow[]> {
    const conditions = [eq(priceOverrides.orgId, orgId), eq(priceOverrides.target, target)];
    if (exceptId !== undefined) {
      conditions.push(ne(priceOverrides.id, exceptId));
    }
    return this.db
      .select()
      .from(priceOverrides)
      .where(and(...conditions));
  }

  async update(
    orgId: string,
    id: string,
    values: PriceOverrideValues,
  ): Promise<PriceOverrideRow | undefined> {
    const rows = await this.db
      .update(priceOverrides)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(priceOverrides.orgId, orgId), eq(priceOverrides.id, id)))
      .returning();
    return rows[0];
  }

  /** Deletes an override of this organization; false when it had none with that id. */
  async remove(orgId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(priceOverrides)
      .where(and(eq(priceOverrides.orgId, orgId), eq(priceOverrides.id, id)))
      .returning({ id: priceOverrides.id });
    return rows.length === 1;
  }
}
