import { ALERT_KINDS, BUDGET_SCOPES, WEBHOOK_FORMATS } from '@netra/shared/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from '#modules/organizations/organizations.tables.js';
import { appSchema, createdAtColumn } from '#platform/stores/postgres-schema.js';

/** What a budget covers: the whole organization, or the usage of one feature, model, provider, user or tag. */
export { ALERT_KINDS, BUDGET_SCOPES, WEBHOOK_FORMATS };
export type BudgetScopeKind = (typeof BUDGET_SCOPES)[number];

/** A monthly spend limit in US dollars, warned about at percentages of it (default 50, 80, 100). */
export const budgets = appSchema.table(
  'budgets',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    amountUsd: doublePrecision('amount_usd').notNull(),
    scopeKind: text('scope_kind').$type<BudgetScopeKind>().notNull(),
    /** The feature, model, provider, user id or tag; '' for the whole organization. */
    scopeValue: text('scope_value').notNull().default(''),
    /** Percentages of the amount, ascending, each alerted once per month. */
    thresholds: integer('thresholds').array().notNull(),
    createdBy: text('created_by'),
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('budgets_org_idx').on(table.orgId, table.createdAt),
    check('budgets_amount_check', sql`${table.amountUsd} > 0`),
    check(
      'budgets_scope_check',
      sql`${table.scopeKind} in ('org', 'feature', 'model', 'provider', 'user_id', 'tag')`,
    ),
  ],
);

export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * A fired alert. (budget, kind, threshold, period) is unique, so an alert fires once per threshold
 * and month (or per anomalous day), however often and on however many workers evaluation runs.
 */
export const alerts = appSchema.table(
  'alerts',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    budgetId: uuid('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<AlertKind>().notNull(),
    /** The threshold percentage for budget alerts; 0 for anomalies. */
    thresholdPct: integer('threshold_pct').notNull().default(0),
    /** `YYYY-MM` for budget alerts, the anomalous UTC day `YYYY-MM-DD` for anomalies. */
    period: text('period').notNull(),
    /** The figures behind the alert (spend, forecast, observed value, median, MAD, …). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    /** Millisecond precision, so a cursor (a JavaScript date) names a row exactly. */
    firedAt: timestamp('fired_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('alerts_once_key').on(table.budgetId, table.kind, table.thresholdPct, table.period),
    index('alerts_org_recent_idx').on(table.orgId, table.firedAt.desc(), table.id.desc()),
    check(
      'alerts_kind_check',
      sql`${table.kind} in ('threshold_crossed', 'threshold_forecast', 'spend_anomaly', 'error_rate_anomaly')`,
    ),
  ],
);

export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * Where alerts are delivered: a URL, its body format, the secret its bodies are signed with, whether
 * it is on, and which alert kinds it receives.
 */
export const webhookTargets = appSchema.table(
  'webhook_targets',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    format: text('format').$type<WebhookFormat>().notNull(),
    /** HMAC-SHA256 key of the signature header; kept in clear because signing needs it, shown once. */
    secret: text('secret').notNull(),
    /** A disabled target keeps its URL and secret but receives no alerts. */
    enabled: boolean('enabled').notNull().default(true),
    /** The alert kinds delivered to it; every kind by default. */
    events: text('events')
      .array()
      .$type<AlertKind[]>()
      .notNull()
      .default(
        sql`array['threshold_crossed', 'threshold_forecast', 'spend_anomaly', 'error_rate_anomaly']::text[]`,
      ),
    createdBy: text('created_by'),
    createdAt: createdAtColumn(),
  },
  (table) => [
    index('webhook_targets_org_idx').on(table.orgId),
    check('webhook_targets_format_check', sql`${table.format} in ('generic', 'slack')`),
  ],
);

export type BudgetRow = typeof budgets.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;
export type WebhookTargetRow = typeof webhookTargets.$inferSelect;
