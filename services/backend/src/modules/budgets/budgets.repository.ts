/**
 * Every PostgreSQL query of budgets, fired alerts and webhook targets; each takes the organization id.
 * @module
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { newId } from '@netra/shared';
import type { CursorPosition } from '#platform/http/cursor.js';
import { insertedRow, type AppDatabase } from '#platform/stores/postgres.js';
import {
  alerts,
  budgets,
  webhookTargets,
  type AlertKind,
  type AlertRow,
  type BudgetRow,
  type BudgetScopeKind,
  type WebhookFormat,
  type WebhookTargetRow,
} from './budgets.tables.js';

export interface NewBudget {
  name: string;
  amountUsd: number;
  scopeKind: BudgetScopeKind;
  scopeValue: string;
  thresholds: number[];
  createdBy: string | null;
}

export type BudgetChange = Partial<Omit<NewBudget, 'createdBy'>>;

export interface NewAlert {
  orgId: string;
  budgetId: string;
  kind: AlertKind;
  thresholdPct: number;
  period: string;
  details: Record<string, unknown>;
}

export interface NewWebhookTarget {
  url: string;
  format: WebhookFormat;
  secret: string;
  createdBy: string | null;
}

/** What `PATCH …/settings/webhooks/{id}` may change. */
export interface WebhookChange {
  url?: string;
  enabled?: boolean;
  events?: AlertKind[];
}

export class BudgetsRepository {
  constructor(private readonly db: AppDatabase) {}

  async createBudget(orgId: string, budget: NewBudget): Promise<BudgetRow> {
    const rows = await this.db
      .insert(budgets)
      .values({ id: newId(), orgId, ...budget })
      .returning();
    return insertedRow(rows, 'budget');
  }

  listBudgets(orgId: string): Promise<BudgetRow[]> {
    return this.db
      .select()
      .from(budgets)
      .where(eq(budgets.orgId, orgId))
      .orderBy(asc(budgets.createdAt), asc(budgets.id));
  }

  async findBudget(orgId: string, id: string): Promise<BudgetRow | undefined> {
    const rows = await this.db
      .select()
      .from(budgets)
      .where(and(eq(budgets.orgId, orgId), eq(budgets.id, id)));
    return rows[0];
  }

  async updateBudget(orgId: string, id: string, change: BudgetChange): Promise<BudgetRow | undefined> {
    const rows = await this.db
      .update(budgets)
      .set({ ...change, updatedAt: sql`now()` })
      .where(and(eq(budgets.orgId, orgId), eq(budgets.id, id)))
      .returning();
    return rows[0];
  }

  async deleteBudget(orgId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(budgets)
      .where(and(eq(budgets.orgId, orgId), eq(budgets.id, id)))
      .returning({ id: budgets.id });
    return rows.length > 0;
  }

  /** Organizations with at least one budget: the ones the scheduled evaluation visits. */
  async orgsWithBudgets(): Promise<string[]> {
    const rows = await this.db.selectDistinct({ orgId: budgets.orgId }).from(budgets);
    return rows.map((row) => row.orgId);
  }

  /** Stores the alerts not fired before; returns only those (the unique key drops the others). */
  async fireAlerts(candidates: readonly NewAlert[]): Promise<AlertRow[]> {
    if (candidates.length === 0) {
      return [];
    }
    return this.db
      .insert(alerts)
      .values(candidates.map((alert) => ({ id: newId(), ...alert })))
      .onConflictDoNothing({ target: [alerts.budgetId, alerts.kind, alerts.thresholdPct, alerts.period] })
      .returning();
  }

  /** Most recent first. */
  listAlerts(orgId: string, after: CursorPosition | undefined, limit: number): Promise<AlertRow[]> {
    const cursor =
      after === undefined
        ? undefined
        : sql`(${alerts.firedAt}, ${alerts.id}) < (${after.at.toISOString()}, ${after.id})`;
    return (
      this.db
        .select()
        .from(alerts)
        .where(and(eq(alerts.orgId, orgId), cursor))
        // NULLS LAST like the index (both columns are NOT NULL), so the page is read off the index in order.
        .orderBy(sql`${alerts.firedAt} desc nulls last`, sql`${alerts.id} desc nulls last`)
        .limit(limit + 1)
    );
  }

  async findAlert(id: string): Promise<AlertRow | undefined> {
    const rows = await this.db.select().from(alerts).where(eq(alerts.id, id));
    return rows[0];
  }

  async createWebhook(orgId: string, target: NewWebhookTarget): Promise<WebhookTargetRow> {
    const rows = await this.db
      .insert(webhookTargets)
      .values({ id: newId(), orgId, ...target })
      .returning();
    return insertedRow(rows, 'webhook target');
  }

  listWebhooks(orgId: string): Promise<WebhookTargetRow[]> {
    return this.db
      .select()
      .from(webhookTargets)
      .where(eq(webhookTargets.orgId, orgId))
      .orderBy(asc(webhookTargets.createdAt), asc(webhookTargets.id));
  }

  async findWebhooks(orgId: string, ids: readonly string[]): Promise<WebhookTargetRow[]> {
    if (ids.length === 0) {
      return [];
    }
    return this.db
      .select()
      .from(webhookTargets)
      .where(and(eq(webhookTargets.orgId, orgId), inArray(webhookTargets.id, [...ids])));
  }

  /** The changed target, or undefined when the organization has no such target. */
  async updateWebhook(
    orgId: string,
    id: string,
    change: WebhookChange,
  ): Promise<WebhookTargetRow | undefined> {
    const rows = await this.db
      .update(webhookTargets)
      .set(change)
      .where(and(eq(webhookTargets.orgId, orgId), eq(webhookTargets.id, id)))
      .returning();
    return rows[0];
  }

  async deleteWebhook(orgId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(webhookTargets)
      .where(and(eq(webhookTargets.orgId, orgId), eq(webhookTargets.id, id)))
      .returning({ id: webhookTargets.id });
    return rows.length > 0;
  }
}
