/**
 * Wire shapes of budgets, fired alerts and webhook targets, and the presenters that produce them.
 * @module
 */
import { pageQuerySchema, pageSchema } from '@netra/shared/contracts';
import { z } from 'zod';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { BudgetWithFigures } from './budgets.service.js';
import {
  ALERT_KINDS,
  BUDGET_SCOPES,
  WEBHOOK_FORMATS,
  type AlertRow,
  type WebhookTargetRow,
} from './budgets.tables.js';

export { pageQuerySchema, pageSchema };

export const DEFAULT_THRESHOLDS = [50, 80, 100];
const isoDate = z.iso.datetime({ offset: true });

export const budgetParamsSchema = orgParamsSchema.extend({ id: z.uuid() });

/** Percentages of the budget, each from 1 to 1000, no repeats; stored ascending. */
const thresholdsSchema = z
  .array(z.int().min(1).max(1000))
  .min(1)
  .max(10)
  .refine((values) => new Set(values).size === values.length, 'thresholds must not repeat')
  .transform((values) => [...values].sort((a, b) => a - b));

/** `org` covers the whole organization and takes no value; the others name the feature, model, … */
const scopeSchema = z
  .object({ kind: z.enum(BUDGET_SCOPES), value: z.string().trim().max(200).default('') })
  .refine((scope) => (scope.kind === 'org') === (scope.value === ''), {
    message: 'a value names the feature, model, provider, user or tag; the org scope takes none',
    path: ['value'],
  });

const amountSchema = z.number().positive().max(1e12);

export const createBudgetBodySchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  amount_usd: amountSchema,
  scope: scopeSchema.default({ kind: 'org', value: '' }),
  thresholds: thresholdsSchema.default(DEFAULT_THRESHOLDS),
});
export type CreateBudgetBody = z.output<typeof createBudgetBodySchema>;

export const updateBudgetBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    amount_usd: amountSchema,
    scope: scopeSchema,
    thresholds: thresholdsSchema,
  })
  .partial();
export type UpdateBudgetBody = z.output<typeof updateBudgetBodySchema>;

export const budgetSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  amount_usd: z.number(),
  scope: z.object({ kind: z.enum(BUDGET_SCOPES), value: z.string() }),
  thresholds: z.array(z.int()),
  /** The current UTC month: spend so far, the last 7 complete days' average, and the month-end forecast. */
  current: z.object({
    month: z.string(),
    spend_usd: z.number(),
    daily_rate_usd: z.number(),
    forecast_usd: z.number(),
  }),
  created_at: isoDate,
  updated_at: isoDate,
});
export const budgetListSchema = z.object({ items: z.array(budgetSchema) });

export const alertSchema = z.object({
  id: z.uuid(),
  budget_id: z.uuid(),
  kind: z.enum(ALERT_KINDS),
  /** The threshold percentage of a budget alert; null for anomalies. */
  threshold_pct: z.int().nullable(),
  /** `YYYY-MM` for budget alerts, the anomalous day for anomalies. */
  period: z.string(),
  details: z.record(z.string(), z.unknown()),
  fired_at: isoDate,
});
export type Alert = z.infer<typeof alertSchema>;

export const webhookParamsSchema = orgParamsSchema.extend({ id: z.uuid() });

/** http(s) only, no credentials in it (they would be logged and shown); the signature authenticates us. */
const webhookUrlSchema = z
  .url({ protocol: /^https?$/, message: 'an http or https URL' })
  .max(2048)
  // Zod runs this check even when the URL check failed, so it must not assume a parsable URL.
  .refine((url) => {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    return parsed === undefined || (parsed.username === '' && parsed.password === '');
  }, 'the URL must not hold a user or password');

export const createWebhookBodySchema = z.object({
  url: webhookUrlSchema,
  format: z.enum(WEBHOOK_FORMATS).default('generic'),
  /** Signs each body (HMAC-SHA256); one is generated when none is given. Returned only now. */
  secret: z.string().min(16).max(200).optional(),
});
export type CreateWebhookBody = z.output<typeof createWebhookBodySchema>;

export const webhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  created_at: isoDate,
});
export const createdWebhookSchema = webhookSchema.extend({ secret: z.string() });
export const webhookListSchema = z.object({ items: z.array(webhookSchema) });

/** Dollars to the millionth, so sums of stored floats read as the figures they are. */
const micro = (value: number) => Math.round(value * 1e6) / 1e6;

export function presentBudget({ row, figures }: BudgetWithFigures): z.infer<typeof budgetSchema> {
  return {
    id: row.id,
    name: row.name,
    amount_usd: row.amountUsd,
    scope: { kind: row.scopeKind, value: row.scopeValue },
    thresholds: row.thresholds,
    current: {
      month: figures.month,
      spend_usd: micro(figures.spendUsd),
      daily_rate_usd: micro(figures.dailyRateUsd),
      forecast_usd: micro(figures.forecastUsd),
    },
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function presentAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    budget_id: row.budgetId,
    kind: row.kind,
    threshold_pct: row.kind.endsWith('_anomaly') ? null : row.thresholdPct,
    period: row.period,
    details: row.details,
    fired_at: row.firedAt.toISOString(),
  };
}

export function presentWebhook(row: WebhookTargetRow): z.infer<typeof webhookSchema> {
  return { id: row.id, url: row.url, format: row.format, created_at: row.createdAt.toISOString() };
}
